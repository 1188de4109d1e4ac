"""Execution layer: Dask (local cluster or an existing scheduler) and a resumable SQLite
result store. The only place in the package that knows about Dask."""

from interphase.compute.executor import RunSummary, StoredRun, Task, run_stored, run_tasks
from interphase.compute.store import ResultStore

__all__ = ["ResultStore", "RunSummary", "StoredRun", "Task", "run_stored", "run_tasks"]
