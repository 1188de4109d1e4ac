"""Progress is reported through a callback `(description, done, total)`; engines draw nothing,
the CLI draws the bar (cli.common.progress_bar)."""

import sys
from itertools import pairwise

from interphase.compute import ResultStore, Task, run_tasks


def _double(spec, payload):
    return {"y": 2 * payload["x"]}


def _tasks(n=7):
    return [Task(str(i), str(i % 3), {"x": i}) for i in range(n)]


def _recorder():
    calls = []
    return calls, lambda what, done, total: calls.append((what, done, total))


def _check_rising_to_total(calls, total, start=0):
    done = [c[1] for c in calls]
    assert done[0] == start and done[-1] == total
    assert all(b > a for a, b in pairwise(done)), done
    assert {c[2] for c in calls} == {total}


def test_executor_reports_done_rising_to_total(tmp_path):
    calls, cb = _recorder()
    with ResultStore(tmp_path / "s.db") as st:
        s = run_tasks(
            _double, None, _tasks(), st, "r", workers=0, batch_size=2, progress=cb, description="x"
        )
    assert s.n_computed == 7
    _check_rising_to_total(calls, 7)
    assert {c[0] for c in calls} == {"x"}
    assert len(calls) == 8  # once before the first task, then after each stored result


def test_resumed_run_starts_at_the_stored_count(tmp_path):
    tasks = _tasks()
    with ResultStore(tmp_path / "s.db") as st:
        run_tasks(_double, None, tasks[:4], st, "r", workers=0)
        calls, cb = _recorder()
        s = run_tasks(_double, None, tasks, st, "r", workers=0, progress=cb)
    assert (s.n_cached, s.n_computed) == (4, 3)
    _check_rising_to_total(calls, 7, start=4)


def test_dask_workers_report_too(tmp_path):
    calls, cb = _recorder()
    with ResultStore(tmp_path / "s.db") as st:
        run_tasks(_double, None, _tasks(4), st, "r", workers=1, batch_size=1, progress=cb)
    _check_rising_to_total(calls, 4)


def test_quiet_means_no_callback(tmp_path):
    calls, cb = _recorder()
    with ResultStore(tmp_path / "s.db") as st:
        run_tasks(_double, None, _tasks(3), st, "a", workers=0, progress=cb, quiet=True)
    assert calls == []


def test_the_coating_screen_reports_through_its_callback():
    from interphase.coatings.candidates import named_candidate
    from interphase.coatings.evaluate import make_spec
    from interphase.coatings.screen import screen

    calls, cb = _recorder()
    spec = make_spec("LCO", "LLZO")
    cands = [named_candidate(f, "named") for f in ("LiNbO3", "Li3PO4", "LiF")]
    screen(spec, cands, workers=0, progress=cb)
    _check_rising_to_total(calls, 3)


def test_progress_bar_draws_only_on_a_terminal(monkeypatch):
    from interphase.cli.common import progress_bar

    monkeypatch.delenv("INTERPHASE_QUIET", raising=False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    with progress_bar() as cb:
        assert cb is None  # not a terminal: nothing drawn, engines get no callback
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    with progress_bar(quiet=True) as cb:
        assert cb is None
    with progress_bar() as cb:
        assert callable(cb)
        for what, done, total in [
            ("a", 0, 3),
            ("a", 2, 3),
            ("b", 3, 3),
            ("c", 0, 10),
            ("c", 4, 10),
        ]:
            cb(what, done, total)  # a step list relabels; done going back starts a new task
    monkeypatch.setenv("INTERPHASE_QUIET", "1")
    with progress_bar() as cb:
        assert cb is None
