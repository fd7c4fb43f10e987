"""Row mappings of the comparison in the workspace: stored at once, shared in the corrections CSV."""
from __future__ import annotations

import csv

import pytest

from iijview.cli import main
from iijview.store import Workspace, WorkspaceError


def test_mappings_are_stored_replaced_and_removed(tmp_path):
    ws = Workspace(tmp_path)
    ws.set_mapping("income_statement", "label:fx gains", "fx_gain_loss", "FX gains")
    ws.set_mapping("balance_sheet", "label:deposits", "guarantee_deposits")
    ws.close()
    ws = Workspace(tmp_path)       # survives a reopen
    assert ws.mappings_for("income_statement") == {"label:fx gains": "fx_gain_loss"}
    ws.set_mapping("income_statement", "label:fx gains", "other_net")
    assert ws.mappings_for("income_statement") == {"label:fx gains": "other_net"}
    assert ws.remove_mapping("income_statement", "label:fx gains") == 1
    assert ws.mappings_for("income_statement") == {}
    assert [m.describe() for m in ws.row_mappings()] == ["balance_sheet: label:deposits -> guarantee_deposits"]


def test_mappings_travel_with_corrections_export_and_import(tmp_path, tiny_release):
    rel = tiny_release()
    a = Workspace(tmp_path / "a")
    a.set_value(rel, "income_statement", "/Revenues#0", "c18", 125000, "125,000", 120000, "120,000")
    a.set_mapping("income_statement", "label:fx gains", "fx_gain_loss", "FX gains")
    out = tmp_path / "shared.csv"
    assert a.export_csv(out, rel.sha256) == 2
    rows = list(csv.DictReader(open(out, encoding="utf-8")))
    assert [(r["kind"], r["sha256"], r["row_key"], r["text"]) for r in rows] == [
        ("value", rel.sha256, "/Revenues#0", "125,000"), ("map", "", "label:fx gains", "fx_gain_loss")]
    b = Workspace(tmp_path / "b")
    assert b.import_csv(out) == 2
    assert b.mappings_for("income_statement") == {"label:fx gains": "fx_gain_loss"}
    assert len(b.corrections(rel.sha256)) == 1
    assert b.import_csv(out) == 0          # nothing new the second time


def test_an_older_imported_mapping_never_replaces_a_newer_local_one(tmp_path):
    a, b = Workspace(tmp_path / "a"), Workspace(tmp_path / "b")
    a.set_mapping("income_statement", "label:x", "old_target")
    a.export_csv(tmp_path / "old.csv")
    b.set_mapping("income_statement", "label:x", "newer_target")
    # Same second or later: the local one stays.
    b._db.execute("UPDATE row_mappings SET created='2999-01-01T00:00:00+00:00'")
    assert b.import_csv(tmp_path / "old.csv") == 0
    assert b.mappings_for("income_statement") == {"label:x": "newer_target"}


def test_a_malformed_mapping_row_changes_nothing(tmp_path):
    ws = Workspace(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("sha256,statement,row_key,kind,created,text\n"
                   ",income_statement,label:x,map,2024-01-01T00:00:00+00:00,\n", encoding="utf-8")
    with pytest.raises(WorkspaceError, match="line 2: a row mapping needs its text"):
        ws.import_csv(bad)
    assert ws.row_mappings() == []


def test_corrections_cli_exports_mappings(tmp_path, capsys):
    ws = Workspace(tmp_path / "ws")
    ws.set_mapping("cash_flows", "label:other", "cf_other_investing", "Other")
    ws.close()
    assert main(["--workspace", str(tmp_path / "ws"), "corrections", "export"]) == 0
    out = capsys.readouterr().out
    assert ",map," in out and "cf_other_investing" in out
