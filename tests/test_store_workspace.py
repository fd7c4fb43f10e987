"""Workspace: corrections are stored at once, survive a reopen, apply to a fresh parse, share as CSV."""
from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from iijview.store import Workspace, WorkspaceError


def test_default_folder_is_iijview_home(_iijview_home):
    ws = Workspace()
    assert ws.path == _iijview_home / "workspace.sqlite3"
    assert ws.path.exists()


def test_value_correction_survives_reopen_and_applies(tmp_path, tiny_release):
    rel = tiny_release()
    st = rel.statement("income_statement")
    key = st.item_keys()[0]
    assert key == "/Revenues#0"
    ws = Workspace(tmp_path)
    ws.set_value(rel, st.key, key, "c18", 125000, "125,000", original=120000, original_text="120,000")
    # A second connection sees it without any save step or close.
    other = sqlite3.connect(tmp_path / "workspace.sqlite3")
    assert other.execute("SELECT value FROM corrections").fetchone()[0] == 125000
    other.close()
    ws.close()

    fresh = tiny_release()
    msgs = Workspace(tmp_path).apply(fresh)
    assert msgs == []
    cell = fresh.statement("income_statement").items[0].cells["c18"]
    assert (cell.value, cell.text, cell.status) == (125000, "125,000", "corrected")
    assert (cell.original, cell.original_text) == (120000, "120,000")
    facts = fresh.facts
    row = facts[(facts.label == "Revenues") & (facts.period_end == "2018-12-31")].iloc[0]
    assert row.status == "corrected" and row.value == 125000


def test_correction_records_when_and_who(tmp_path, tiny_release):
    ws = Workspace(tmp_path)
    c = ws.set_value(tiny_release(), "income_statement", "/Revenues#0", "c17", 1, "1")
    assert c.created[:4].isdigit() and "T" in c.created
    assert c.user


def test_second_edit_keeps_first_original(tmp_path, tiny_release):
    ws = Workspace(tmp_path)
    rel = tiny_release()
    ws.set_value(rel, "income_statement", "/Revenues#0", "c18", 1, "1", 120000, "120,000")
    ws.set_value(rel, "income_statement", "/Revenues#0", "c18", 2, "2", 1, "1")
    [c] = ws.corrections(rel.sha256)
    assert (c.value, c.original_value, c.original_text) == (2, 120000, "120,000")


def test_label_insert_delete_apply_in_order(tmp_path, tiny_release):
    ws = Workspace(tmp_path)
    rel = tiny_release()
    ws.set_label(rel, "income_statement", "/Cost of revenues#0", "Cost of sales", "Cost of revenues")
    ws.insert_row(rel, "income_statement", "+a", "Other revenues", after_key="/Revenues#0", level=1)
    ws.insert_row(rel, "income_statement", "+b", "More revenues", after_key="+a", level=1)
    ws.set_value(rel, "income_statement", "+a", "c18", 7, "7")
    ws.delete_row(rel, "income_statement", "/Revenues#0", "Revenues")
    fresh = tiny_release()
    msgs, anchors = ws.apply_with_anchors(fresh)
    assert msgs == []
    st = fresh.statement("income_statement")
    assert [it.label for it in st.items] == ["Other revenues", "More revenues", "Cost of sales",
                                             "Gross margin"]
    assert anchors["income_statement"] == ["+a", "+b", "/Cost of revenues#0", "/Gross margin#0"]
    assert st.items[0].inserted and st.items[0].cells["c18"].value == 7
    assert st.items[0].cells["c18"].status == "corrected"


def test_revert_insert_removes_its_cells(tmp_path, tiny_release):
    ws = Workspace(tmp_path)
    rel = tiny_release()
    ws.insert_row(rel, "income_statement", "+a", "X", after_key="/Revenues#0")
    ws.set_value(rel, "income_statement", "+a", "c18", 7, "7")
    assert ws.revert(rel, "income_statement", "+a", kind="insert") == 2
    assert ws.corrections() == []


def test_unmatched_corrections_reported_and_kept(tmp_path, tiny_release):
    ws = Workspace(tmp_path)
    rel = tiny_release()
    ws.set_value(rel, "income_statement", "/Royalties#0", "c18", 1, "1")
    ws.set_value(rel, "income_statement", "/Revenues#0", "c99", 1, "1")
    ws.set_value(rel, "cash_flows", "/Cash#0", "c18", 1, "1")
    msgs = ws.apply(tiny_release())
    assert len(msgs) == 3
    assert any("row not found" in m and "Royalties" in m for m in msgs)
    assert any("column not found" in m and "c99" in m for m in msgs)
    assert any("cash_flows" in m for m in msgs)
    assert len(ws.corrections()) == 3


def test_changed_parse_is_reported_but_applied(tmp_path, tiny_release):
    ws = Workspace(tmp_path)
    rel = tiny_release()
    ws.set_value(rel, "income_statement", "/Revenues#0", "c18", 125000, "125,000", 999, "999")
    fresh = tiny_release()
    [msg] = ws.apply(fresh)
    assert "now reads '120,000'" in msg
    assert fresh.statement("income_statement").items[0].cells["c18"].value == 125000


def test_other_release_untouched(tmp_path, tiny_release):
    ws = Workspace(tmp_path)
    ws.set_value("0" * 64, "income_statement", "/Revenues#0", "c18", 1, "1")
    fresh = tiny_release()
    assert ws.apply(fresh) == []
    assert fresh.statement("income_statement").items[0].cells["c18"].status == "parsed"


def test_csv_round_trip_and_merge(tmp_path, tiny_release):
    a = Workspace(tmp_path / "a")
    rel = tiny_release()
    a.set_value(rel, "income_statement", "/Revenues#0", "c18", 125000, "125,000", 120000, "120,000")
    a.set_label(rel, "income_statement", "/Gross margin#0", "Gross profit, total", "Gross margin")
    a.insert_row(rel, "income_statement", "+x", 'Odd "quoted", label', after_key="/Revenues#0")
    out = tmp_path / "c.csv"
    assert a.export_csv(out) == 3
    b = Workspace(tmp_path / "b")
    b.set_value(rel, "balance_sheet", "/Cash#0", "b18", 6000, "6,000", 5000, "5,000")
    assert b.import_csv(out) == 3
    assert b.import_csv(out) == 0          # merging again adds nothing
    assert len(b.corrections()) == 4
    got = {(c.kind, c.row_key): c for c in b.corrections()}
    assert got[("insert", "+x")].text == 'Odd "quoted", label'
    assert got[("value", "/Revenues#0")].original_value == 120000


def test_import_keeps_newer_local_correction(tmp_path, tiny_release):
    a = Workspace(tmp_path / "a")
    rel = tiny_release()
    a.set_value(rel, "income_statement", "/Revenues#0", "c18", 1, "1")
    a.export_csv(tmp_path / "old.csv")
    b = Workspace(tmp_path / "b")
    b.import_csv(tmp_path / "old.csv")
    c = b.corrections()[0]
    c.value, c.text, c.created = 2, "2", "2999-01-01T00:00:00+00:00"
    b.add(c)
    assert b.import_csv(tmp_path / "old.csv") == 0
    assert b.corrections()[0].value == 2


@pytest.mark.parametrize("content, words", [
    ("", "empty"),
    ("a,b,c\n1,2,3\n", "header lacks"),
    ("sha256,statement,row_key,kind,created\nabc,s,r,value,2020-01-01\n", "SHA-256"),
    (f"sha256,statement,row_key,col_key,kind,created\n{'a' * 64},s,r,c,guess,2020-01-01\n", "kind"),
    (f"sha256,statement,row_key,col_key,kind,created,value\n{'a' * 64},s,r,c,value,2020-01-01,12x\n",
     "not a number"),
    (f"sha256,statement,row_key,col_key,kind,created\n{'a' * 64},s,r,c,value,yesterday\n", "ISO"),
])
def test_malformed_csv_clear_error_nothing_lost(tmp_path, tiny_release, content, words):
    ws = Workspace(tmp_path)
    ws.set_value(tiny_release(), "income_statement", "/Revenues#0", "c18", 1, "1")
    bad = tmp_path / "bad.csv"
    bad.write_text(content)
    with pytest.raises(WorkspaceError, match=words):
        ws.import_csv(bad)
    assert len(ws.corrections()) == 1


def test_bad_row_midway_imports_nothing(tmp_path):
    good = f"{'a' * 64},s,r,c,value,2020-01-01,1"
    text = "sha256,statement,row_key,col_key,kind,created,value\n" + good + "\n" + good.replace(",1", ",x") + "\n"
    (tmp_path / "x.csv").write_text(text)
    ws = Workspace(tmp_path)
    with pytest.raises(WorkspaceError, match="line 3"):
        ws.import_csv(tmp_path / "x.csv")
    assert ws.corrections() == []


def test_settings_and_recent_files(tmp_path):
    ws = Workspace(tmp_path)
    assert ws.recent_files() == []
    for name in ["a.txt", "b.txt", "a.txt"]:
        ws.add_recent(tmp_path / name)
    assert [p.rsplit("/", 1)[-1] for p in ws.recent_files()] == ["a.txt", "b.txt"]
    ws.set_open_files(["x", "y"])
    ws.set_setting("geometry", {"w": 3})
    ws.close()
    ws2 = Workspace(tmp_path)
    assert ws2.open_files() == ["x", "y"]
    assert ws2.setting("geometry") == {"w": 3}
    assert ws2.setting("missing", 5) == 5


def test_unusable_workspace_file_is_a_clear_error(tmp_path):
    (tmp_path / "workspace.sqlite3").write_text("this is not sqlite" * 100)
    with pytest.raises(WorkspaceError, match="is damaged .file is not a database."):
        Workspace(tmp_path)


def _cli(*args, env_home):
    import os
    env = dict(os.environ, IIJVIEW_HOME=str(env_home))
    return subprocess.run([sys.executable, "-m", "iijview", *args], capture_output=True, text=True,
                          env=env, timeout=120)


def test_cli_export_import(tmp_path, tiny_release):
    ws = Workspace(tmp_path / "ws")
    ws.set_value(tiny_release(), "income_statement", "/Revenues#0", "c18", 1, "1")
    out = tmp_path / "out.csv"
    r = _cli("--workspace", str(tmp_path / "ws"), "corrections", "export", "-o", str(out),
             env_home=tmp_path / "unused")
    assert r.returncode == 0, r.stderr
    assert "Exported 1 correction" in r.stderr
    r = _cli("corrections", "import", str(out), env_home=tmp_path / "home2")
    assert r.returncode == 0, r.stderr
    assert len(Workspace(tmp_path / "home2").corrections()) == 1
    r = _cli("corrections", "export", env_home=tmp_path / "home2")
    assert r.returncode == 0 and r.stdout.startswith("sha256,release,statement")


def test_cli_bad_csv_exit_2(tmp_path):
    (tmp_path / "bad.csv").write_text("nothing,useful\n")
    r = _cli("corrections", "import", str(tmp_path / "bad.csv"), env_home=tmp_path / "h")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and "not a corrections CSV" in r.stderr
    r = _cli("corrections", "export", str(tmp_path / "gone.txt"), env_home=tmp_path / "h")
    assert r.returncode == 2 and "no such file" in r.stderr
