"""`iijview export`: bad files reported in one sentence, the rest exported, exit status 2."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from iijview.cli import main

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"
WEB = SAMPLES / "2018-12_9m_fy2018_web_usgaap.txt"


@pytest.fixture(autouse=True)
def no_default_workspace(tmp_path, monkeypatch):
    """Keep the default workspace away from the real home folder."""
    monkeypatch.setenv("IIJVIEW_HOME", str(tmp_path / "home"))


def test_export_writes_a_workbook(tmp_path, capsys):
    out = tmp_path / "book.xlsx"
    assert main(["export", str(WEB), "-o", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    assert wb["Sources"]["B2"].value == WEB.name
    assert "Wrote" in capsys.readouterr().out


def test_bad_file_is_one_sentence_and_the_rest_is_exported(tmp_path, capsys):
    out = tmp_path / "book.xlsx"
    missing = tmp_path / "missing.txt"
    assert main(["export", str(missing), str(WEB), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.txt" in err and "Traceback" not in err
    assert openpyxl.load_workbook(out)["Sources"]["B2"].value == WEB.name


def test_nothing_exported_when_no_file_reads(tmp_path, capsys):
    out = tmp_path / "book.xlsx"
    assert main(["export", str(tmp_path / "a.txt"), str(tmp_path), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "nothing to export" in err and "Traceback" not in err
    assert not out.exists()


def test_unwritable_output_is_one_sentence(tmp_path, capsys):
    out = tmp_path / "no-such-folder" / "book.xlsx"
    assert main(["export", str(WEB), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("iijview export: Cannot write") and "\n" not in err


def test_output_must_be_xlsx(tmp_path, capsys):
    assert main(["export", str(WEB), "-o", str(tmp_path / "book.csv")]) == 2
    assert ".xlsx" in capsys.readouterr().err
    assert main(["export", str(WEB), "-o", str(tmp_path / "book")]) == 0
    assert (tmp_path / "book.xlsx").exists()


def test_missing_workspace_folder_is_reported(tmp_path, capsys):
    out = tmp_path / "book.xlsx"
    code = main(["--workspace", str(tmp_path / "nowhere"), "export", str(WEB), "-o", str(out)])
    assert code == 2 and out.exists()
    assert "corrections not applied" in capsys.readouterr().err


def test_workspace_corrections_are_applied(tmp_path, capsys):
    from iijview import load_release
    from iijview.store import Workspace

    release = load_release(WEB, checks=False)
    ws = Workspace(tmp_path / "ws")
    # A correction on a statement this file does not have is reported, not fatal.
    ws.set_value(release, "no_such_statement", "/Revenues#0", "c1", 1.0, "1", original=2.0,
                 original_text="2")
    ws.close()
    out = tmp_path / "book.xlsx"
    assert main(["--workspace", str(tmp_path / "ws"), "export", str(WEB), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "1 stored correction(s) no longer fit" in err and err.count("\n") == 1
    rows = list(openpyxl.load_workbook(out)["Corrections"].iter_rows(min_row=2, values_only=True))
    assert rows[0][4] == "value (not applied)" and rows[0][6] == 1


def test_a_folder_as_output_gets_the_workbook_inside(tmp_path, capsys):
    folder = tmp_path / "reports"
    folder.mkdir()
    assert main(["export", str(WEB), "-o", str(folder)]) == 0
    assert (folder / "2018-12_9m_fy2018_web_usgaap.xlsx").exists() and not (tmp_path / "reports.xlsx").exists()
    ocr = SAMPLES / "2017-09_6m_fy2017_ocr_usgaap.txt"
    assert main(["export", str(WEB), str(ocr), "-o", str(folder)]) == 0
    assert openpyxl.load_workbook(folder / "releases.xlsx")["Sources"]["B3"].value == ocr.name
    assert f"Wrote {folder / 'releases.xlsx'}" in capsys.readouterr().out
