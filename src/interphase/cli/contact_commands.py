"""Physical-contact commands: `contact` (area and resistance vs pressure), `anode` (voids and
dendrites of a Li-metal anode), `mechanics` (the sourced parameter library)."""

from __future__ import annotations

import math
from pathlib import Path

import typer

from interphase.cli.common import check_plot_path, console, emit_json, save_figure, table
from interphase.errors import InvalidConditionError


def _floats(text: str, what: str) -> list[float]:
    try:
        vals = [float(x) for x in text.replace(";", ",").split(",") if x.strip()]
    except ValueError:
        raise InvalidConditionError(
            f"cannot read {what} {text!r}: give numbers like 1,3,10"
        ) from None
    if not vals:
        raise InvalidConditionError(f"no {what} given")
    if not all(math.isfinite(v) for v in vals):
        raise InvalidConditionError(f"{what} {text!r}: every value must be a finite number")
    return vals


MAX_PARTICLE_RADIUS_UM = 1000.0  # a 2 mm "particle" is a pellet, not a particle
MAX_RADIUS_LOG_STD = 3.0  # sigma of ln(radius): 3 spans a factor 20 either way


def _mech(name: str, params: list[str] | None):
    """The library's parameters of `name` with the user's --param values put in."""
    from interphase.materials.mechanics import get_mechanics
    from interphase.materials.parameters import parse_params

    return parse_params(params).apply(get_mechanics(name))


def _yn(v: bool | None) -> str | None:
    return None if v is None else ("yes" if v else "no")


def register(app: typer.Typer) -> None:
    @app.command("contact")
    def contact_cmd(
        material_a: str = typer.Argument(..., help="First material (e.g. LLZO, Li)."),
        material_b: str = typer.Argument(..., help="Second material (e.g. LCO)."),
        pressures: str = typer.Option(
            "0.1,1,3,10,30,100", "--pressures", "-p", help="Stack pressures in MPa, comma list."
        ),
        roughness_um: float = typer.Option(0.1, "--roughness-um", help="Combined rms roughness."),
        asperity_radius_um: float = typer.Option(1.0, "--asperity-radius-um"),
        asperity_density: float = typer.Option(0.5, "--asperity-density", help="Summits per um^2."),
        asr: float = typer.Option(
            0.0, "--asr", help="Charge-transfer ASR of a fully touching interface, ohm cm^2."
        ),
        temperature_k: float = typer.Option(298.15, "--temperature-k", "-T"),
        hold_s: float = typer.Option(0.0, "--hold-s", help="Time at pressure (Li creep), s."),
        params: list[str] | None = typer.Option(
            None, "--param", help="MATERIAL.PROPERTY=VALUE for an unsourced value (repeatable)."
        ),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
        plot: Path | None = typer.Option(
            None, "--plot", help="Write a figure (.png, .svg, .pdf or .html)."
        ),
    ) -> None:
        """Contact fraction and interfacial resistance vs stack pressure for a material pair."""
        from interphase.contact.pressure import contact_vs_pressure

        check_plot_path(plot)
        res = contact_vs_pressure(
            _mech(material_a, params),
            _mech(material_b, params),
            _floats(pressures, "pressures"),
            rms_roughness_um=roughness_um,
            asperity_radius_um=asperity_radius_um,
            asperity_density_per_um2=asperity_density,
            intrinsic_asr_ohm_cm2=asr,
            temperature_k=temperature_k,
            hold_time_s=hold_s,
        )
        if json_out:
            emit_json(res)
        else:
            rows = zip(
                res.pressure_mpa,
                res.contact_fraction,
                res.spot_radius_um,
                res.total_asr_ohm_cm2,
                res.current_focusing_factor,
                ["yes" if v else "no" for v in res.valid],
                strict=True,
            )
            title = f"{res.material_a} | {res.material_b} — {res.model}"
            if res.composite_modulus_gpa is not None:
                title += f", E* = {res.composite_modulus_gpa:.4g} GPa"
            console.print(
                table(
                    title,
                    ["p (MPa)", "contact fraction", "spot a (um)", "ASR (ohm cm2)", "1/f", "valid"],
                    rows,
                )
            )
            if res.note:
                console.print(res.note)
            console.print("sources: " + ", ".join(res.sources))
        if plot is not None:
            save_figure(_contact_figure(res), plot)

    @app.command("anode")
    def anode_cmd(
        electrolyte: str = typer.Argument(..., help="Solid electrolyte against Li (e.g. LLZO)."),
        pressures: str = typer.Option("0.1,0.3,1,3,10", "--pressures", "-p", help="MPa list."),
        temperatures: str = typer.Option("298.15,333.15", "--temperatures", "-T", help="K list."),
        length_um: float = typer.Option(1.0, "--length-um", help="Void/asperity length scale."),
        stress_transfer: float = typer.Option(
            1.0, "--stress-transfer", help="Fraction of the stack pressure felt near voids."
        ),
        diffusivity: float | None = typer.Option(
            None, "--li-diffusivity", help="Li self-diffusivity, cm^2/s (optional)."
        ),
        calibrate: str | None = typer.Option(
            None,
            "--calibrate",
            help="J,P: a measured critical stripping current (mA/cm^2) at stack pressure P "
            "(MPa), at the first temperature; sets --stress-transfer.",
        ),
        flaws: str = typer.Option("0.1,1,10", "--flaws-um", help="Flaw sizes in um."),
        asr: float | None = typer.Option(None, "--asr", help="Li|SE interface ASR, ohm cm^2."),
        kic: float | None = typer.Option(
            None, "--kic", help="Electrolyte fracture toughness, MPa m^0.5 (overrides library)."
        ),
        params: list[str] | None = typer.Option(
            None, "--param", help="MATERIAL.PROPERTY=VALUE for an unsourced value (repeatable)."
        ),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
        plot: Path | None = typer.Option(
            None, "--plot", help="Write a figure (.png, .svg, .pdf or .html)."
        ),
    ) -> None:
        """Critical stripping current vs pressure and temperature; dendrite criteria."""
        from interphase.contact.anode import critical_stripping_current, dendrite_assessment

        check_plot_path(plot)
        p = _floats(pressures, "pressures")
        temps = _floats(temperatures, "temperatures")
        if calibrate is not None:
            from interphase.contact.anode import calibrate_stress_transfer

            pair = _floats(calibrate, "calibration point")
            if len(pair) != 2:
                raise InvalidConditionError("--calibrate takes J,P (mA/cm^2, MPa)")
            stress_transfer = calibrate_stress_transfer(pair[0], pair[1], temps[0], length_um)
        strip = [
            critical_stripping_current(
                p,
                t,
                length_scale_um=length_um,
                stress_transfer=stress_transfer,
                li_self_diffusivity_cm2_s=diffusivity,
            )
            for t in temps
        ]
        dend = dendrite_assessment(
            _mech(electrolyte, params), _floats(flaws, "flaw sizes"), asr, kic
        )
        if json_out:
            emit_json({"stripping": [s.to_dict() for s in strip], "dendrites": dend.to_dict()})
        else:
            cols = ["p (MPa)"] + [f"j_crit (mA/cm2) @ {s.temperature_k:g} K" for s in strip]
            rows = [
                [
                    pi,
                    *[
                        f"{s.critical_current_ma_cm2[i]:.4g}"
                        if s.valid[i]
                        else "n/a: above Li yield"
                        for s in strip
                    ],
                ]
                for i, pi in enumerate(p)
            ]
            console.print(table("Li stripping limit (voids): creep supply", cols, rows))
            if calibrate is None and stress_transfer == 1.0:
                console.print(
                    "upper bound (full stack pressure felt at the voids); fit it to a measured "
                    "point with --calibrate J,P"
                )
            else:
                console.print(f"stress-transfer factor {stress_transfer:.3g}")
            if strip[0].note:
                console.print(strip[0].note)
            mn = dend.monroe_newman
            rows2 = [
                ("Li bulk yield strength (MPa)", dend.li_bulk_yield_mpa),
                ("Li whisker growth stress (MPa)", dend.li_whisker_growth_stress_mpa),
                ("Li submicron yield strength (MPa)", dend.li_submicron_yield_mpa),
            ]
            if mn is not None:
                rows2 = [
                    ("G_SE / G_Li (Monroe-Newman)", mn.ratio),
                    ("suppresses (ratio >= 2.2)", "yes" if mn.suppresses else "no"),
                    *rows2,
                ]
            console.print(table(f"Dendrite criteria: Li | {dend.electrolyte}", ["", ""], rows2))
            if mn is not None and mn.validity:
                console.print(f"note: {mn.validity}")
            if dend.flaw is not None:
                fl = dend.flaw
                j = fl.critical_current_ma_cm2 or [None] * len(fl.flaw_size_um)
                rows3 = zip(
                    fl.flaw_size_um,
                    fl.critical_li_pressure_mpa,
                    fl.critical_overpotential_mv,
                    j,
                    ["yes" if x else "no" for x in fl.li_can_crack],
                    strict=True,
                )
                console.print(
                    table(
                        "Li-filled flaw (Griffith/Porz)",
                        ["flaw (um)", "P_c (MPa)", "eta_c (mV)", "j_c (mA/cm2)", "Li can crack"],
                        rows3,
                    )
                )
            for m in dend.missing:
                console.print(f"not evaluated: {m}")
        if plot is not None:
            save_figure(_anode_figure(strip), plot)

    @app.command("stress")
    def stress_cmd(
        electrode: str = typer.Argument(..., help="Electrode particle (e.g. LCO)."),
        electrolyte: str = typer.Argument(..., help="Surrounding electrolyte (e.g. LLZO)."),
        radius_um: float = typer.Option(5.0, "--radius-um", help="Particle radius (median)."),
        soc: str = typer.Option("0,1", "--soc", help="Window start,end as fractions 0..1."),
        toughness: float | None = typer.Option(
            None, "--toughness", help="Interfacial toughness, J/m^2 (default: weaker bulk)."
        ),
        spread: float = typer.Option(0.0, "--radius-log-std", help="sigma of ln(radius)."),
        flaw_um: float = typer.Option(1.0, "--flaw-um", help="Electrolyte surface flaw size."),
        params: list[str] | None = typer.Option(
            None, "--param", help="MATERIAL.PROPERTY=VALUE for an unsourced value (repeatable)."
        ),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
    ) -> None:
        """Misfit stress, delamination and point-contact fracture of a particle in an
        electrolyte over a state-of-charge window."""
        from interphase.contact.chemomechanics import particle_in_electrolyte

        window = _floats(soc, "state-of-charge window")
        if len(window) != 2:
            raise InvalidConditionError("--soc takes two numbers: start,end")
        if not 0 < radius_um <= MAX_PARTICLE_RADIUS_UM:
            raise InvalidConditionError(
                f"--radius-um {radius_um:g}: give a particle radius in (0, "
                f"{MAX_PARTICLE_RADIUS_UM:g}] um (cathode particles are 0.1-50 um)"
            )
        if not 0 <= spread <= MAX_RADIUS_LOG_STD:
            raise InvalidConditionError(
                f"--radius-log-std {spread:g}: give the sigma of ln(radius) within 0.."
                f"{MAX_RADIUS_LOG_STD:g} (0: one size; 1 already spans a factor e either way)"
            )
        res = particle_in_electrolyte(
            _mech(electrode, params),
            _mech(electrolyte, params),
            radius_um,
            window[0],
            window[1],
            interfacial_toughness=toughness,
            radius_log_std=spread,
            flaw_size_um=flaw_um,
        )
        if json_out:
            emit_json(res)
            return
        sp = res.sphere
        rows = [
            ("volume strain over the window", res.volume_strain),
            ("linear misfit strain", res.linear_strain),
            ("interface pressure (MPa, > 0 compressive)", sp.interface_pressure_mpa),
            ("matrix hoop stress at interface (MPa)", sp.matrix_hoop_stress_mpa),
            ("energy release rate (J/m2)", sp.energy_release_rate_j_m2),
            ("interfacial toughness (J/m2)", res.interfacial_toughness_j_m2),
            ("delaminates", "yes" if res.delaminates else "no"),
            ("critical radius (um)", res.critical_radius_um),
            ("particles losing contact (fraction)", res.contact_loss_fraction),
            ("electrolyte flaw strength (MPa)", res.electrolyte_fracture_stress_mpa),
            ("hoop tension cracks electrolyte", _yn(res.hoop_cracks_electrolyte)),
            ("point contact p0, elastic (MPa)", res.point_contact_max_pressure_mpa),
            ("point contact exceeds hardness", _yn(res.point_contact_exceeds_hardness)),
            ("point contact edge tension (MPa)", res.point_contact_tensile_stress_mpa),
            ("point contact cracks electrolyte", _yn(res.point_contact_cracks_electrolyte)),
        ]
        console.print(
            table(f"{res.electrode} in {res.electrolyte}, r = {radius_um:g} um", ["", ""], rows)
        )
        console.print(f"delamination: {res.delamination_reason}")
        console.print("sources: " + ", ".join(res.sources))

    @app.command("mechanics")
    def mechanics_cmd(
        name: str = typer.Argument(..., help="Material name (Li, LLZO, LCO, ...)."),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
    ) -> None:
        """Sourced mechanical parameters of one material, with the MP value beside them."""
        from interphase.errors import MissingDataError
        from interphase.materials.mechanics import (
            _QUANTITY_FIELDS,
            get_mechanics,
            mp_elastic_moduli,
        )

        params = get_mechanics(name)
        try:
            mp = mp_elastic_moduli(params.name)
        except MissingDataError:
            mp = None
        if json_out:
            emit_json({"literature": params.to_dict(), "materials_project": mp})
            return
        rows = []
        for f in _QUANTITY_FIELDS:
            q = getattr(params, f)
            if q is not None:
                rows.append((f, q.value, q.unit, q.low, q.high, q.source, q.conditions))
        for key, q in params.extra:
            rows.append((key, q.value, q.unit, q.low, q.high, q.source, q.conditions))
        if params.creep is not None:
            c = params.creep
            rows.append(
                (
                    "creep A, n, Q",
                    f"{c.prefactor_per_s:g} 1/s, {c.stress_exponent:g}, "
                    f"{c.activation_energy_kj_mol:g} kJ/mol",
                    "MPa",
                    None,
                    None,
                    c.source,
                    c.conditions,
                )
            )
        console.print(
            table(
                f"{params.name}: literature",
                ["property", "value", "unit", "low", "high", "source", "conditions"],
                rows,
            )
        )
        if mp is not None:
            console.print(
                f"Materials Project (PBE, median of {mp.n_rows} rows): G = "
                f"{mp.shear_modulus_gpa:.4g} GPa, K = {mp.bulk_modulus_gpa:.4g} GPa, "
                f"E = {mp.youngs_modulus_gpa:.4g} GPa, nu = {mp.poisson_ratio:.3g} "
                "[dunn2020, jain2013]"
            )


def _contact_figure(res):
    from matplotlib.figure import Figure

    # a bare Figure: no pyplot state, no backend switch
    fig = Figure(figsize=(9, 3.6), layout="constrained")
    ax = fig.subplots(1, 2)
    ax[0].loglog(res.pressure_mpa, res.contact_fraction, "o-")
    ax[0].set_xlabel("stack pressure (MPa)")
    ax[0].set_ylabel("contact fraction")
    asr = [(p, r) for p, r in zip(res.pressure_mpa, res.total_asr_ohm_cm2, strict=True) if r]
    if asr:
        ax[1].loglog(*zip(*asr, strict=True), "s-", color="C1")
    ax[1].set_xlabel("stack pressure (MPa)")
    ax[1].set_ylabel("interface ASR (ohm cm$^2$)")
    fig.suptitle(f"{res.material_a} | {res.material_b} ({res.model})")
    return fig


def _anode_figure(strip):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(5, 3.6), layout="constrained")
    ax = fig.subplots()
    for s in strip:
        ax.loglog(s.pressure_mpa, s.critical_current_ma_cm2, "o-", label=f"{s.temperature_k:g} K")
    ax.set_xlabel("stack pressure (MPa)")
    ax.set_ylabel("critical stripping current (mA/cm$^2$)")
    ax.legend()
    return fig
