"""The single-particle driver `simulate_particle`: checks the conditions, builds the mesh
and the model, sets the applied current or hold potential, the kinetics and the stop
conditions, runs the integrator and turns its states into a `ParticleResult` (capacity,
over-delithiated volume, Li balance, traces and Li-fraction maps)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from interphase.constants import FARADAY_C_MOL
from interphase.contact.particle_integrate import _run
from interphase.contact.particle_mesh import GEOMETRIES, build_mesh
from interphase.contact.particle_model import _Model
from interphase.contact.particle_results import ParticleResult
from interphase.errors import InvalidConditionError
from interphase.materials.electrodes import ElectrodeParameters, get_electrode

MAX_DIFFUSIVITY_CM2_S = 1e-3  # above a liquid's: no solid does this
MAX_PATCHES = 200  # more patches than grid cells on the surface resolve
MAX_C_RATE = 1000.0  # a full charge in 3.6 s: beyond, no cell and no model of one
MAX_RADIUS_UM = 1000.0  # a 2 mm "particle" is a pellet, not a particle
MAX_EXCHANGE_CURRENT_MA_CM2 = 1e5  # far into the Nernstian limit; beyond, a typo
OPERATIONS = ("charge", "discharge")
# when no exchange-current density is known, i0 is set to this multiple of the mean contact
# current density at the applied rate: the fast-kinetics (near-Nernstian) limit
FAST_KINETICS_FACTOR = 100.0


def _resolve_electrode(material: str | ElectrodeParameters) -> ElectrodeParameters:
    return material if isinstance(material, ElectrodeParameters) else get_electrode(material)


def simulate_particle(
    material: str | ElectrodeParameters = "LNMO",
    *,
    contact_fraction: float,
    n_patches: int = 4,
    geometry: str = "circle",
    grid: int = 60,
    radius_um: float = 2.5,
    operation: str = "charge",
    c_rate: float | None = 1.0,
    hold_potential_v: float | None = None,
    duration_s: float | None = None,
    cutoff_v: float | None = None,
    exchange_current_ma_cm2: float | None = None,
    diffusivity_cm2_s: float | None = None,
    threshold_li_fraction: float | None = None,
    initial_li_fraction: float | None = None,
    capacity_limit_fraction: float | None = None,
    temperature_k: float = 298.15,
    patch_offset_deg: float = 0.0,
    n_frames: int = 6,
    frame_times_s: Sequence[float] | None = None,
    tol: float = 2e-3,
    progress: Callable[[float], None] | None = None,
) -> ParticleResult:
    """Charge or discharge one cathode particle through contact patches.

    Galvanostatic when `hold_potential_v` is None: the current is `c_rate` times the charge
    of the material's Li-fraction window per hour, and the run stops at `cutoff_v` (default:
    the material's cut-off for `operation`) or when the window is exhausted. Potentiostatic
    when `hold_potential_v` is given: the run stops when the current falls below C/50 or at
    `duration_s` (default 1 h).

    `exchange_current_ma_cm2` (at x = 0.5) overrides the material's value; with neither, the
    fast-kinetics limit is used (noted in the result). `diffusivity_cm2_s` replaces D(x) by a
    constant. `threshold_li_fraction` sets the over-delithiation threshold (the material's
    transition-metal-migration Li fraction when it has a sourced one). `frame_times_s` asks
    for maps at given times; otherwise `n_frames` maps evenly spaced in time are kept.
    `capacity_limit_fraction` also stops a galvanostatic run once that fraction of the
    Li-fraction window has been moved (to compare particles at equal charge passed).
    """
    el = _resolve_electrode(material)
    if operation not in OPERATIONS:
        raise InvalidConditionError(f"operation must be 'charge' or 'discharge', got {operation!r}")
    if geometry not in GEOMETRIES:
        raise InvalidConditionError(
            f"unknown particle geometry {geometry!r}; use one of {', '.join(GEOMETRIES)}"
        )
    if not (isinstance(contact_fraction, int | float) and 0.0 < contact_fraction <= 1.0):
        raise InvalidConditionError(f"contact fraction must lie in (0, 1], got {contact_fraction}")
    potentiostatic = hold_potential_v is not None
    if not potentiostatic:
        if c_rate is None or not 0 < c_rate <= MAX_C_RATE:
            raise InvalidConditionError(f"C-rate must lie in (0, {MAX_C_RATE:g}], got {c_rate}")
    elif not 0.0 < hold_potential_v < 7.0:  # type: ignore[operator]
        raise InvalidConditionError("hold potential must lie within 0..7 V vs Li/Li+")
    if not temperature_k > 0:
        raise InvalidConditionError("temperature must be positive (K)")
    if exchange_current_ma_cm2 is not None and not (
        0 < exchange_current_ma_cm2 <= MAX_EXCHANGE_CURRENT_MA_CM2
    ):
        raise InvalidConditionError(
            f"exchange-current density must lie in (0, {MAX_EXCHANGE_CURRENT_MA_CM2:g}] "
            f"mA/cm^2, got {exchange_current_ma_cm2:g}"
        )
    if not 0 < radius_um <= MAX_RADIUS_UM:
        raise InvalidConditionError(
            f"particle radius must lie in (0, {MAX_RADIUS_UM:g}] um, got {radius_um:g}"
        )
    if diffusivity_cm2_s is not None and not 0 < diffusivity_cm2_s <= MAX_DIFFUSIVITY_CM2_S:
        raise InvalidConditionError(
            f"diffusivity must lie in (0, {MAX_DIFFUSIVITY_CM2_S:g}] cm^2/s (solid-state Li "
            "diffusion is 1e-16..1e-6 cm^2/s)"
        )
    if not 1 <= n_patches <= MAX_PATCHES:
        raise InvalidConditionError(f"--patches must lie within 1..{MAX_PATCHES}")
    if threshold_li_fraction is not None and not 0.0 < threshold_li_fraction < 1.0:
        raise InvalidConditionError("Li-fraction threshold must lie in (0, 1)")
    if capacity_limit_fraction is not None and not 0.0 < capacity_limit_fraction <= 1.0:
        raise InvalidConditionError("capacity limit must lie in (0, 1] (fraction of the window)")
    if grid > 400:
        raise InvalidConditionError("grid above 400 cells per direction is not supported")

    mesh = build_mesh(geometry, grid, radius_um, contact_fraction, n_patches, patch_offset_deg)
    charging = operation == "charge"
    x_lo, x_hi = el.li_fraction_window
    x0 = initial_li_fraction
    if x0 is None:
        x0 = x_hi if charging else x_lo
    if not 0.0 < x0 < 1.0:
        raise InvalidConditionError("initial Li fraction must lie in (0, 1)")
    cmax = el.max_li_concentration_mol_cm3.value
    vtot = mesh.total_volume_cm3
    window_charge_c = FARADAY_C_MOL * cmax * vtot * (x_hi - x_lo)
    one_c_current_a = window_charge_c / 3600.0
    contact_area = mesh.contact_area_total_cm2
    notes: list[str] = []

    if potentiostatic:
        i_app = None
        kin_scale = one_c_current_a
    else:
        i_app = (1.0 if charging else -1.0) * c_rate * one_c_current_a  # type: ignore[operator]
        kin_scale = abs(i_app)
    if exchange_current_ma_cm2 is not None:
        i0_ref = exchange_current_ma_cm2 * 1e-3
        kinetics = "Butler-Volmer, user exchange-current density"
    elif el.exchange_current_density_ma_cm2 is not None:
        i0_ref = el.exchange_current_density_ma_cm2.value * 1e-3
        kinetics = "Butler-Volmer, library exchange-current density (liquid-electrolyte value)"
        notes.append(
            "the library exchange-current density was measured against a liquid electrolyte; "
            "a solid-electrolyte contact has its own (pass --exchange-current)"
        )
    else:
        i0_ref = FAST_KINETICS_FACTOR * kin_scale / contact_area
        kinetics = "fast-kinetics limit (no sourced exchange-current density)"
        notes.append(
            f"{el.name} has no sourced exchange-current density: i0 set to "
            f"{FAST_KINETICS_FACTOR:g}x the mean contact current density (diffusion-limited case)"
        )

    threshold_source = ""
    if threshold_li_fraction is None and el.tm_migration_li_fraction is not None:
        threshold_li_fraction = el.tm_migration_li_fraction.value
        threshold_source = el.tm_migration_li_fraction.source
    elif threshold_li_fraction is not None:
        threshold_source = "user"
    elif charging:
        notes.append(
            f"no sourced Li fraction for transition-metal migration in {el.name}: give "
            "--threshold to get the over-delithiated volume fraction"
        )

    model = _Model(
        mesh,
        el,
        i0_ref_a_cm2=i0_ref,
        temperature_k=temperature_k,
        applied_current_a=i_app,
        hold_potential_v=hold_potential_v,
        diffusivity_cm2_s=diffusivity_cm2_s,
    )
    u0 = np.zeros(model.size)
    u0[: mesh.n_cells] = x0
    d_ref = diffusivity_cm2_s or float(el.diffusivity_fn_cm2_s(np.array(x0)))
    if potentiostatic:
        t_end = duration_s if duration_s is not None else 3600.0
        cut = None
        current_stop = one_c_current_a / 50.0
        window_q = None
        window_label = ""
        h0 = 1e-6 * min(t_end, mesh.radius_cm**2 / d_ref)
    else:
        t_nominal = 3600.0 / c_rate  # type: ignore[operator]
        t_end = duration_s if duration_s is not None else 1.05 * t_nominal
        cut = (
            cutoff_v
            if cutoff_v is not None
            else (el.cutoff_charge_v if charging else el.cutoff_discharge_v)
        )
        current_stop = None
        # Li fraction that may leave (charge) or enter (discharge) before the window ends
        window_q = (x0 - x_lo) if charging else (x_hi - x0)
        window_label = "Li-fraction window exhausted"
        if capacity_limit_fraction is not None:
            limit_q = capacity_limit_fraction * (x_hi - x_lo)
            if limit_q < window_q:
                window_q, window_label = limit_q, "capacity limit reached"
        v_guess = float(el.ocv_v(np.array(x0)))
        u0[model.iv] = model.solve_potential(u0[: mesh.n_cells], v_guess)
        h0 = 1e-3 * t_nominal
        if (charging and u0[model.iv] >= cut) or (not charging and u0[model.iv] <= cut):
            raise InvalidConditionError(
                f"the particle starts beyond the cut-off ({u0[model.iv]:.3f} V vs {cut:.3f} V):"
                " lower the C-rate or raise the contact fraction"
            )
    if frame_times_s is not None and any(tf < 0 for tf in frame_times_s):
        raise InvalidConditionError("frame times must be non-negative")

    run = _run(
        model,
        u0,
        t_end=t_end,
        h0=h0,
        tol=tol,
        cutoff_v=cut,
        charging=charging,
        current_stop_a=current_stop,
        window_stop_q=window_q,
        window_label=window_label,
        frame_times=frame_times_s,
        progress=progress,
    )
    u_end = run["u"]
    n = mesh.n_cells
    x_end = u_end[:n]
    vol = mesh.volume_cm3
    li0 = float(cmax * np.dot(vol, u0[:n]))
    li1 = float(cmax * np.dot(vol, x_end))
    q_end = float(u_end[model.iq])
    li_through = q_end * cmax * vtot
    cons = abs((li0 - li1) - li_through) / li0
    moved = abs(float(np.dot(vol, x_end - u0[:n]))) / vtot
    cap_frac = moved / (x_hi - x_lo)
    cap_mah_g = moved * el.specific_capacity_per_li_mah_g

    over = None
    if threshold_li_fraction is not None:
        over = float(np.dot(vol, run["xmin"] < threshold_li_fraction) / vtot)

    if frame_times_s is not None:
        frames = run["requested"]
    else:
        frames = _pick_frames(run["stored"], run["t"], max(n_frames, 2))
    frame_t = tuple(float(tf) for tf, _ in frames)
    frame_maps = tuple(mesh.to_image(np.asarray(xf, dtype=float)) for _, xf in frames)

    trace = run["trace"]
    tt = tuple(float(a) for a, _, _ in trace)
    vv = tuple(float(b) for _, b, _ in trace)
    jj = tuple(float(c) / contact_area * 1e3 for _, _, c in trace)

    keys = list(el.citation_keys())
    return ParticleResult(
        material=el.name,
        geometry=geometry,
        operation=operation,
        mode="potentiostatic" if potentiostatic else "galvanostatic",
        contact_fraction=float(contact_fraction),
        contact_fraction_mesh=contact_area / mesh.surface_area_cm2,
        n_patches=n_patches,
        c_rate=None if potentiostatic else float(c_rate),  # type: ignore[arg-type]
        hold_potential_v=hold_potential_v,
        radius_um=radius_um,
        grid=grid,
        temperature_k=temperature_k,
        diffusivity_cm2_s=d_ref,
        exchange_current_density_ma_cm2=i0_ref * 1e3,
        kinetics=kinetics,
        cutoff_v=cut,
        termination=run["termination"],
        time_s=float(run["t"]),
        capacity_fraction=cap_frac,
        capacity_mah_g=cap_mah_g,
        li_fraction_mean_initial=float(np.dot(vol, u0[:n]) / vtot),
        li_fraction_mean_final=float(np.dot(vol, x_end) / vtot),
        li_fraction_min=float(x_end.min()),
        li_fraction_max=float(x_end.max()),
        threshold_li_fraction=threshold_li_fraction,
        threshold_source=threshold_source,
        over_delithiated_fraction=over,
        li_initial_mol=li0,
        li_final_mol=li1,
        li_through_contacts_mol=li_through,
        conservation_error_relative=cons,
        n_steps=run["n_steps"],
        n_factorizations=run["n_lu"],
        time_trace_s=tt,
        potential_trace_v=vv,
        current_density_trace_ma_cm2=jj,
        frame_times_s=frame_t,
        frames=frame_maps,
        citations=tuple(keys),
        notes=tuple(notes),
    )


def _pick_frames(
    stored: list[tuple[float, np.ndarray]], t_end: float, n_frames: int
) -> list[tuple[float, np.ndarray]]:
    """`n_frames` states evenly spaced in time (linear interpolation between steps)."""
    times = np.array([s[0] for s in stored])
    out = []
    for tf in np.linspace(0.0, t_end, n_frames):
        k = int(np.searchsorted(times, tf))
        if k <= 0:
            out.append((float(tf), stored[0][1]))
        elif k >= len(stored):
            out.append((float(tf), stored[-1][1]))
        else:
            ta, xa = stored[k - 1]
            tb, xb = stored[k]
            w = 0.0 if tb == ta else (tf - ta) / (tb - ta)
            out.append((float(tf), (1 - w) * xa + w * xb))
    return out
