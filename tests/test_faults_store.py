"""Workspace faults: disk full, read-only, damaged file or page, long imports, kills; one true sentence each."""
from __future__ import annotations

import csv
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from faults import damaged_workspace, read_only, small_disk
from iijview.cli import main
from iijview.store import Workspace, WorkspaceError
from iijview.store import faults

SAMPLES = Path(__file__).resolve().parent.parent / "resources" / "samples"
OCR = SAMPLES / "2017-09_6m_fy2017_ocr_usgaap.txt"
SHA = "a" * 64


def _fill(ws: Workspace, n: int, start: int = 0) -> None:
    with ws.transaction():
        for k in range(start, start + n):
            ws.set_value(SHA, "income_statement", f"/Row {k}#0", "c1", float(k), f"{k:,}")


def _values(folder: Path) -> dict[str, float]:
    with Workspace(folder) as ws:
        return {c.row_key: c.value for c in ws.corrections(SHA)}


# -- disk full ------------------------------------------------------------------------------

def test_disk_full_is_one_sentence_and_keeps_what_was_stored(tmp_path):
    with small_disk(tmp_path / "disk", 400) as disk:
        folder = disk or tmp_path / "ws"
        ws = Workspace(folder)
        if disk is None:   # no tmpfs here: let SQLite itself run out of room
            ws._db.execute("PRAGMA max_page_count=40")
        stored = 0
        with pytest.raises(WorkspaceError) as info:
            for k in range(100000):
                ws.set_value(SHA, "income_statement", f"/Row {k}#0", "c1", float(k), "x" * 200)
                stored = k + 1
        assert info.value.kind == faults.FULL
        message = str(info.value)
        assert "is full, so the change was not saved" in message and "\n" not in message
        assert stored > 10
        ws.close()
        values = _values(folder)
        assert len(values) == stored and all(values[f"/Row {k}#0"] == k for k in range(stored))


def test_import_stopped_by_a_full_disk_says_how_far_it_got(tmp_path):
    source = Workspace(tmp_path / "source")
    _fill(source, 5000)
    csv_path = tmp_path / "all.csv"
    source.export_csv(csv_path)
    pages = source._db.execute("PRAGMA page_count").fetchone()[0]
    ws = Workspace(tmp_path / "ws")
    ws._db.execute(f"PRAGMA max_page_count={int(pages * 0.6)}")   # room for about 3,000 of the 5,000
    with pytest.raises(WorkspaceError) as info:
        ws.import_csv(csv_path)
    message = str(info.value)
    assert info.value.kind == faults.FULL and "rollback" not in message
    assert "of 5,000 rows were imported before that; import the file again" in message
    kept = len(ws.corrections(SHA))
    assert kept % 2000 == 0 and kept < 5000          # whole batches, never half of one
    ws._db.execute("PRAGMA max_page_count=1000000")
    assert ws.import_csv(csv_path) == 5000 - kept       # importing again adds the rest
    assert len(ws.corrections(SHA)) == 5000


# -- read-only -----------------------------------------------------------------------------

def test_read_only_workspace_reads_corrections_and_refuses_writes(tmp_path, capsys):
    folder = tmp_path / "ws"
    with Workspace(folder) as ws:
        _fill(ws, 3)
        ws.set_setting("unit_mode", "millions")
    with read_only(folder):
        ws = Workspace(folder)
        assert ws.read_only and "cannot be written (read-only or no permission)" in ws.problem
        assert "not a usable" not in ws.problem and "broken" not in ws.problem
        assert len(ws.corrections(SHA)) == 3 and ws.setting("unit_mode") == "millions"
        assert ws.set_setting("unit_mode", "printed") is False
        with pytest.raises(WorkspaceError) as info:
            ws.set_value(SHA, "income_statement", "/Row 9#0", "c1", 9.0, "9")
        assert info.value.kind == faults.READ_ONLY
        assert main(["--workspace", str(folder), "corrections", "import", str(tmp_path / "x.csv")]) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert main(["--workspace", str(folder), "facts", str(OCR)]) == 0
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err and captured.out.startswith("release,")
    assert len(_values(folder)) == 3


def test_read_only_folder_without_a_workspace_opens_empty_and_read_only(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    with read_only(folder):
        ws = Workspace(folder)
        assert ws.read_only and ws.corrections() == []
        with pytest.raises(WorkspaceError, match="cannot be written"):
            ws.insert_row(SHA, "balance_sheet", "+x", "Row")


# -- damaged file or page ---------------------------------------------------------------------

def test_whole_file_damaged_every_command_says_so_in_one_sentence(tmp_path, capsys):
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / "workspace.sqlite3").write_bytes(b"not a database at all" * 500)
    with pytest.raises(WorkspaceError) as info:
        Workspace(folder)
    assert info.value.kind == faults.DAMAGED and ".recover" in str(info.value)
    assert main(["--workspace", str(folder), "facts", str(OCR)]) == 0
    captured = capsys.readouterr()
    assert "is damaged" in captured.err and "Traceback" not in captured.err
    assert captured.out.startswith("release,")
    for args in (["corrections", "export"], ["corrections", "import", str(tmp_path / "x.csv")]):
        assert main(["--workspace", str(folder), *args]) == 2
        err = capsys.readouterr().err
        assert "is damaged" in err and "Traceback" not in err and err.count("\n") == 1


def test_one_damaged_page_gives_sentences_not_tracebacks(tmp_path, capsys):
    from iijview.loader import load_release

    sha = load_release(OCR, checks=False).sha256
    folder = damaged_workspace(tmp_path / "ws", sha)
    commands = [["facts", str(OCR)], ["check", str(OCR)],
                ["export", str(OCR), "-o", str(tmp_path / "out.xlsx")],
                ["corrections", "export"], ["corrections", "import", str(tmp_path / "none.csv")]]
    for args in commands:
        code = main(["--workspace", str(folder), *args])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err and "DatabaseError" not in captured.err, args
        if args[0] in ("facts", "check", "export"):
            assert code == 0 and "is damaged" in captured.err, (args, captured.err)
        else:
            assert code == 2, args
    assert (tmp_path / "out.xlsx").exists()


# -- long imports never starve the app's own saves ---------------------------------------------

def test_app_saves_during_a_long_import_never_time_out(tmp_path):
    source = Workspace(tmp_path / "source")
    with source.transaction():
        for k in range(30000):
            source.set_value("b" * 64, "balance_sheet", f"/Line {k}#0", "c1", float(k), str(k))
    source.export_csv(tmp_path / "big.csv")
    folder = tmp_path / "ws"
    Workspace(folder).close()
    child = subprocess.Popen([sys.executable, "-m", "iijview", "--workspace", str(folder), "corrections",
                              "import", str(tmp_path / "big.csv")], stderr=subprocess.PIPE, text=True)
    ws = Workspace(folder)
    waits = []
    try:
        while child.poll() is None:
            t0 = time.perf_counter()
            ws.set_value(SHA, "income_statement", "/Revenues#0", "c1", float(len(waits)), "x")
            waits.append(time.perf_counter() - t0)
            time.sleep(0.02)
    finally:
        child.wait(timeout=300)
    assert child.returncode == 0, child.stderr.read()
    assert len(waits) >= 5                        # the saves ran while the import did
    assert len(ws.corrections("b" * 64)) == 30000
    assert ws.corrections(SHA)[0].value == len(waits) - 1


# -- kill -9 while corrections are written ----------------------------------------------------

_WRITER = """
import sys
from iijview.store import Workspace
ws = Workspace(sys.argv[1])
k = 0
while True:
    ws.set_value("a" * 64, "income_statement", f"/Row {k}#0", "c1", float(k), str(k))
    print(k, flush=True)      # acknowledged: stored
    k += 1
"""


def test_kill_during_correction_writes_loses_nothing_acknowledged(tmp_path):
    folder = tmp_path / "ws"
    rng = random.Random(15)
    acknowledged = -1
    for _ in range(5):
        child = subprocess.Popen([sys.executable, "-c", _WRITER, str(folder)], stdout=subprocess.PIPE,
                                 text=True)
        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.extend(child.stdout), daemon=True)
        reader.start()
        time.sleep(0.5 + rng.random())
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        reader.join(5)
        acknowledged = max([acknowledged, *(int(x) for x in lines if x.strip())])
        db = sqlite3.connect(folder / "workspace.sqlite3")
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.close()
        values = _values(folder)
        assert all(values.get(f"/Row {k}#0") == k for k in range(acknowledged + 1))
    assert acknowledged > 10


# -- CSV: formulas neutralised, read back exactly; messages safe for a terminal ------------------

HOSTILE = ["=HYPERLINK(\"http://x\",\"y\")", "=cmd|' /C calc'!A0", "@SUM(A1:A9)", "+1+2", "-2+3",
           "\tTab", "\rReturn", "'quoted", "''two", "plain", "-", ""]


def test_csv_export_neutralises_formulas_and_import_reads_them_back(tmp_path):
    ws = Workspace(tmp_path / "a")
    for k, text in enumerate(HOSTILE):
        ws.set_label(SHA, "income_statement", f"/Row {k}#0", text, original=text[::-1])
        ws.set_value(SHA, "income_statement", f"/Row {k}#0", "c1", -k, text or "-")
    out = tmp_path / "out.csv"
    ws.export_csv(out)
    with open(out, newline="", encoding="utf-8") as fh:
        cells = [cell for row in csv.reader(fh) for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))
                and not c.lstrip("-").replace(".", "").isdigit()]
    assert not [c for c in cells if c.startswith("-") and not c.lstrip("-").replace(".", "").isdigit()]
    b = Workspace(tmp_path / "b")
    assert b.import_csv(out) == 2 * len(HOSTILE)
    assert [(c.kind, c.row_key, c.text, c.original_text, c.value) for c in b.corrections()] == \
        [(c.kind, c.row_key, c.text, c.original_text, c.value) for c in ws.corrections()]


def test_facts_csv_neutralises_formula_labels(tmp_path, capsys):
    from iijview.loader import load_release

    release = load_release(OCR, checks=False)
    sheet = release.statement("balance_sheet")
    key = next(k for k, item in zip(sheet.item_keys(), sheet.items) if item.cells)
    ws = Workspace(tmp_path / "ws")
    ws.set_label(release.sha256, "balance_sheet", key, "=HYPERLINK(\"http://x\")")
    ws.close()
    assert main(["--workspace", str(tmp_path / "ws"), "facts", str(OCR)]) == 0
    rows = list(csv.reader(capsys.readouterr().out.splitlines()))
    labels = [r[2] for r in rows[1:]]
    assert "'=HYPERLINK(\"http://x\")" in labels
    assert not [cell for r in rows for cell in r if cell[:1] in ("=", "@", "+")]


def test_messages_show_control_characters_as_escapes(tmp_path, capsys):
    from iijview.loader import load_release

    sha = load_release(OCR, checks=False).sha256
    ws = Workspace(tmp_path / "ws")
    ws.set_value(sha, "balance_sheet", "/\x1b[2J\rGone row#0", "c1", 1.0, "\x1b]0;owned\x07")
    ws.close()
    assert main(["--workspace", str(tmp_path / "ws"), "facts", str(OCR)]) == 0
    err = capsys.readouterr().err
    assert "Not applied (row not found)" in err
    assert "\x1b" not in err and "\r" not in err and "\x07" not in err
    assert "\\x1b[2J\\x0dGone row" in err
