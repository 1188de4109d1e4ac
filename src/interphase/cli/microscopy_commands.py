"""The stem, fingerprint and stem-compare commands: simulated STEM images (abTEM) and
structure fingerprints of models. The engines are in interphase.microscopy; abTEM is
imported only when an image is simulated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from interphase.cli.common import (
    check_plot_path,
    check_writable,
    console,
    emit_json,
    progress_wanted,
    table,
)
from interphase.errors import InvalidConditionError


def _angles(text: str | None) -> tuple[float, float] | None:
    if text is None:
        return None
    try:
        inner, outer = (float(v) for v in text.split(","))
    except ValueError:
        raise InvalidConditionError(
            f"--detector-angles {text!r}: give INNER,OUTER in mrad, e.g. 75,200"
        ) from None
    return inner, outer


def _check_image_path(path: Path | None) -> None:
    if path is None:
        return
    if path.is_dir() or path.suffix.lower() not in {".png", ".tif", ".tiff"}:
        raise InvalidConditionError(
            f"cannot write image {str(path)!r}: give a .png, .tif or .tiff file name"
        )
    check_writable(path)


def _preset(name: str, detector: str, angles: str | None, **probe: Any):
    from interphase.microscopy.presets import customise, get_preset

    changes = dict(probe)
    pair = _angles(angles)
    if pair is not None:
        changes[f"{detector.lower()}_mrad"] = pair
    return customise(get_preset(name), **changes)


def _plot_stem(sim: Any, contrast: Any, path: Path) -> None:
    import matplotlib.pyplot as plt

    from interphase.cli.common import save_figure
    from interphase.microscopy.stem import _render_with_bar

    n = len(sim.images)
    fig, axes = plt.subplots(1, n + (contrast is not None), figsize=(3.6 * (n + 1), 4))
    axes = list(axes) if hasattr(axes, "__len__") else [axes]
    for ax, im in zip(axes, sim.images, strict=False):
        ax.imshow(_render_with_bar(im, None), cmap="gray", origin="lower")
        ax.set_title(f"{im.detector.upper()} {im.detector_mrad[0]:g}-{im.detector_mrad[1]:g} mrad")
        ax.set_xticks([])
        ax.set_yticks([])
    if contrast is not None:
        ax = axes[-1]
        import numpy as np

        step = sim.images[0].sampling_a[1]
        ax.plot(np.arange(contrast.profile.size) * step / 10, contrast.profile, "k-")
        for y in contrast.layer_positions_a:
            ax.axvline(y / 10, color="tab:red", lw=0.5)
        ax.set_xlabel("y (nm)")
        ax.set_ylabel("row-mean intensity")
        ax.set_title(f"layer contrast {contrast.mean_contrast:.3f}")
    fig.suptitle(f"{sim.cell.formula} along {list(sim.cell.zone)}")
    save_figure(fig, path)


def _plot_compare(res: Any, path: Path) -> None:
    import matplotlib.pyplot as plt
    import numpy as np

    from interphase.cli.common import save_figure

    exp = res.resampled
    model = res.aligned[res.best]
    fig, axes = plt.subplots(1, 3, figsize=(12, 4))
    axes[0].imshow(exp, cmap="gray", origin="lower")
    axes[0].set_title("experiment (resampled)")
    axes[1].imshow(model, cmap="gray", origin="lower")
    axes[1].set_title(f"best: {res.best} (r = {res.scores[0].score:.3f})")
    for ax in axes[:2]:
        ax.set_xticks([])
        ax.set_yticks([])

    def z(v: np.ndarray) -> np.ndarray:
        return (v - v.mean()) / (v.std() or 1.0)

    y = np.arange(exp.shape[0]) * res.sampling_a[1] / 10
    axes[2].plot(y, z(exp.mean(axis=1)), "k-", label="experiment")
    axes[2].plot(y, z(model.mean(axis=1)), "r--", label=res.best)
    axes[2].set_xlabel("y (nm)")
    axes[2].set_ylabel("row-mean intensity (standardised)")
    axes[2].legend(fontsize=8)
    save_figure(fig, path)


def register(app: typer.Typer) -> None:
    @app.command("stem")
    def stem_cmd(
        model: str = typer.Argument(..., help="CIF/POSCAR path or bundled name."),
        zone: str = typer.Option("1,0,0", "--zone", help="Zone axis u,v,w of the model's cell."),
        detector: list[str] = typer.Option(
            ["haadf"], "--detector", help="haadf, abf or bf (repeat for several)."
        ),
        preset: str = typer.Option("corrected-200kv", "--preset", help="Instrument preset."),
        energy: float = typer.Option(None, "--energy", help="Beam energy, keV."),
        semiangle: float = typer.Option(None, "--semiangle", help="Convergence, mrad."),
        detector_angles: str = typer.Option(
            None, "--detector-angles", help="INNER,OUTER mrad of the first --detector."
        ),
        defocus: float = typer.Option(None, "--defocus", help="Defocus, Å."),
        cs: float = typer.Option(None, "--cs", help="Spherical aberration C3, Å."),
        c5: float = typer.Option(None, "--c5", help="Fifth-order aberration C5, Å."),
        source_size: float = typer.Option(None, "--source-size", help="Source FWHM, Å."),
        thickness: float = typer.Option(5.0, "--thickness", help="Specimen thickness, nm."),
        scan_sampling: float = typer.Option(
            None, "--scan-sampling", help="Scan step, Å (default: probe Nyquist)."
        ),
        potential_sampling: float = typer.Option(
            None, "--potential-sampling", help="Potential grid, Å (default: from angles)."
        ),
        probe_window: float = typer.Option(
            20.0, "--probe-window", help="Least in-plane extent of the potential, Å."
        ),
        slice_thickness: float = typer.Option(2.0, "--slice", help="Slice thickness, Å."),
        frozen_phonons: int = typer.Option(0, "--frozen-phonons", help="Configurations."),
        sigma: float = typer.Option(None, "--sigma", help="rms thermal displacement, Å."),
        dose: float = typer.Option(None, "--dose", help="Dose for Poisson noise, e/Å^2."),
        seed: int = typer.Option(0, "--seed", help="Seed of phonons and noise."),
        device: str = typer.Option("cpu", "--device", help="cpu or gpu."),
        image: Path = typer.Option(
            None, "--image", help="Write the first image (.png/.tif) with a scale bar."
        ),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
        plot: Path = typer.Option(None, "--plot", help="Images and layer profile figure."),
    ) -> None:
        """Simulated HAADF/ABF/BF STEM image of a model along a zone axis (abTEM)."""
        check_plot_path(plot)
        _check_image_path(image)
        from interphase.atomistic.structures import load_structure
        from interphase.microscopy.fingerprint import cation_layers_a, layer_contrast
        from interphase.microscopy.orient import parse_zone
        from interphase.microscopy.stem import save_image, simulate_stem

        axis = parse_zone(zone)
        p = _preset(
            preset,
            detector[0] if detector else "haadf",
            detector_angles,
            energy_kev=energy,
            semiangle_mrad=semiangle,
            defocus_a=defocus,
            cs_a=cs,
            c5_a=c5,
            source_size_fwhm_a=source_size,
        )
        sim = simulate_stem(
            load_structure(model),
            axis,
            detectors=detector,
            preset=p,
            thickness_nm=thickness,
            probe_window_a=probe_window,
            scan_sampling_a=scan_sampling,
            potential_sampling_a=potential_sampling,
            slice_thickness_a=slice_thickness,
            frozen_phonons=frozen_phonons,
            sigma_a=sigma,
            dose_e_per_a2=dose,
            seed=seed,
            device=device,
            progress_bar=progress_wanted(json_out),
        )
        layers = cation_layers_a(sim.columns_xy_a)
        contrast = layer_contrast(sim.images[0], layers) if len(layers) >= 2 else None
        if image:
            save_image(sim.images[0], image)
        if json_out:
            data = sim.to_dict()
            data["layer_contrast"] = contrast.to_dict() if contrast else None
            emit_json(data)
        else:
            console.print(
                table(
                    f"STEM {sim.cell.formula} along {list(sim.cell.zone)}, "
                    f"{sim.cell.thickness_a / 10:.2f} nm thick",
                    ["detector", "mrad", "pixels", "step (Å)", "min", "mean", "max"],
                    [
                        (
                            im.detector.upper(),
                            f"{im.detector_mrad[0]:g}-{im.detector_mrad[1]:g}",
                            f"{im.image.shape[1]}x{im.image.shape[0]}",
                            im.sampling_a[0],
                            float(im.image.min()),
                            float(im.image.mean()),
                            float(im.image.max()),
                        )
                        for im in sim.images
                    ],
                )
            )
            s = sim.images[0].settings
            console.print(
                f"{p.name}: {p.energy_kev:g} kV, {p.semiangle_mrad:g} mrad; potential grid "
                f"{s['potential_sampling_a']:.4f} Å, {sim.cell.n_atoms} atoms, "
                f"{sim.wall_time_s:.1f} s on {device}; intensities are fractions of the "
                "incident probe" + (" (counts after dose noise)" if dose else "")
            )
            if contrast is not None:
                console.print(
                    f"layer contrast of the first image across {len(layers)} cation layers "
                    f"(y): mean {contrast.mean_contrast:.3f}"
                )
        if plot:
            _plot_stem(sim, contrast, plot)

    @app.command("fingerprint")
    def fingerprint_cmd(
        model: str = typer.Argument(..., help="CIF/POSCAR path or bundled name."),
        slab: float = typer.Option(
            None, "--slab", help="Also profile the order along depth in slabs of this many nm."
        ),
        axis: str = typer.Option("c", "--axis", help="Depth axis of the cell: a, b or c."),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
    ) -> None:
        """Phase fingerprint: layered/spinel/rock-salt cation order, cubic/tetragonal garnet,
        twin and antiphase boundaries along depth."""
        from interphase.atomistic.structures import load_structure
        from interphase.errors import MissingDataError
        from interphase.microscopy.fingerprint import (
            cation_order,
            depth_profile,
            garnet_fingerprint,
        )

        if axis not in ("a", "b", "c"):
            raise InvalidConditionError(f"--axis {axis!r}: give a, b or c")
        s = load_structure(model)
        symbols = {el.symbol for el in s.composition.elements}
        if "Li" in symbols and {"La", "Zr"} <= symbols:
            if slab is not None:
                raise InvalidConditionError(
                    "--slab profiles the cation order of cathode models; a garnet model gets "
                    "its c/a and Li order as a whole"
                )
            g = garnet_fingerprint(s)
            if json_out:
                emit_json(g)
                return
            console.print(
                table(
                    f"garnet fingerprint of {g.formula}",
                    ["phase", "c/a", "a, b, c (Å)", "framework", "model", "Li ordered"],
                    [
                        (
                            g.phase,
                            g.c_over_a,
                            ", ".join(f"{x:.3f}" for x in g.lattice_abc_a),
                            g.framework_space_group,
                            g.model_space_group,
                            "yes" if g.li_ordered else "no",
                        )
                    ],
                )
            )
            console.print(
                "tetragonal when |c/a - 1| > 0.01 (t-LLZO 0.96); Li ordered when the whole "
                "model keeps the La-Zr-O framework's space group"
            )
            return
        has_tm = any(el.is_transition_metal for el in s.composition.elements)
        if "Li" not in symbols or not has_tm:
            raise MissingDataError(
                f"no fingerprint for {s.composition.reduced_formula}: give a Li transition-"
                "metal cathode model or a Li-La-Zr garnet"
            )
        order = cation_order(s)
        profile = (
            depth_profile(s, axis="abc".index(axis), slab_nm=slab) if slab is not None else None
        )
        if json_out:
            emit_json({"order": order.to_dict(), "depth": profile.to_dict() if profile else None})
            return
        console.print(
            table(
                f"cation order of {order.formula}",
                ["phase", "η", "G* (hkl)", "TM in Li layer", "Li in TM layer", "tetrahedral"],
                [
                    (
                        order.phase,
                        order.order_parameter,
                        list(order.ordering_hkl),
                        order.li_layer_tm_occupancy,
                        order.tm_layer_li_occupancy,
                        order.tetrahedral_fraction,
                    )
                ],
            )
        )
        if profile is not None:
            console.print(
                table(
                    f"order along {axis} in {profile.slab_nm:.2f} nm slabs",
                    ["depth (nm)", "η", "G* (hkl)", "TM in Li layer", "phase (rad)"],
                    [
                        (
                            d,
                            o.order_parameter,
                            list(o.ordering_hkl),
                            o.li_layer_tm_occupancy,
                            o.phase_rad,
                        )
                        for d, o in zip(profile.depth_nm, profile.slabs, strict=True)
                    ],
                )
            )
            if profile.boundaries:
                console.print(
                    table(
                        "boundaries",
                        ["kind", "depth (nm)", "angle (°)", "phase shift (rad)"],
                        [
                            (b.kind, b.depth_nm, b.angle_deg, b.phase_shift_rad)
                            for b in profile.boundaries
                        ],
                    )
                )
            else:
                console.print("no twin or antiphase boundary between the slabs")

    @app.command("stem-compare")
    def stem_compare_cmd(
        image: Path = typer.Argument(..., help="Experimental image: .png, .tif, .dm3, .dm4."),
        models: list[str] = typer.Argument(..., help="Candidate models (CIF or bundled)."),
        pixel_size: float = typer.Option(
            None, "--pixel-size", help="Å per pixel (required for PNG; overrides files)."
        ),
        zone: str = typer.Option("1,0,0", "--zone", help="Zone axis u,v,w."),
        detector: str = typer.Option("haadf", "--detector", help="haadf, abf or bf."),
        preset: str = typer.Option("corrected-200kv", "--preset", help="Instrument preset."),
        thickness: float = typer.Option(5.0, "--thickness", help="Specimen thickness, nm."),
        scan_sampling: float = typer.Option(None, "--scan-sampling", help="Scan step, Å."),
        probe_window: float = typer.Option(20.0, "--probe-window", help="Potential extent, Å."),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
        plot: Path = typer.Option(None, "--plot", help="Side by side with profile overlay."),
    ) -> None:
        """Which model matches an experimental STEM image best (aligned correlation)."""
        check_plot_path(plot)
        from interphase.atomistic.structures import load_structure
        from interphase.microscopy.compare import compare_images, read_image
        from interphase.microscopy.orient import parse_zone
        from interphase.microscopy.stem import simulate_stem

        exp = read_image(image, pixel_size_a=pixel_size)
        axis = parse_zone(zone)
        p = _preset(preset, detector, None)
        structures = {m: load_structure(m) for m in models}
        sims = {
            m: simulate_stem(
                s,
                axis,
                detectors=(detector,),
                preset=p,
                thickness_nm=thickness,
                probe_window_a=probe_window,
                scan_sampling_a=scan_sampling,
                progress_bar=progress_wanted(json_out),
            ).images[0]
            for m, s in structures.items()
        }
        res = compare_images(exp, sims)
        if json_out:
            emit_json(res)
        else:
            console.print(
                table(
                    f"{Path(res.image).name} against {len(sims)} models ({detector.upper()})",
                    ["model", "score (r)", "shift x (Å)", "shift y (Å)"],
                    [(s.label, s.score, s.shift_a[0], s.shift_a[1]) for s in res.scores],
                )
            )
            console.print(
                f"best: {res.best} (margin {res.margin:.3f}); score = Pearson correlation "
                "of the image with the aligned model, orientation and scale as calibrated"
            )
        if plot:
            _plot_compare(res, plot)
