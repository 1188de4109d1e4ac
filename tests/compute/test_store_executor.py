"""Result store and Dask execution: streaming, resuming, failures, workers, bad schedulers."""

import pytest

from interphase.coatings.candidates import named_candidate
from interphase.coatings.evaluate import make_spec
from interphase.coatings.screen import screen
from interphase.compute import ResultStore, Task, run_tasks
from interphase.errors import ComputeError

NAMES = (
    "LiPO3", "LiF", "Li3PO4", "LiNbO3", "Li2S", "LiAl", "Al2O3", "LiTaO3",
    "Li3B11O18", "Li2ZrO3", "LiAlO2", "ZrO2",
)  # fmt: skip


def _square(spec, payload):
    if payload["x"] == 3:
        raise ValueError("three is not allowed")
    return {"y": payload["x"] ** 2 * spec}


def test_store_and_failures(tmp_path):
    tasks = [Task(str(i), str(i % 2), {"x": i}) for i in range(6)]
    with ResultStore(tmp_path / "s.db") as st:
        s = run_tasks(_square, 2, tasks, st, "r", workers=0, quiet=True)
        assert (s.n_computed, s.n_failed) == (6, 1)
        res = st.results("r")
        assert res["3"]["status"] == "failed" and "three" in res["3"]["error"]
        assert res["4"]["result"] == {"y": 32}
        again = run_tasks(_square, 2, tasks, st, "r", workers=0, quiet=True)
        assert (again.n_cached, again.n_computed) == (6, 0)  # failed tasks are not retried
        assert {r["computed"] for r in st.results("r").values()} == {1}


def _names():
    return [named_candidate(n, "named") for n in NAMES]


def _ranking(res):
    return [(e["formula"], e["rank"], round(e["score"] or 0, 9)) for e in res.entries]


@pytest.fixture(scope="module")
def spec():
    return make_spec("NCM811", "Li6PS5Cl")


@pytest.fixture(scope="module")
def reference(spec):
    return screen(spec, _names(), ":memory:", workers=0, quiet=True)


def test_interrupted_run_resumes_to_the_same_result(tmp_path, spec, reference):
    path = tmp_path / "r.db"
    half = len(NAMES) // 2

    def stop(n):
        if n >= half:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        screen(spec, _names(), path, workers=1, quiet=True, batch_size=1, on_stored=stop)
    with ResultStore(path) as st:
        first = st.count(spec.run_key)
    assert half <= first < len(NAMES)
    res = screen(spec, _names(), path, workers=1, quiet=True, batch_size=1)
    assert res.summary.n_cached == first
    assert res.summary.n_computed == len(NAMES) - first
    with ResultStore(path) as st:
        assert {r["computed"] for r in st.results(spec.run_key).values()} == {1}
    assert _ranking(res) == _ranking(reference)


def test_same_ranking_with_one_and_two_workers(spec, reference):
    two = screen(spec, _names(), ":memory:", workers=2, quiet=True, batch_size=2)
    assert _ranking(two) == _ranking(reference)
    assert two.summary.workers == 2


def test_failed_task_recorded_and_others_go_on(spec):
    from interphase.coatings.candidates import Candidate

    bad = Candidate("Li2Xq", "Li2Xq", "user", None, "Li-Xq")
    res = screen(spec, [*_names()[:3], bad], ":memory:", workers=0, quiet=True)
    assert "Li2Xq" in res.failures and len(res.entries) == 3


def test_unreachable_scheduler_leaves_store_intact(tmp_path, spec):
    path = tmp_path / "s.db"
    with ResultStore(path) as st:
        st.put("other", "t", {"a": 1})
    with pytest.raises(ComputeError, match="cannot reach the Dask scheduler"):
        screen(spec, _names()[:2], path, scheduler="tcp://127.0.0.1:9", quiet=True)
    with ResultStore(path) as st:
        assert st.results("other")["t"]["result"] == {"a": 1}
        assert st.count(spec.run_key) == 0
