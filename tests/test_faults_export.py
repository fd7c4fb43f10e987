"""Saving exports under faults: kills, read-only targets, a full disk; and what export says it applied."""
from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from faults import small_disk
from iijview.cli import main
from iijview.export.saving import TEMP_PREFIX, save_bytes, sweep
from iijview.store import Workspace

SAMPLES = Path(__file__).resolve().parent.parent / "resources" / "samples"
OCR = SAMPLES / "2017-09_6m_fy2017_ocr_usgaap.txt"
WEB = SAMPLES / "2018-12_9m_fy2018_web_usgaap.txt"


def _temps(folder: Path) -> list[str]:
    return [n for n in os.listdir(folder) if n.startswith(TEMP_PREFIX)]


def test_kill_during_export_leaves_old_or_new_file_and_no_temporary(tmp_path):
    target = tmp_path / "out.xlsx"
    rng = random.Random(15)
    env = {**os.environ, "IIJVIEW_HOME": str(tmp_path / "home")}
    command = [sys.executable, "-m", "iijview", "export", str(OCR), str(WEB), "-o", str(target)]
    times = []
    for _ in range(3):   # the fastest of three: a kill at a fraction of it lands before a run ends, even on a busy machine
        t0 = time.perf_counter()
        subprocess.run(command, capture_output=True, env=env, check=True)
        times.append(time.perf_counter() - t0)
    whole = min(times)                     # kills land anywhere from start-up to the final rename
    target.unlink()
    kills = 0
    for _ in range(20):
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        time.sleep(whole * rng.uniform(0.1, 0.97))
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
            kills += 1
        child.wait()
        assert _temps(tmp_path) == []
        if target.exists():
            with zipfile.ZipFile(target) as z:       # a whole workbook, never half of one
                assert z.testzip() is None and "xl/workbook.xml" in z.namelist()
    assert kills >= 12


def test_temporaries_of_dead_processes_are_swept(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f"{TEMP_PREFIX}{dead.stdout.strip()}-abcd.tmp"
    stale.write_bytes(b"half")
    mine = tmp_path / f"{TEMP_PREFIX}{os.getpid()}-abcd.tmp"
    mine.write_bytes(b"in use")
    save_bytes(b"new", tmp_path / "x.xlsx")
    assert not stale.exists() and mine.exists()
    assert sweep(tmp_path) == 0


def test_read_only_target_is_refused_and_kept(tmp_path, capsys):
    target = tmp_path / "kept.xlsx"
    target.write_bytes(b"the colleague's workbook")
    target.chmod(0o444)
    code = main(["--workspace", str(tmp_path / "ws"), "export", str(OCR), "-o", str(target)])
    err = capsys.readouterr().err
    assert code == 2 and "the file is read-only" in err and "Traceback" not in err
    assert target.read_bytes() == b"the colleague's workbook"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


def test_full_disk_one_sentence_no_traceback_no_temporary(tmp_path):
    Workspace(tmp_path / "ws").close()
    with small_disk(tmp_path / "disk", 48) as disk:
        folder = disk or tmp_path
        target = folder / "out.xlsx"
        if disk is None:     # cannot mount here: fill the disk by making every write fail
            code = ("import os, sys, errno\nreal = os.write\n"
                    "os.write = lambda fd, b: (_ for _ in ()).throw(OSError(errno.ENOSPC, 'No space left on device'))"
                    " if fd > 2 else real(fd, b)\nfrom iijview.cli import main\nsys.exit(main(sys.argv[1:]))")
            args = [sys.executable, "-c", code]
        else:
            args = [sys.executable, "-m", "iijview"]
        done = subprocess.run([*args, "--workspace", str(tmp_path / "ws"), "export", str(OCR), str(WEB),
                               "-o", str(target)], capture_output=True, text=True, timeout=300)
        assert done.returncode == 2
        assert "the disk is full" in done.stderr and "Traceback" not in done.stderr
        assert done.stderr.count("\n") == 1
        assert not target.exists() and _temps(folder) == []


def test_export_says_applied_for_a_correction_it_applied(tmp_path, capsys):
    from iijview.loader import load_release

    release = load_release(OCR, checks=False)
    sheet = release.statement("balance_sheet")
    r, item = next((r, it) for r, it in enumerate(sheet.items) if it.cells)
    col, cell = next(iter(item.cells.items()))
    ws = Workspace(tmp_path / "ws")
    # stored when the parser read another figure there: applied, with a note that the reading changed
    ws.set_value(release, "balance_sheet", sheet.item_keys()[r], col, 123.0, "123",
                 original=(cell.value or 0) + 1, original_text="x")
    ws.close()
    code = main(["--workspace", str(tmp_path / "ws"), "export", str(OCR), "-o", str(tmp_path / "o.xlsx")])
    err = capsys.readouterr().err
    assert code == 0
    assert "left out" not in err and "applied with a note" in err
