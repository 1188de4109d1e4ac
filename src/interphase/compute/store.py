"""A resumable result store in SQLite (stdlib): one row per finished task.

Rows are written by the client one by one as tasks finish, each in its own transaction, so a
killed run loses only the work in flight; a rerun reads what is there and computes the rest.
A failed task is a row too (status "failed", the error line), so one bad candidate never stops
the others and is not retried unless asked. `computed` counts how often a task's row was
written: 1 everywhere means no task was computed twice.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Any

from interphase.errors import ComputeError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    run TEXT PRIMARY KEY, spec TEXT NOT NULL, created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS tasks (
    run TEXT NOT NULL, task TEXT NOT NULL, status TEXT NOT NULL,
    result TEXT, error TEXT, seconds REAL, worker TEXT, stored REAL NOT NULL,
    computed INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (run, task)
);
CREATE TABLE IF NOT EXISTS cache (
    key TEXT PRIMARY KEY, value TEXT NOT NULL, created REAL NOT NULL
);
"""


class ResultStore:
    """SQLite file (or ":memory:") holding runs, task results and small caches."""

    def __init__(self, path: str | Path = ":memory:") -> None:
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(_SCHEMA)
            self._db.commit()
        except sqlite3.Error as exc:
            raise ComputeError(f"cannot open result store {self.path!r}: {exc}") from None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ResultStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- runs
    def register_run(self, run: str, spec: dict[str, Any]) -> None:
        self._db.execute(
            "INSERT OR IGNORE INTO runs (run, spec, created) VALUES (?, ?, ?)",
            (run, json.dumps(spec, sort_keys=True), time.time()),
        )
        self._db.commit()

    def runs(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT run FROM runs ORDER BY created")]

    # --- tasks
    def finished(self, run: str, include_failed: bool = True) -> set[str]:
        q = "SELECT task FROM tasks WHERE run = ?"
        if not include_failed:
            q += " AND status = 'done'"
        return {r[0] for r in self._db.execute(q, (run,))}

    def put(
        self,
        run: str,
        task: str,
        result: Any = None,
        error: str | None = None,
        seconds: float | None = None,
        worker: str | None = None,
    ) -> None:
        """Write one task's result (or its error) and commit at once."""
        status = "failed" if error is not None else "done"
        self._db.execute(
            "INSERT INTO tasks (run, task, status, result, error, seconds, worker, stored) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run, task) DO UPDATE SET "
            "status = excluded.status, result = excluded.result, error = excluded.error, "
            "seconds = excluded.seconds, worker = excluded.worker, stored = excluded.stored, "
            "computed = tasks.computed + 1",
            (
                run,
                task,
                status,
                None if result is None else json.dumps(result),
                error,
                seconds,
                worker,
                time.time(),
            ),
        )
        self._db.commit()

    def results(self, run: str) -> dict[str, dict[str, Any]]:
        """task → {"status", "result", "error", "seconds", "computed"}."""
        out = {}
        for task, status, result, error, seconds, computed in self._db.execute(
            "SELECT task, status, result, error, seconds, computed FROM tasks WHERE run = ?",
            (run,),
        ):
            out[task] = {
                "status": status,
                "result": None if result is None else json.loads(result),
                "error": error,
                "seconds": seconds,
                "computed": computed,
            }
        return out

    def count(self, run: str) -> int:
        return self._db.execute("SELECT COUNT(*) FROM tasks WHERE run = ?", (run,)).fetchone()[0]

    # --- small key/value cache (candidate enumerations)
    def cache_get(self, key: str) -> Any:
        row = self._db.execute("SELECT value FROM cache WHERE key = ?", (key,)).fetchone()
        return None if row is None else json.loads(row[0])

    def cache_put(self, key: str, value: Any) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO cache (key, value, created) VALUES (?, ?, ?)",
            (key, json.dumps(value), time.time()),
        )
        self._db.commit()
