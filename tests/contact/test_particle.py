"""Tests for contact/particle.py (and its mesh and electrode parameters): coarse grids only."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from scipy.optimize import brentq

from interphase.citations import cite
from interphase.cli.app import run
from interphase.contact.particle import simulate_particle, sweep_contact_fraction
from interphase.contact.particle_mesh import build_mesh
from interphase.errors import InvalidConditionError, UnknownMaterialError
from interphase.materials.electrodes import (
    ELECTRODES,
    FARADAY_C_MOL,
    exchange_current_from_resistance,
    get_electrode,
)

# ---- parameters ---------------------------------------------------------------------------


def test_every_electrode_value_is_cited_and_ocv_is_sane():
    for el in ELECTRODES.values():
        for key in el.citation_keys():
            assert cite(key).doi
        lo, hi = el.li_fraction_window
        x = np.linspace(lo, hi, 50)
        u = el.ocv_v(x)
        assert np.all(np.isfinite(u))
        assert np.all((u > 2.0) & (u < 5.5))
        assert u[0] > u[-1]  # cathode: voltage falls as Li is inserted
        assert el.diffusivity_fn_cm2_s(x).min() > 0


def test_lookup_by_alias_and_unknown_material():
    assert get_electrode("LiNi0.5Mn1.5O4").name == "LNMO"
    assert get_electrode("nmc811").name == "NCM811"
    with pytest.raises(UnknownMaterialError):
        get_electrode("unobtainium")


def test_exchange_current_from_resistance():
    # RT/F = 25.69 mV at 298.15 K: 25.69 ohm cm^2 -> 1 mA/cm^2
    assert exchange_current_from_resistance(25.693) == pytest.approx(1.0, rel=1e-3)


# ---- mesh ---------------------------------------------------------------------------------


@pytest.mark.parametrize("geometry", ["circle", "square", "sphere"])
def test_mesh_contact_area_matches_fraction(geometry):
    for phi in (0.05, 0.3, 1.0):
        mesh = build_mesh(geometry, 24, 2.0, phi, 3 if geometry != "sphere" else 4)
        achieved = mesh.contact_area_total_cm2 / mesh.surface_area_cm2
        assert achieved == pytest.approx(phi, rel=1e-9)
    r = 2.0e-4
    sphere = build_mesh("sphere", 16, 2.0, 1.0, 1)
    assert sphere.total_volume_cm3 == pytest.approx(4 / 3 * math.pi * r**3, rel=1e-12)


# ---- validation against Crank's series solution -------------------------------------------


def _crank_sphere_constant_flux(r, t, a, d, flux):
    """Crank (1975), sphere of radius a, constant surface flux `flux` (inward), C0 = 0."""
    roots = [
        brentq(lambda z: math.tan(z) - z, (k + 0.5) * math.pi + 1e-9, (k + 1.5) * math.pi - 1e-9)
        for k in range(150)
    ]
    s = sum(
        np.exp(-d * z * z * t / a**2) * np.sin(z * r / a) / (z * z * math.sin(z)) for z in roots
    )
    return (flux * a / d) * (3 * d * t / a**2 + r**2 / (2 * a**2) - 0.3 - (2 * a / r) * s)


def test_full_contact_sphere_equals_crank_series():
    a_cm, d = 2.5e-4, 1e-10
    n = 14
    res = simulate_particle(
        "LCO",
        contact_fraction=1.0,
        n_patches=1,
        geometry="sphere",
        grid=n,
        radius_um=2.5,
        c_rate=1.0,
        operation="charge",
        diffusivity_cm2_s=d,
        exchange_current_ma_cm2=100.0,
        frame_times_s=[60.0, 300.0, 600.0],
        tol=1e-4,
    )
    el = get_electrode("LCO")
    lo, hi = el.li_fraction_window
    cmax = el.max_li_concentration_mol_cm3.value
    current = FARADAY_C_MOL * cmax * (4 / 3 * math.pi * a_cm**3) * (hi - lo) / 3600.0
    flux = -current / (FARADAY_C_MOL * cmax * 4 * math.pi * a_cm**2)  # Li fraction x cm/s
    rc = (np.arange(n) + 0.5) * a_cm / n
    assert len(res.frames) == 3
    for t, img in zip(res.frame_times_s, res.frames, strict=True):
        assert np.allclose(img, img[:, :1])  # full contact: no polar dependence
        num = img[:, 0] - hi
        exact = _crank_sphere_constant_flux(rc, t, a_cm, d, flux)
        assert np.max(np.abs(num - exact)) < 0.01 * np.max(np.abs(exact))


# ---- conservation and symmetry ------------------------------------------------------------


def test_li_conservation_galvanostatic_and_potentiostatic():
    g = simulate_particle("LNMO", contact_fraction=0.3, grid=20, c_rate=2.0, n_patches=3)
    assert g.conservation_error_relative < 1e-6
    assert g.termination in ("cut-off voltage", "Li-fraction window exhausted")
    p = simulate_particle(
        "NCM811",
        contact_fraction=0.3,
        grid=16,
        geometry="square",
        hold_potential_v=4.2,
        duration_s=600.0,
    )
    assert p.mode == "potentiostatic"
    assert p.conservation_error_relative < 1e-6
    assert p.li_fraction_mean_final < p.li_fraction_mean_initial


def test_symmetric_patches_give_symmetric_solution():
    res = simulate_particle(
        "LNMO",
        contact_fraction=0.2,
        n_patches=4,
        geometry="square",
        grid=16,
        c_rate=2.0,
        diffusivity_cm2_s=1e-10,
        n_frames=2,
    )
    img = res.frames[-1]
    scale = np.nanmax(img) - np.nanmin(img)
    assert scale > 0.01
    for other in (img[::-1, :], img[:, ::-1], img.T):
        assert np.nanmax(np.abs(img - other)) < 1e-6 * scale + 1e-9
    sph = simulate_particle(
        "LCO",
        contact_fraction=0.3,
        n_patches=2,
        geometry="sphere",
        grid=12,
        c_rate=2.0,
        n_frames=2,
    )
    s = sph.frames[-1]
    assert np.nanmax(np.abs(s - s[:, ::-1])) < 1e-6


# ---- the LNMO | LLZO case -----------------------------------------------------------------


def test_lnmo_halving_contact_fraction():
    """Same C-rate, diffusion-limited LNMO (D = 1e-10 cm^2/s): halving the contact fraction
    lowers the capacity at the cut-off and, at equal charge passed, raises the volume pushed
    below the threshold and the spread of the Li fraction."""
    common = dict(c_rate=1.0, radius_um=2.5, n_patches=2, diffusivity_cm2_s=1e-10)
    cap = {
        phi: simulate_particle("LNMO", contact_fraction=phi, grid=16, n_frames=2, **common)
        for phi in (0.2, 0.1)
    }
    assert cap[0.1].capacity_fraction < cap[0.2].capacity_fraction
    assert cap[0.1].termination == "cut-off voltage"
    equal = {
        phi: simulate_particle(
            "LNMO",
            contact_fraction=phi,
            capacity_limit_fraction=0.8,
            threshold_li_fraction=0.1,
            grid=32,  # the zone below the threshold is thin: resolve it
            n_frames=2,
            **common,
        )
        for phi in (0.2, 0.1)
    }
    assert equal[0.1].capacity_fraction == pytest.approx(0.8, rel=1e-6)
    assert equal[0.1].over_delithiated_fraction > equal[0.2].over_delithiated_fraction
    spread = {phi: np.nanstd(r.frames[-1]) for phi, r in equal.items()}
    assert spread[0.1] > spread[0.2]
    assert equal[0.1].li_fraction_min < equal[0.2].li_fraction_min


def test_sweep_serial_matches_single_runs():
    sw = sweep_contact_fraction(
        [0.1, 0.5], "LCO", max_workers=1, grid=12, geometry="sphere", c_rate=1.0
    )
    one = simulate_particle("LCO", contact_fraction=0.5, grid=12, geometry="sphere", c_rate=1.0)
    assert sw.capacity_fraction[1] == pytest.approx(one.capacity_fraction, rel=1e-12)
    assert sw.capacity_fraction[0] <= sw.capacity_fraction[1] + 1e-9


# ---- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "exc"),
    [
        (dict(contact_fraction=0.0), InvalidConditionError),
        (dict(contact_fraction=1.5), InvalidConditionError),
        (dict(contact_fraction=0.2, c_rate=-1.0), InvalidConditionError),
        (dict(contact_fraction=0.2, geometry="cube"), InvalidConditionError),
        (dict(contact_fraction=0.2, material="XYZ"), UnknownMaterialError),
    ],
)
def test_bad_input_raises_typed_errors(kwargs, exc):
    kwargs = dict(kwargs)
    material = kwargs.pop("material", "LNMO")
    with pytest.raises(exc):
        simulate_particle(material, grid=8, **kwargs)


@pytest.mark.parametrize(
    "argv",
    [
        ["particle", "--contact-fraction", "0"],
        ["particle", "--contact-fraction", "1.2"],
        ["particle", "--contact-fraction", "0.2", "--c-rate", "-1"],
        ["particle", "--material", "XYZ", "--contact-fraction", "0.2"],
        ["particle", "--contact-fraction", "0.2", "--plot", "maps.bmp"],
    ],
)
def test_cli_bad_input_exits_2(argv, capsys):
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("interphase: error:")
    assert len(err.strip().splitlines()) == 1


def test_cli_json_table_and_plots(capsys, tmp_path):
    args = ["particle", "-m", "LCO", "-f", "0.3", "--grid", "12", "--geometry", "sphere"]
    assert run([*args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["material"] == "LCO"
    assert 0 < data["capacity_fraction"] <= 1
    assert "ramadass2004" in data["citations"]
    png = tmp_path / "maps.png"
    gif = tmp_path / "maps.gif"
    assert run([*args, "--quiet", "--plot", str(png)]) == 0
    assert "capacity" in capsys.readouterr().out
    assert png.stat().st_size > 0
    assert run([*args[:-2], "--quiet", "--frames", "4", "--plot", str(gif)]) == 0
    assert gif.read_bytes()[:3] == b"GIF"


# ---- solver: exact galvanostatic bookkeeping, cut-off location, preconditioner ------------


def test_galvanostatic_current_exact_and_charge_linear_in_time():
    res = simulate_particle("LNMO", contact_fraction=0.2, grid=20, c_rate=2.0, n_patches=3)
    current = np.array(res.current_density_trace_ma_cm2)
    # every accepted state carries the applied current, the interpolated stop included
    assert np.allclose(current, current[0], rtol=1e-8, atol=0.0)
    # so the Li moved is the applied charge: capacity = C-rate x time / 1 h
    assert res.capacity_fraction == pytest.approx(2.0 * res.time_s / 3600.0, rel=1e-9)
    assert res.conservation_error_relative < 1e-12


def test_cutoff_capacity_converged_at_default_tolerance():
    """LCO charges into a sharply bending voltage: the cut-off crossing must not be
    interpolated across a long step (it came 2 % early in capacity)."""
    kw = dict(contact_fraction=0.15, grid=16, c_rate=2.0, operation="charge")
    coarse = simulate_particle("LCO", **kw)
    fine = simulate_particle("LCO", tol=1e-4, **kw)
    assert coarse.termination == fine.termination == "cut-off voltage"
    assert coarse.capacity_fraction == pytest.approx(fine.capacity_fraction, rel=5e-3)


def test_preconditioner_is_exact_for_a_moved_contact_state():
    """With a constant D the Jacobian changes with the state only in the contact/q/V block:
    the corrected factorisation of one state solves the Jacobian of another exactly."""
    from scipy.sparse.linalg import spsolve

    from interphase.contact.particle_model import _Model
    from interphase.contact.particle_preconditioner import _Preconditioner, _state_block_last

    el = get_electrode("LNMO")
    mesh = build_mesh("circle", 24, 2.5, 0.2, 4)
    one_c = FARADAY_C_MOL * el.max_li_concentration_mol_cm3.value * mesh.total_volume_cm3 / 3600
    model = _Model(
        mesh,
        el,
        i0_ref_a_cm2=100 * one_c / mesh.contact_area_total_cm2,
        temperature_k=298.15,
        applied_current_a=-one_c,
        hold_potential_v=None,
        diffusivity_cm2_s=None,
    )
    u_a = np.zeros(model.size)
    u_a[: model.n] = 0.5
    u_a[model.iv] = model.solve_potential(u_a[: model.n], 4.7)
    u_b = u_a.copy()
    u_b[: model.n] += 0.3 * np.random.default_rng(1).random(model.n)  # contact state moved
    u_b[model.iq] = 0.1
    u_b[model.iv] = model.solve_potential(u_b[: model.n], 4.7)
    a0_h = 0.01
    jac_a, jac_b = model.jacobian(u_a, a0_h), model.jacobian(u_b, a0_h)
    order = _state_block_last(jac_a, model.state_block)
    assert order is not None
    pre = _Preconditioner(jac_a, order, model.state_block)
    pre.update(jac_b)
    r = np.random.default_rng(2).standard_normal(model.size)
    exact = spsolve(jac_b.tocsc(), r)
    assert np.allclose(pre.solve(r), exact, rtol=1e-8, atol=1e-10 * np.abs(exact).max())
    plain = _Preconditioner(jac_a, None, model.state_block)
    assert not np.allclose(plain.solve(r), exact, rtol=1e-3)  # the correction matters
