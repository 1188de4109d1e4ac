"""Run many small tasks on Dask and stream their results into a ResultStore.

One code path for a local cluster (default: one single-threaded worker process per core,
`LocalCluster`) and an existing cluster (`scheduler="tcp://host:8786"`): both give a
`distributed.Client`; tasks are submitted in batches of the same `group` (chemical system),
so a worker builds a system's hulls once and reuses them (the engine caches hulls per
process), and results are written to the store by the client as each batch finishes
(`as_completed`). Tasks already in the store are not submitted again. `workers=0` runs the
same batches in this process without Dask (debugging, tiny jobs).

Progress goes to a callback `(description, done, total)` (done counts results in the store,
those of earlier runs included); this module draws nothing, the faces do (cli.common).
"""

from __future__ import annotations

import logging
import os
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from interphase.compute.store import ResultStore
from interphase.errors import ComputeError
from interphase.results import Result

CONNECT_TIMEOUT_S = 5.0
Progress = Callable[[str, int, int], None]  # (description, done, total), as stack.analyze


@dataclass(frozen=True)
class Task:
    """`id`: unique within a run (the store's key); `group`: tasks sharing hull data."""

    id: str
    group: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class RunSummary(Result):
    run: str
    n_tasks: int
    n_cached: int  # already in the store before this run
    n_computed: int  # computed now
    n_failed: int  # failed now
    wall_s: float
    workers: int
    scheduler: str
    _seconds_by_task: dict[str, float] = field(default_factory=dict, repr=False)  # not in JSON


def quiet_default() -> bool:
    """INTERPHASE_QUIET is set: faces draw no progress."""
    return os.environ.get("INTERPHASE_QUIET", "") not in ("", "0")


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def run_batch(func: Callable, spec: Any, tasks: list[Task]) -> list[tuple]:
    """Worker side: run each task, catching its error so the others go on."""
    import socket

    worker = f"{socket.gethostname()}:{os.getpid()}"
    out = []
    for t in tasks:
        t0 = time.perf_counter()
        try:
            res = func(spec, t.payload)
            out.append((t.id, res, None, time.perf_counter() - t0, worker))
        except Exception as exc:  # record and continue: a failed task must not stop a run
            line = f"{type(exc).__name__}: {exc}".splitlines()[0]
            logging.getLogger(__name__).debug(traceback.format_exc())
            out.append((t.id, None, line, time.perf_counter() - t0, worker))
    return out


def make_batches(tasks: Iterable[Task], batch_size: int) -> list[list[Task]]:
    """Consecutive tasks of a group together, groups in sorted order, batches ≤ batch_size
    (a big group is split; small groups are packed together)."""
    ordered = sorted(tasks, key=lambda t: (t.group, t.id))
    batches: list[list[Task]] = []
    cur: list[Task] = []
    for t in ordered:
        if len(cur) >= batch_size:
            batches.append(cur)
            cur = []
        cur.append(t)
    if cur:
        batches.append(cur)
    return batches


def check_scheduler(address: str, timeout_s: float = CONNECT_TIMEOUT_S) -> None:
    """Fail fast (ComputeError, one line) when a tcp:// scheduler does not answer, before any
    expensive preparation; other schemes are checked when the Client connects."""
    import socket
    from urllib.parse import urlparse

    u = urlparse(address if "://" in address else f"tcp://{address}")
    if u.scheme != "tcp":
        return
    try:
        host, port = u.hostname, u.port or 8786
        with socket.create_connection((host, port), timeout=timeout_s):
            pass
    except (OSError, ValueError) as exc:
        raise ComputeError(
            f"cannot reach the Dask scheduler at {address!r} ({exc}); "
            "nothing was computed and the result store is unchanged"
        ) from None


def connect(scheduler: str | None, workers: int | None):
    """A distributed Client: to `scheduler` if given, else to a new LocalCluster."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - declared dependency
        raise ComputeError("dask.distributed is missing: pip install 'dask[distributed]'") from None
    if scheduler:
        try:
            return Client(scheduler, timeout=CONNECT_TIMEOUT_S), None
        except (OSError, TimeoutError, ValueError) as exc:
            msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ComputeError(
                f"cannot reach the Dask scheduler at {scheduler!r} ({msg}); "
                "nothing was computed and the result store is unchanged"
            ) from None
    n = workers or default_workers()
    cluster = LocalCluster(
        n_workers=n,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.CRITICAL,  # no heartbeat noise when the cluster closes
    )
    return Client(cluster), cluster


def run_tasks(
    func: Callable[[Any, dict], Any],
    spec: Any,
    tasks: list[Task],
    store: ResultStore,
    run: str,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    batch_size: int = 8,
    quiet: bool | None = None,
    retry_failed: bool = False,
    on_stored: Callable[[int], None] | None = None,
    description: str = "screening",
    progress: Progress | None = None,
) -> RunSummary:
    """Compute every task not yet in the store (`func(spec, payload)` on a worker; both must
    pickle) and write each result as it arrives. `on_stored(n)` is called after each write
    (n: results written in this run). `progress(description, done, total)` is called once
    before the first task (done: tasks already in the store) and after each write, with done
    rising to total = len(tasks). `quiet=True` turns it off (faces decide whether to draw,
    INTERPHASE_QUIET included: cli.common.progress_bar); nothing is drawn here."""
    t0 = time.perf_counter()
    if quiet:
        progress = None
    ids = [t.id for t in tasks]
    if len(set(ids)) != len(ids):
        raise ComputeError("task ids must be unique within a run")
    have = store.finished(run, include_failed=not retry_failed)
    todo = [t for t in tasks if t.id not in have]
    n_cached = len(tasks) - len(todo)
    batches = make_batches(todo, batch_size)
    n_done = n_failed = 0
    seconds: dict[str, float] = {}
    label = "in-process"

    def handle(rows: list[tuple]) -> None:
        nonlocal n_done, n_failed
        for tid, res, err, secs, worker in rows:
            store.put(run, tid, res, err, secs, worker)
            seconds[tid] = secs
            n_done += 1
            n_failed += err is not None
            if on_stored is not None:
                on_stored(n_done)
            if progress is not None:
                progress(description, n_cached + n_done, len(tasks))

    n_workers = 0
    if progress is not None and tasks:
        progress(description, n_cached, len(tasks))
    if batches:
        if workers == 0 and not scheduler:
            for b in batches:
                handle(run_batch(func, spec, b))
        else:
            client, cluster = connect(scheduler, workers)
            label = scheduler or "local cluster"
            try:
                from distributed import as_completed

                n_workers = len(client.scheduler_info().get("workers", {}))
                futures = {client.submit(run_batch, func, spec, b, pure=False): b for b in batches}
                for fut in as_completed(futures):
                    try:
                        rows = fut.result()
                    except Exception as exc:  # a worker died: record the batch as failed
                        line = f"{type(exc).__name__}: {exc}".splitlines()[0]
                        rows = [(t.id, None, line, 0.0, "?") for t in futures[fut]]
                    handle(rows)
            finally:
                client.close()
                if cluster is not None:
                    cluster.close()
    return RunSummary(
        run=run,
        n_tasks=len(tasks),
        n_cached=n_cached,
        n_computed=n_done,
        n_failed=n_failed,
        wall_s=time.perf_counter() - t0,
        workers=n_workers,
        scheduler=label,
        _seconds_by_task=seconds,
    )


@dataclass(frozen=True)
class StoredRun(Result):
    """What `run_stored` gives back: this invocation's summary and every stored row of the run
    (task id → {"status", "result", "error", "seconds", "computed"})."""

    summary: RunSummary
    rows: dict[str, dict[str, Any]]


def run_stored(
    func: Callable[[Any, dict], Any],
    spec: Any,
    tasks: list[Task],
    store: ResultStore | str | os.PathLike,
    run: str,
    spec_record: dict[str, Any],
    **kwargs: Any,
) -> StoredRun:
    """`run_tasks` on `store` (a ResultStore, or a path opened and closed here), then record the
    run's spec and read back all its rows, including those of earlier invocations."""
    own = not isinstance(store, ResultStore)
    st = ResultStore(store) if own else store
    try:
        summary = run_tasks(func, spec, tasks, st, run, **kwargs)
        st.register_run(run, spec_record)
        rows = st.results(run)
    finally:
        if own:
            st.close()
    return StoredRun(summary=summary, rows=rows)
