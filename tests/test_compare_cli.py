"""`iijview compare`: the comparison as CSV and JSON for scripts, bad files in one sentence."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

from iijview.cli import main
from iijview.store import Workspace

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"
WEB18 = SAMPLES / "2018-12_9m_fy2018_web_usgaap.txt"
SLIDES18 = SAMPLES / "2018-09_6m_fy2018_slides_usgaap.txt"
IFRS20 = SAMPLES / "2020-12_9m_fy2020_web_ifrs.txt"


@pytest.fixture(autouse=True)
def workspace_home(tmp_path, monkeypatch):
    monkeypatch.setenv("IIJVIEW_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def run(capsys, *args):
    status = main(["compare", *map(str, args)])
    out = capsys.readouterr()
    return status, out.out, out.err


def test_csv_has_one_column_per_period_in_millions(capsys):
    status, out, err = run(capsys, WEB18, SLIDES18, "--periods", "quarters")
    assert status == 0 and "Traceback" not in err
    frame = pd.read_csv(io.StringIO(out))
    assert list(frame.columns) == ["key", "label", "level", "unit", "3Q17", "4Q17", "1Q18", "2Q18", "3Q18"]
    revenue = frame[frame.key == "total_revenues"].iloc[0]
    assert revenue["unit"] == "JPY millions"
    assert revenue["3Q18"] == pytest.approx(48_418.757)      # printed, thousands
    assert revenue["2Q18"] == pytest.approx(46_260)          # slides, billions
    assert revenue["1Q18"] == pytest.approx(44_700)          # derived: 1H18 90.96 - 2Q18 46.26
    assert revenue["4Q17"] == pytest.approx(48_500)          # derived: FY2017 176.1 (slides) - 1Q-3Q17


def test_json_says_where_each_figure_comes_from(capsys):
    status, out, _err = run(capsys, WEB18, SLIDES18, "--periods", "quarters", "--format", "json",
                            "--unit", "billions")
    data = json.loads(out)
    assert status == 0 and data["unit"] == "billions" and data["statement"] == "income_statement"
    row = next(r for r in data["rows"] if r["key"] == "total_revenues")
    col = {c["name"]: c["key"] for c in data["columns"]}
    q3 = row["cells"][col["3Q18"]]
    assert q3["kind"] == "printed" and q3["value"] == pytest.approx(48.418757)
    assert q3["check"]["agrees"] and q3["check"]["formula"] == "1Q-3Q18 \u2212 1H18"
    assert q3["sources"][0]["release"] == WEB18.name and q3["sources"][0]["text"] == "48,418,757"
    q1 = row["cells"][col["1Q18"]]
    assert q1["kind"] == "derived" and q1["formula"] == "1H18 \u2212 2Q18"
    assert next(c for c in data["columns"] if c["name"] == "1Q18")["derived"]


def test_latest_view_and_change_columns(capsys):
    status, out, _err = run(capsys, WEB18, IFRS20, "--view", "latest", "--no-ratios")
    frame = pd.read_csv(io.StringIO(out))
    assert list(frame.columns)[4:] == ["1Q-3Q19", "1Q-3Q20", "Change 1Q-3Q20 (IFRS) vs 1Q-3Q19 (IFRS)",
                                       "% change 1Q-3Q20 (IFRS) vs 1Q-3Q19 (IFRS)"]
    revenue = frame[frame.key == "total_revenues"].iloc[0]
    assert revenue.iloc[-1] == pytest.approx(3.6)             # the release's own YoY: 3.6%
    assert not frame.key.str.startswith("ratio:").any()
    status, out, err = run(capsys, WEB18, "--periods", "9m", "--change", "1Q-3Q17:1Q-3Q18")
    frame = pd.read_csv(io.StringIO(out))
    assert status == 0 and frame.columns[-1] == "% change 1Q-3Q18 vs 1Q-3Q17"
    status, _out, err = run(capsys, WEB18, "--change", "FY1999:1Q-3Q18")
    assert status == 2 and "--change FY1999:1Q-3Q18" in err


def test_first_reported_and_stored_mappings(capsys, workspace_home):
    ws = Workspace(workspace_home)
    ws.set_mapping("income_statement", "wan_services", "outsourcing_services", "WAN services")
    ws.close()
    status, out, err = run(capsys, WEB18, "--periods", "9m", "--as-first-reported")
    frame = pd.read_csv(io.StringIO(out))
    assert "wan_services" not in set(frame.key)
    assert "tables of one release print different figures" in err   # WAN and outsourcing differ


def test_bad_files_are_one_sentence_each(tmp_path, capsys):
    status, out, err = run(capsys, tmp_path / "missing.txt", WEB18)
    assert status == 2 and err.count("missing.txt") == 1 and "Traceback" not in err
    assert out.startswith("key,label,level,unit,")
    status, out, err = run(capsys, tmp_path / "missing.txt")
    assert status == 2 and "nothing to compare" in err and out == ""
    status, out, err = run(capsys, WEB18, "--statement", "equity_changes")
    assert status == 2 and "no file has a changes in equity table (equity_changes)" in err
