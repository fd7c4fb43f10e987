"""`iijview check`: text with counts, JSON findings, exit status on bad input."""
from __future__ import annotations

import json
from pathlib import Path

from iijview.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "resources" / "samples"
OCR = str(SAMPLES / "2017-09_6m_fy2017_ocr_usgaap.txt")
KEYS = {"release", "statement", "period_end", "months", "rule", "message", "expected", "found",
        "difference", "labels", "suggestion"}


def test_text_output_lists_counts_and_findings(capsys, tmp_path):
    assert main(["--workspace", str(tmp_path), "check", OCR]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2017-09_6m_fy2017_ocr_usgaap.txt\n")
    header = next(line for line in out.splitlines() if "passed" in line)
    assert header.split() == ["statement", "passed", "failed", "n/a"]
    balance = next(line for line in out.splitlines() if line.split()[:1] == ["balance_sheet"])
    assert int(balance.split()[2]) == 2  # the equity total fails at both dates
    assert "Treasury stock" in out and "[sum] balance_sheet As of Sep 30, 2017" in out
    assert any(line.split()[:1] == ["total"] for line in out.splitlines())


def test_json_output_one_object_per_finding(capsys, tmp_path):
    assert main(["--workspace", str(tmp_path), "check", "--format", "json", OCR]) == 0
    records = json.loads(capsys.readouterr().out)
    assert records and all(set(r) == KEYS for r in records)
    treasury = [r for r in records if r["suggestion"] and r["suggestion"]["label"] == "Treasury stock"]
    sep = next(r for r in treasury if r["period_end"] == "2017-09-30")
    assert sep["months"] == 0 and sep["rule"] == "sum" and sep["statement"] == "balance_sheet"
    assert sep["suggestion"] == {"label": "Treasury stock", "value": -1896784}
    assert sep["found"] == 68776582 and sep["difference"] == -1896784
    assert "Additional paid-in capital" in sep["labels"]


def test_bad_file_exits_2_and_other_files_still_checked(capsys, tmp_path):
    missing = str(tmp_path / "nope.txt")
    assert main(["--workspace", str(tmp_path), "check", missing, OCR]) == 2
    captured = capsys.readouterr()
    assert "nope.txt" in captured.err and "Traceback" not in captured.err
    assert "2017-09_6m_fy2017_ocr_usgaap.txt" in captured.out


def test_a_finding_that_names_its_line_is_not_given_it_twice(capsys, tmp_path):
    rows = "".join(f"Revenues\t{n}\t{n + 1}\n" for n in range(3))
    text = ("IIJ Announces Nine Months Financial Results for the Fiscal Year Ending March 31, 2019\n"
            "Consolidated Statements of Income\n\tDecember 31, 2017\tDecember 31, 2018\n" + rows
            + "Operating income   500   700\n" * 800)
    path = tmp_path / "pasted.txt"
    path.write_text(text)
    assert main(["--workspace", str(tmp_path), "check", str(path)]) == 0
    out = capsys.readouterr().out
    [line] = [x for x in out.splitlines() if "[repeated_text]" in x]
    assert line.endswith(": Lines 7-806: the same 29 characters are printed 800 times in a row; they were read once.")
    assert " line 7:" not in line
