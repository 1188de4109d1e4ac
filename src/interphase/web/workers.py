"""Engine calls of the web app run in worker processes, not in the server's threads.

Why processes: the thermodynamic engine keeps one HiGHS model per chemical system in a
module-level cache (`thermo.systems`) and changes its bounds on every hull point, so two
threads computing in the same system at once race on it (measured: a segmentation fault
with four threads reacting two pairs). One process computes one call at a time, so its
caches are its own; several processes also use several cores, and a long screening in the
job pool never holds up a pair update in the interactive pool.

Processes are started with "spawn" (a fork of a threaded server may copy a held lock) and
warmed at start-up (the embedded database is loaded once per process). A worker that dies
breaks its pool; the pool is then rebuilt, the call fails with a logged error, and the app
keeps serving.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from interphase.errors import ComputeError

log = logging.getLogger("interphase.web")

CALL_TIMEOUT_S = 120.0  # an interactive call past this is reported, not waited for
_PROGRESS: Any = None  # in a worker: the shared progress dict of the job pool


def _warm(progress: Any = None) -> None:
    """Worker start-up: load the embedded database so the first call is fast."""
    global _PROGRESS
    _PROGRESS = progress
    from interphase.thermo.database import get_database

    get_database("mp")


def _with_progress(job_id: str, fn: Callable[..., Any], args: tuple) -> Any:
    """Run fn(*args, progress) in a worker, publishing progress under job_id."""

    def progress(description: str, done: int, total: int) -> None:
        if _PROGRESS is not None:
            _PROGRESS[job_id] = (str(description), int(done), int(total))

    return fn(*args, progress)


class EnginePool:
    """A pool of worker processes; `call` waits for the answer, `run_job` forwards
    progress while it waits."""

    def __init__(self, workers: int, name: str, progress: bool = False) -> None:
        self._workers = workers
        self._name = name
        self._lock = threading.Lock()
        self._ctx = multiprocessing.get_context("spawn")
        self._manager = self._ctx.Manager() if progress else None
        self._progress = self._manager.dict() if self._manager is not None else None
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(
            self._workers, mp_context=self._ctx, initializer=_warm, initargs=(self._progress,)
        )
        for _ in range(self._workers):  # start and warm every worker now, not on first use
            pool.submit(_warm, self._progress)
        return pool

    def _submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        with self._lock:
            try:
                return self._pool.submit(fn, *args)
            except BrokenProcessPool:
                self._rebuild()
                return self._pool.submit(fn, *args)

    def _rebuild(self) -> None:
        log.error("a %s worker process died; starting new workers", self._name)
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._new_pool()

    def call(self, fn: Callable[..., Any], *args: Any, timeout: float = CALL_TIMEOUT_S) -> Any:
        """fn(*args) in a worker; InterphaseErrors come back as they were raised."""
        future = self._submit(fn, *args)
        try:
            return future.result(timeout=timeout)
        except BrokenProcessPool:
            with self._lock:
                self._rebuild()
            raise ComputeError("the computation's worker process died; it is logged") from None
        except TimeoutError:
            raise ComputeError(f"no answer within {timeout:g} s; try a smaller request") from None

    def run_job(self, job_id: str, fn: Callable[..., Any], args: tuple, progress: Any) -> Any:
        """fn(*args, progress) in a worker; its progress reaches `progress` here."""
        future = self._submit(_with_progress, job_id, fn, args)

        def forward() -> None:
            if self._progress is not None and job_id in self._progress:
                progress(*self._progress[job_id])

        try:
            while True:
                try:
                    result = future.result(timeout=0.2)
                    forward()  # the last step, however fast the call was
                    return result
                except TimeoutError:
                    forward()
        except BrokenProcessPool:
            with self._lock:
                self._rebuild()
            raise ComputeError("the computation's worker process died; it is logged") from None
        finally:
            if self._progress is not None:
                self._progress.pop(job_id, None)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        if self._manager is not None:
            self._manager.shutdown()
