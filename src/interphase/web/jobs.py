"""Long computations of the web app, run in background threads with progress.

A page submits a job and gets an id; a timer on the page polls `status(id)` for the
progress the engine reports through its usual `progress(description, done, total)` callback,
and for the result when it is done. The pool is bounded (`MAX_WORKERS` running, `MAX_QUEUED`
waiting), so a flood of submissions is refused instead of piling up; finished jobs are kept
for `KEEP_S` seconds and at most `MAX_KEPT` of them. An engine's refusal (InterphaseError) is
the job's error message; anything else is logged with its traceback and reported as an
internal error, and the pool keeps serving.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from interphase.errors import InterphaseError

log = logging.getLogger("interphase.web")

MAX_WORKERS = 2
MAX_QUEUED = 16
KEEP_S = 3600.0
MAX_KEPT = 32  # a screening with database candidates holds a few MB

Progress = Callable[[str, int, int], None]


@dataclass
class Job:
    id: str
    kind: str
    state: str = "queued"  # queued | running | done | failed
    description: str = ""
    done: int = 0
    total: int = 0
    result: Any = None
    error: str = ""
    field: str | None = None  # the form field an InterphaseError names, when it does
    started: float = dataclasses.field(default_factory=time.time)
    finished: float | None = None

    def snapshot(self) -> dict[str, Any]:
        """What a page may show (the result object stays on the server)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "state": self.state,
            "description": self.description,
            "done": self.done,
            "total": self.total,
            "error": self.error,
            "field": self.field,
        }


class JobRunner:
    """A bounded thread pool for the app's long computations."""

    def __init__(self, workers: int = MAX_WORKERS, queued: int = MAX_QUEUED) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="interphase-job")
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._limit = workers + queued

    def submit(self, kind: str, fn: Callable[[Progress], Any]) -> Job:
        """Run `fn(progress)` in the background; InterphaseError when the pool is full."""
        with self._lock:
            self._forget_old()
            active = sum(j.state in ("queued", "running") for j in self._jobs.values())
            if active >= self._limit:
                raise InterphaseError(
                    f"{active} computations are running or waiting: try again when one is done"
                )
            job = Job(uuid.uuid4().hex, kind)
            self._jobs[job.id] = job
        self._pool.submit(self._run, job, fn)
        return job

    def get(self, job_id: Any) -> Job | None:
        if not isinstance(job_id, str):
            return None
        with self._lock:
            return self._jobs.get(job_id)

    def _run(self, job: Job, fn: Callable[[Progress], Any]) -> None:
        job.state = "running"

        def progress(description: str, done: int, total: int) -> None:
            job.description, job.done, job.total = description, done, total

        try:
            job.result = fn(progress)
            job.state = "done"
        except InterphaseError as exc:
            job.error = " ".join(str(exc).split())
            job.field = getattr(exc, "field", None)
            job.state = "failed"
        except Exception as exc:  # a defect: logged with its traceback, the pool goes on
            log.exception("job %s (%s) failed", job.id, job.kind)
            job.error = f"internal error ({type(exc).__name__}); it is logged on the server"
            job.state = "failed"
        finally:
            job.finished = time.time()

    def _forget_old(self) -> None:
        now = time.time()
        done = [j for j in self._jobs.values() if j.finished is not None]
        done.sort(key=lambda j: j.finished or 0.0)
        excess = max(0, len(done) - MAX_KEPT)
        for i, j in enumerate(done):
            if i < excess or now - (j.finished or now) > KEEP_S:
                self._jobs.pop(j.id, None)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
