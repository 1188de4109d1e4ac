"""The bvse command: bond-valence site energy percolation barriers of a mobile ion.

The engine is atomistic.bvse; this module parses options, prints and plots. bvlain is
imported only when the command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from interphase.cli.common import check_plot_path, console, emit_json, save_figure, table


def _plot_bvse(res: Any, path: Path) -> None:
    import matplotlib.pyplot as plt
    import numpy as np

    grid = np.asarray(res._grid)
    grid = grid - np.nanmin(grid)
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.8))
    vmax = (res.barrier_ev or 1.0) + 0.5
    for k, ax in enumerate(axes):
        sl = grid.min(axis=k)
        im = ax.imshow(sl.T, origin="lower", vmin=0, vmax=vmax, cmap="viridis", aspect="auto")
        ax.set_title(f"min over {'abc'[k]} (eV)")
        ax.set_xticks([])
        ax.set_yticks([])
    fig.colorbar(im, ax=list(axes))
    fig.suptitle(f"BVSE of {res.mobile_ion} in {res.formula}")
    save_figure(fig, path)


def register(app: typer.Typer) -> None:
    @app.command("bvse")
    def bvse_cmd(
        structure: str = typer.Argument(..., help="CIF path or bundled name."),
        ion: str = typer.Option("Li", "--ion", help="Mobile element."),
        resolution: float = typer.Option(0.25, "--resolution", help="Grid spacing in Å."),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
        plot: Path = typer.Option(
            None, "--plot", help="BVSE map slices (.png, .svg, .pdf or .html)."
        ),
    ) -> None:
        """Bond-valence site energy percolation barriers (1D/2D/3D) of a mobile ion."""
        check_plot_path(plot)
        from interphase.atomistic.bvse import bvse_barriers

        r = bvse_barriers(structure, ion, resolution_a=resolution)
        if json_out:
            emit_json(r)
        else:
            console.print(
                table(
                    f"BVSE {r.mobile_ion} in {r.formula}",
                    ["E_1D (eV)", "E_2D (eV)", "E_3D (eV)", "dim", "oxidation states"],
                    [
                        (
                            r.barrier_1d_ev,
                            r.barrier_2d_ev,
                            r.barrier_3d_ev,
                            r.percolation_dimension,
                            ", ".join(f"{k}{v:+g}" for k, v in r.oxidation_states.items()),
                        )
                    ],
                )
            )
            console.print(
                f"dim: the highest dimension whose barrier lies within "
                f"{r.dimension_tolerance_ev:g} eV of E_1D (BVSE's own uncertainty); "
                "the barriers of each dimension are printed beside it"
            )
        if plot:
            _plot_bvse(r, plot)
