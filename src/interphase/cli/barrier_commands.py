"""Migration-path commands: `paths` (distinct hops on the BVSE map and the 1D/2D/3D networks)
and `neb` (climbing-image NEB barriers of those hops with an ML potential).

The engines are atomistic.paths and atomistic.neb; this module parses options, prints and
plots. bvlain, ASE and the potentials are imported only when a command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from interphase.cli.common import (
    check_plot_path,
    console,
    emit_json,
    progress_bar,
    save_figure,
    table,
)
from interphase.errors import InvalidConditionError


def _supercell(text: str | None) -> tuple[int, int, int] | None:
    """ "2x2x1" -> (2, 2, 1); None when not given."""
    if text is None:
        return None
    parts = text.lower().replace(",", "x").split("x")
    try:
        mult = tuple(int(p) for p in parts)
    except ValueError:
        mult = ()
    if len(mult) != 3 or not all(1 <= m <= 20 for m in mult):
        raise InvalidConditionError(
            f"--supercell {text!r}: give three repeats of 1–20 such as 2x2x1"
        )
    return mult  # type: ignore[return-value]


def _hop_rows(paths: Any) -> list[list[Any]]:
    return [
        [
            h.index,
            f"{h.site_i}({h.wyckoff_i})→{h.site_j}({h.wyckoff_j})",
            ",".join(str(x) for x in h.image),
            h.length_a,
            h.multiplicity,
            h.saddle_ev,
            h.barrier_forward_ev,
            h.barrier_reverse_ev,
            h.path_length_a,
        ]
        for h in paths.hops
    ]


HOP_COLUMNS = [
    "hop",
    "sites",
    "image",
    "length (Å)",
    "mult.",
    "saddle (eV)",
    "fwd (eV)",
    "rev (eV)",
    "path (Å)",
]


def _print_paths(paths: Any) -> None:
    if paths.interstitials:
        console.print(
            table(
                f"interstitial {paths.mobile_ion} sites in {paths.formula} (empty BVSE minima)",
                ["site", "position (fractional)", "mult.", "energy (eV)", "nearest atom (Å)"],
                [
                    [
                        i.index,
                        " ".join(f"{x:.3f}" for x in i.frac_coords),
                        i.multiplicity,
                        i.energy_ev,
                        i.nearest_atom_a,
                    ]
                    for i in paths.interstitials
                ],
            )
        )
    console.print(
        table(
            f"{paths.mobile_ion} {paths.mechanism} hops in {paths.formula} "
            f"({paths.space_group}), BVSE",
            HOP_COLUMNS,
            _hop_rows(paths),
        )
    )
    console.print(
        table(
            "percolating networks (BVSE)",
            ["dim", "barrier (eV)", "bvse.py (eV)", "limiting hop", "hops"],
            [
                [
                    n.dimension,
                    n.barrier_ev,
                    n.bvse_percolation_ev,
                    n.limiting_hop,
                    ",".join(map(str, n.hops)) or "—",
                ]
                for n in paths.networks
            ],
        )
    )
    console.print(
        "saddle: BVSE maximum along the minimax grid path above the grid minimum; fwd/rev: "
        "above the start/end site; mult.: hops of the class per unit cell",
        highlight=False,
        markup=False,
    )


def _plot_paths(paths: Any, path: Path) -> None:
    import matplotlib.pyplot as plt
    import numpy as np

    fig, (ax, net) = plt.subplots(1, 2, figsize=(11, 4.2))
    for h in paths.hops:
        ax.plot(h.profile_distance_a, h.profile_energy_ev, label=f"hop {h.index}")
    ax.set_xlabel("distance along path (Å)")
    ax.set_ylabel("BVSE (eV above minimum)")
    ax.legend(fontsize=7)
    s = paths._structure
    lat = s.lattice.matrix
    axes = np.argsort(-np.linalg.norm(lat, axis=1))[:2]  # the two longest axes
    cart = s.cart_coords
    mobile = list(paths._mobile)
    net.scatter(cart[mobile, axes[0]], cart[mobile, axes[1]], c="tab:green", s=25, zorder=3)
    top = max((h.saddle_ev for h in paths.hops), default=1.0) or 1.0
    cmap = plt.get_cmap("viridis")
    for cls, i, j, img in paths._edges:
        a = cart[i]
        b = s.lattice.get_cartesian_coords(s[j].frac_coords + np.array(img))
        net.plot(
            [a[axes[0]], b[axes[0]]],
            [a[axes[1]], b[axes[1]]],
            color=cmap(paths.hops[cls].saddle_ev / top),
            lw=1.2,
        )
    net.set_aspect("equal")
    net.set_xlabel(f"{'abc'[axes[0]]}-axis projection (Å)")
    net.set_ylabel(f"{'abc'[axes[1]]}-axis projection (Å)")
    net.set_title("hops coloured by BVSE saddle")
    fig.suptitle(f"{paths.mobile_ion} paths in {paths.formula}")
    save_figure(fig, path)


def _plot_neb(res: Any, path: Path) -> None:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.5, 4.2))
    for n in res.nebs:
        ax.plot(n.profile_distance_a, n.profile_energy_ev, "o-", label=f"hop {n.hop_index}")
    ax.set_xlabel("reaction coordinate (Å, all atoms)")
    ax.set_ylabel("energy above initial state (eV)")
    ax.set_title(f"CI-NEB, {res.potential}, {res.formula}")
    ax.legend(fontsize=7)
    save_figure(fig, path)


def register(app: typer.Typer) -> None:
    @app.command("paths")
    def paths_cmd(
        structure: str = typer.Argument(..., help="CIF path or bundled name."),
        ion: str = typer.Option("Li", "--ion", help="Mobile element."),
        resolution: float = typer.Option(0.25, "--resolution", help="BVSE grid spacing in Å."),
        max_hop: float = typer.Option(4.5, "--max-hop", help="Longest direct hop, Å."),
        mechanism: str = typer.Option(
            "vacancy",
            "--mechanism",
            help="vacancy (between occupied sites) or interstitial (an extra ion between "
            "empty BVSE minima).",
        ),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
        plot: Path = typer.Option(
            None, "--plot", help="Profiles and the network (.png, .svg, .pdf or .html)."
        ),
    ) -> None:
        """Distinct hops of a mobile ion on the BVSE map (multiplicity, energy profile) and
        the hops that percolate in 1D/2D/3D."""
        check_plot_path(plot)
        from interphase.atomistic.paths import hop_paths

        r = hop_paths(
            structure, ion, max_hop_length_a=max_hop, resolution_a=resolution, mechanism=mechanism
        )
        if json_out:
            emit_json(r)
        else:
            _print_paths(r)
        if plot:
            _plot_paths(r, plot)

    @app.command("neb")
    def neb_cmd(
        structure: str = typer.Argument(..., help="CIF path or bundled name."),
        hop: int = typer.Option(None, "--hop", help="Distinct hop index (all when omitted)."),
        potential: str = typer.Option("chgnet", "--potential", help="chgnet, sevennet or emt."),
        images: int = typer.Option(5, "--images", help="Intermediate images."),
        fmax: float = typer.Option(0.05, "--fmax", help="Force threshold, eV/Å."),
        steps: int = typer.Option(500, "--steps", help="Most optimizer steps (endpoints, band)."),
        min_width: float = typer.Option(
            8.0, "--min-width", help="Smallest supercell thickness, Å."
        ),
        supercell: str = typer.Option(None, "--supercell", help="Repeats, e.g. 2x2x1."),
        optimizer: str = typer.Option("FIRE", "--optimizer", help="FIRE or BFGS."),
        ion: str = typer.Option("Li", "--ion", help="Mobile element."),
        resolution: float = typer.Option(0.25, "--resolution", help="BVSE grid spacing in Å."),
        max_hop: float = typer.Option(4.5, "--max-hop", help="Longest direct hop, Å."),
        mechanism: str = typer.Option(
            "vacancy",
            "--mechanism",
            help="vacancy (between occupied sites) or interstitial (an extra ion between "
            "empty BVSE minima).",
        ),
        device: str = typer.Option(None, "--device", help="cpu or cuda (auto if omitted)."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
        plot: Path = typer.Option(
            None, "--plot", help="Energy profile per hop (.png, .svg, .pdf or .html)."
        ),
    ) -> None:
        """Climbing-image NEB barriers of the distinct vacancy (or interstitial) hops (ASE, ML
        potential), and the effective 1D/2D/3D barrier of the network when every hop is
        computed."""
        check_plot_path(plot)
        from interphase.atomistic.neb import hop_barriers
        from interphase.atomistic.potentials import check_device, potential_info

        potential_info(potential)
        if device is not None:
            check_device(device)
        mult = _supercell(supercell)
        with progress_bar(quiet or json_out) as cb:
            r = hop_barriers(
                structure,
                potential,
                hops=None if hop is None else [hop],
                mobile_ion=ion,
                max_hop_length_a=max_hop,
                resolution_a=resolution,
                min_width_a=min_width,
                supercell=mult,
                mechanism=mechanism,
                progress=cb,
                n_images=images,
                fmax_ev_per_a=fmax,
                max_steps=steps,
                optimizer=optimizer,
                device=device,
            )
        if json_out:
            emit_json(r)
        else:
            _print_neb(r)
        if plot:
            _plot_neb(r, plot)


def _print_neb(r: Any) -> None:
    first = r.nebs[0]
    console.print(
        table(
            f"CI-NEB {r.potential}: {r.mechanism} hops in {r.formula}, supercell "
            f"{'x'.join(map(str, r.supercell))} ({first.n_atoms} atoms, ≥ "
            f"{first.min_width_a:.1f} Å thick)",
            [
                "hop",
                "length (Å)",
                "fwd (eV)",
                "rev (eV)",
                "ΔE (eV)",
                "BVSE fwd (eV)",
                "max F (eV/Å)",
                "converged",
                "steps",
                "time (s)",
            ],
            [
                [
                    n.hop_index,
                    n.hop_length_a,
                    n.barrier_forward_ev,
                    n.barrier_reverse_ev,
                    n.reaction_energy_ev,
                    r.paths.hops[n.hop_index].barrier_forward_ev,
                    n.max_force_ev_per_a,
                    "yes" if n.converged else "NO",
                    n.n_steps,
                    n.elapsed_s,
                ]
                for n in r.nebs
            ],
        )
    )
    if r.networks:
        console.print(
            table(
                "network barriers (NEB)",
                ["dim", "barrier (eV)", "BVSE network (eV)", "limiting hop", "hops"],
                [
                    [
                        n.dimension,
                        n.barrier_ev,
                        n.bvse_network_ev,
                        n.limiting_hop,
                        ",".join(map(str, n.hops)) or "—",
                    ]
                    for n in r.networks
                ],
            )
        )
    for n in r.nebs:
        if n.migration_barrier_ev() is None:
            why = (
                f"the band dips {-n.dip_ev:.2f} eV below both ends (an intermediate site)"
                if n.dip_ev < -0.05
                else f"the band runs {abs(n.reaction_energy_ev):.2f} eV downhill with no saddle"
            )
            console.print(
                f"hop {n.hop_index}: not a migration barrier: {why}; relax from the lower "
                "state before reading a barrier",
                highlight=False,
                markup=False,
            )
    console.print(
        f"{r.label}; fwd/rev: saddle minus relaxed start/end; converged: NEB forces below "
        f"{first.fmax_ev_per_a:g} eV/Å",
        highlight=False,
        markup=False,
    )
