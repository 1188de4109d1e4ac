"""Combining independent runs at one temperature: synthetic walks with a known D."""

import dataclasses

import numpy as np
import pytest
from test_diffusion import D_TRUE, DT_PS, walk  # same folder (pytest prepends it)

from interphase.atomistic.diffusion import analyse_displacements
from interphase.atomistic.replicas import combine_replicas, replicas_by_temperature
from interphase.errors import InvalidConditionError


def _replicas(trial, n, spread, temperature_k=600.0):
    """n walks whose D each deviate from D_TRUE by a hidden factor in 1 ± spread (mean 1): the
    slow variable one run samples once, which no single-run interval can see."""
    rng = np.random.default_rng(1000 + trial)
    runs = []
    for k in range(n):
        d = D_TRUE * (1 + rng.uniform(-spread, spread))
        r = analyse_displacements(
            walk(24, 400, 10 * trial + k, d_cm2_s=d),
            DT_PS,
            temperature_k=temperature_k,
            volume_a3=1500,
        )
        runs.append(dataclasses.replace(r, formula="Li"))
    return runs


def _covers(lo_hi):
    return lo_hi[0] <= D_TRUE <= lo_hi[1]


def test_replicas_without_hidden_scatter_agree_and_narrow_the_interval():
    combined, single_sd = [], []
    for trial in range(40):
        runs = _replicas(trial, 4, spread=0.0)
        combined.append(combine_replicas(runs))
        single_sd.append(np.mean([r.tracer.d_std_cm2_s for r in runs]))
    hits = sum(_covers(c.d_ci95_cm2_s) for c in combined)
    assert hits >= 36, f"combined 95 % interval covered the true D in {hits}/40"
    ratio = np.mean([c.d_std_cm2_s for c in combined]) / np.mean(single_sd)
    assert ratio < 0.7, f"four replicas should narrow sigma_D toward 1/2, got {ratio:.2f}"
    assert 0.7 < np.mean([c.reduced_chi2 for c in combined]) < 1.5


def test_hidden_scatter_between_replicas_widens_the_interval():
    # each replica's D is off by up to ±50 %: the runs' own intervals combined (no scaling)
    # cover the true D in about 60 % of trials; the Birge-scaled Student-t interval in ≥ 85 %
    hits = hits_unscaled = 0
    for trial in range(40):
        runs = _replicas(trial, 4, spread=0.5)
        c = combine_replicas(runs)
        hits += _covers(c.d_ci95_cm2_s)
        sd_model = np.sqrt(sum(r.tracer.d_std_cm2_s**2 for r in runs)) / len(runs)
        hits_unscaled += abs(c.d_cm2_s - D_TRUE) < 1.96 * sd_model
        assert c.d_cm2_s == pytest.approx(np.mean([r.tracer.d_cm2_s for r in runs]))
    assert hits >= 34, f"combined interval covered the true D in {hits}/40"
    assert hits_unscaled <= 30, f"unscaled interval covered {hits_unscaled}/40: no scatter?"


def test_replicas_are_grouped_by_temperature_and_mixed_groups_refused():
    runs = _replicas(0, 3, 0.0) + _replicas(1, 2, 0.0, temperature_k=700.0)
    groups = replicas_by_temperature(runs + _replicas(2, 1, 0.0, temperature_k=800.0))
    assert [(g.temperature_k, g.n_runs) for g in groups] == [(600.0, 3), (700.0, 2)]
    with pytest.raises(InvalidConditionError, match="share a temperature"):
        combine_replicas(runs)
    with pytest.raises(InvalidConditionError, match="at least two"):
        combine_replicas(runs[:1])
    other = [dataclasses.replace(runs[0], formula="Li2O"), runs[1]]
    with pytest.raises(InvalidConditionError, match="one cell"):
        combine_replicas(other)
