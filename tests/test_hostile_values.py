"""Numbers too big to be figures, infinities and NaN: unreadable cells and clear refusals, never exceptions."""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from iijview.checks import run_checks
from iijview.cli import main
from iijview.loader import load_release, load_text
from iijview.model import Cell
from iijview.parse.numbers import parse_number

SAMPLES = Path(__file__).resolve().parent.parent / "resources" / "samples"
WEB = SAMPLES / "2018-12_9m_fy2018_web_usgaap.txt"
OCR = SAMPLES / "2017-09_6m_fy2017_ocr_usgaap.txt"


@pytest.mark.parametrize("text, value, status", [
    ("123,456,789,012,345", 123456789012345.0, "parsed"),        # 15 digits: still exact
    ("1,234,567,890,123,456", None, "unreadable"),               # 16 digits
    ("9" * 400, None, "unreadable"),
    ("(" + "1" * 320 + ")", None, "unreadable"),
    ("12345678901234.5678", None, "unreadable"),
])
def test_numbers_beyond_fifteen_digits_are_unreadable(text, value, status):
    n = parse_number(text)
    assert (n.value, n.status) == (value, status)


def _with_huge_figure(digits: int) -> str:
    """The web sample with its first revenues figure replaced by a run of nines."""
    text = WEB.read_text(encoding="utf-8")
    at = text.index("Total revenues")
    first = text.index("1", at)
    end = first
    while text[end] in "0123456789,":
        end += 1
    return text[:first] + "9" * digits + text[end:]


def test_release_with_a_400_digit_number_parses_and_checks():
    release = load_text(_with_huge_figure(400), "huge.txt")
    cells = [c for st in release.statements for row in st.items for c in row.cells.values()
             if len(c.text) >= 400]
    assert cells and all(c.value is None and c.status == "unreadable" for c in cells)
    assert any(f.rule == "unreadable_cell" for f in release.findings)
    facts = release.facts
    assert not facts["value"].map(lambda v: isinstance(v, float) and math.isinf(v)).any()


def test_check_command_goes_on_after_a_400_digit_number(tmp_path, capsys):
    bad = tmp_path / "huge.txt"
    bad.write_text(_with_huge_figure(400), encoding="utf-8")
    assert main(["--workspace", str(tmp_path), "check", str(bad), str(OCR)]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert "huge.txt" in captured.out and OCR.name in captured.out


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan, 1e300, -1e17])
def test_checks_never_raise_on_absurd_cell_values(value):
    release = load_release(OCR, checks=False)
    n = 0
    for st in release.statements:
        for row in st.items:
            for cell in row.cells.values():
                n += 1
                if cell.value is not None and n % 7 == 0:
                    cell.value, cell.status = value, ("corrected" if n % 2 else "parsed")
                elif n % 11 == 0:
                    cell.value, cell.text, cell.status = None, "9" * 400, "unreadable"
    run_checks(release)
    assert sum(c["failed"] + c["passed"] for c in release.check_counts.values()) > 0
    for f in release.findings:
        assert f.expected is None or math.isfinite(f.expected)
        assert not f.suggestion or math.isfinite(f.suggestion["value"])


def test_json_check_output_has_no_infinities(tmp_path, capsys):
    bad = tmp_path / "huge.txt"
    bad.write_text(_with_huge_figure(320), encoding="utf-8")
    assert main(["--workspace", str(tmp_path), "check", "--format", "json", str(bad)]) == 0
    out = capsys.readouterr().out
    assert "Infinity" not in out and "NaN" not in out
    json.loads(out)


def test_the_collector_is_paused_only_while_a_file_is_read():
    import gc

    from iijview.loader import ReleaseError, collector_paused

    seen = []
    real = load_text.__globals__["parse_bytes"]

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    load_text.__globals__["parse_bytes"] = spy
    try:
        assert gc.isenabled()
        load_text("Internet Initiative Japan Inc. (IIJ) financial results\nRevenues 1,000\n", "a.txt")
        with pytest.raises(ReleaseError):
            load_text("no release here\n", "other.txt")   # refused: the collector runs again all the same
        assert gc.isenabled()
        gc.disable()                             # a caller that paused it keeps it paused
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
        load_text.__globals__["parse_bytes"] = real
    assert seen == [False, False]
