"""The worker pool: jobs run in other processes, overdue and cancelled ones are killed, any script may use it."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from iijview.workers import NICENESS, WorkerError, WorkerPool


def _drain(pool: WorkerPool, timeout: float = 60) -> list:
    out, t0 = [], time.perf_counter()
    while pool.busy and time.perf_counter() - t0 < timeout:
        out += pool.poll()
        time.sleep(0.01)
    return out


def test_jobs_run_in_worker_processes_and_failures_come_back_as_text():
    pool = WorkerPool(size=2, deadline=60)
    try:
        pool.submit("pid", os.getpid)
        pool.submit("bad", int, "not a number")
        out = {o.job_id: o for o in _drain(pool)}
    finally:
        pool.shutdown()
    assert out["pid"].result != os.getpid() and not out["pid"].error
    assert isinstance(out["bad"].result, WorkerError) and "ValueError" in str(out["bad"].result)


@pytest.mark.skipif(not hasattr(os, "nice"), reason="niceness is POSIX; Windows uses a priority class")
def test_workers_run_below_normal_priority_so_the_window_gets_a_core():
    pool = WorkerPool(size=1, deadline=60)
    try:
        pool.submit("niceness", os.nice, 0)      # adding 0 tells the niceness
        out = _drain(pool)
    finally:
        pool.shutdown()
    assert out[0].result == min(os.nice(0) + NICENESS, 19)


def test_an_overdue_job_is_killed_and_the_next_gets_a_fresh_worker():
    pool = WorkerPool(size=1, deadline=0.5)
    try:
        pool.submit("sleeper", time.sleep, 30)
        pool.submit("pid", os.getpid)
        out = {o.job_id: o for o in _drain(pool)}
    finally:
        pool.shutdown()
    assert out["sleeper"].overran and "longer than 0.5 s" in out["sleeper"].error
    assert isinstance(out["pid"].result, int)


def test_cancel_and_shutdown_stop_running_jobs_at_once():
    pool = WorkerPool(size=2, deadline=60)
    pool.submit("a", time.sleep, 30)
    pool.submit("b", time.sleep, 30)
    pool.submit("c", time.sleep, 30)
    pool.poll()
    running = [w.process for w in pool.workers]
    assert sorted(pool.cancel(["a"])) == ["a"]
    pool.shutdown()
    assert not pool.busy and all(not p.is_alive() for p in running)


def test_a_script_without_a_main_guard_can_use_the_pool(tmp_path):
    # Spawned workers would run such a script again; they are started with a blank main module.
    script = tmp_path / "unguarded.py"
    script.write_text("import os\nfrom iijview.workers import WorkerPool\nimport time\n"
                      "pool = WorkerPool(size=1)\npool.submit('x', os.getpid)\nout = []\n"
                      "while pool.busy:\n    out += pool.poll()\n    time.sleep(0.01)\n"
                      "pool.shutdown()\nprint('ran', len(out), out[0].error or 'ok')\n")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ran 1 ok"
