"""Worker processes that run jobs (opening releases) off the caller's process: every core, kill at will.

A WorkerPool starts up to `size` processes (spawned: nothing of the caller, Qt included, is
inherited), gives each one job at a time over a pipe and collects the pickled results when the
caller polls. A job that runs past its deadline, or that the caller cancels, is stopped by killing
its process; the next job gets a fresh one. Nothing here blocks: the GUI polls from a timer.
Workers run below normal priority: with one per core, the caller (the window) would otherwise share
every core with them, and its painting would take half as long again while files open.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import sys
import time
import types
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Callable

NICENESS = 5          # added to a worker's niceness (POSIX): below normal, like Windows' below-normal class
Job = tuple[str, Callable[..., Any], tuple]      # (id, function, arguments): the function must be importable


@dataclass
class _Worker:
    process: Any
    conn: Connection
    job: Job | None = None
    started: float = 0.0
    deadline: float = 0.0


@dataclass
class Outcome:
    """How a job ended: its result, or the sentence saying why there is none."""

    job_id: str
    result: Any = None
    error: str = ""            # a crash of the worker, or the job overran its deadline
    overran: bool = False
    seconds: float = 0.0


@dataclass
class WorkerPool:
    """Up to `size` worker processes; a job that runs longer than `deadline` seconds is killed."""

    size: int = field(default_factory=lambda: max(1, os.cpu_count() or 1))
    deadline: float = 60.0
    workers: list[_Worker] = field(default_factory=list)
    queue: list[Job] = field(default_factory=list)

    def submit(self, job_id: str, fn: Callable[..., Any], *args) -> None:
        """Queue a job (started at the next poll)."""
        self.queue.append((job_id, fn, args))

    @property
    def busy(self) -> bool:
        """True while jobs are queued or running."""
        return bool(self.queue) or any(w.job is not None for w in self.workers)

    def poll(self, limit: int | None = None, max_seconds: float | None = None) -> list[Outcome]:
        """Start queued jobs on idle workers, stop overdue ones, collect finished ones (at most `limit`,
        or as many as come within `max_seconds`); never waits for a job."""
        out: list[Outcome] = []
        started = time.perf_counter()
        busy = {w.conn: w for w in self.workers if w.job is not None}
        for conn in wait(list(busy), timeout=0) if busy else []:
            if (limit is not None and len(out) >= limit) or \
                    (max_seconds is not None and time.perf_counter() - started > max_seconds):
                break
            w = busy[conn]
            job_id = w.job[0]
            try:
                result = conn.recv()
                out.append(Outcome(job_id, result, seconds=time.monotonic() - w.started))
                w.job = None
                if getattr(result, "retire_worker", False):
                    self._retire(w)         # it ends itself after such a job: never give it another
            except (EOFError, OSError):
                out.append(Outcome(job_id, error="its worker process ended unexpectedly",
                                   seconds=time.monotonic() - w.started))
                self._retire(w)
            except Exception as exc:   # noqa: BLE001 - a result that cannot be unpickled
                out.append(Outcome(job_id, error=f"its result could not be read ({type(exc).__name__})"))
                self._retire(w)
        now = time.monotonic()
        for w in [w for w in self.workers if w.job is not None and now > w.deadline]:
            out.append(Outcome(w.job[0], error=f"it ran longer than {self.deadline:g} s", overran=True,
                               seconds=now - w.started))
            self._retire(w)
        self._dispatch()
        return out

    def cancel(self, job_ids=None) -> list[str]:
        """Drop queued jobs and stop running ones (all, or those in `job_ids`); return the ids dropped."""
        wanted = None if job_ids is None else set(job_ids)
        dropped = [j[0] for j in self.queue if wanted is None or j[0] in wanted]
        self.queue = [j for j in self.queue if wanted is not None and j[0] not in wanted]
        for w in [w for w in self.workers if w.job is not None and (wanted is None or w.job[0] in wanted)]:
            dropped.append(w.job[0])
            self._retire(w)
        return dropped

    def shutdown(self) -> None:
        """Stop every worker at once (running jobs are lost; nothing waits for them)."""
        self.queue.clear()
        for w in list(self.workers):
            self._retire(w)

    def _dispatch(self) -> None:
        for w in [w for w in self.workers if w.job is None and not w.process.is_alive()]:
            self._retire(w)         # ended by itself (it retires after a job that ran out of time)
        while self.queue:
            w = next((w for w in self.workers if w.job is None and w.process.is_alive()), None)
            if w is None:
                if len(self.workers) >= self.size:
                    return
                w = self._spawn()
            job = self.queue.pop(0)
            try:
                w.conn.send(job)
            except (OSError, ValueError):
                self._retire(w)
                self.queue.insert(0, job)
                continue
            w.job, w.started = job, time.monotonic()
            w.deadline = w.started + self.deadline

    def _spawn(self) -> _Worker:
        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe()
        process = ctx.Process(target=_serve, args=(child,), daemon=True, name="iijview-worker")
        # A spawned child runs the parent's main script again unless it is guarded by
        # `if __name__ == "__main__"`; the workers need nothing from it (their code is in this
        # package), so they are started with a blank main module, whatever script started the app.
        main = sys.modules.get("__main__")
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            process.start()
        finally:
            if main is not None:
                sys.modules["__main__"] = main
        child.close()
        w = _Worker(process, parent)
        self.workers.append(w)
        return w

    def _retire(self, w: _Worker) -> None:
        """Kill a worker (it may be mid-job) and forget it."""
        try:
            if w.process.is_alive():
                w.process.kill()
            w.process.join(timeout=1)
        except (OSError, ValueError, AssertionError):
            pass
        try:
            w.conn.close()
        except OSError:
            pass
        if w in self.workers:
            self.workers.remove(w)


def _serve(conn: Connection) -> None:
    """A worker's loop: run each job it is sent and send back its result (or the exception's sentence)."""
    _below_normal_priority()
    while True:
        try:
            job_id, fn, args = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            result = fn(*args)
        except BaseException as exc:   # noqa: BLE001 - any failure goes back to the caller as text
            result = WorkerError(f"{type(exc).__name__}: {exc}")
        try:
            conn.send(result)
        except (OSError, ValueError):
            return
        if getattr(result, "retire_worker", False):
            return                      # e.g. a job stopped by its time budget: start clean


def _below_normal_priority() -> None:
    """Let the caller's process have a core whenever it needs one (best effort: the work goes on anyway)."""
    try:
        if sys.platform == "win32":
            import ctypes

            kernel32 = ctypes.windll.kernel32
            kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), 0x4000)   # BELOW_NORMAL_PRIORITY_CLASS
        else:
            os.nice(NICENESS)
    except (OSError, AttributeError):
        pass


class WorkerError(Exception):
    """A job raised in its worker; the message names the exception."""
