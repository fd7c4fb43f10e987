"""The app on the bundled sample releases: open them, read, correct, restart, find the correction.

Expected values were read by hand from resources/samples/2018-12_9m_fy2018_web_usgaap.txt:
"Total revenues 127,611,974 139,381,687" and "Cost of network services 66,109,118 73,771,885"
(nine months to Dec 31, 2017 and 2018, thousands of yen).
"""
from __future__ import annotations

import gc
import shutil
import weakref

import pytest
from PySide6.QtCore import Qt

from iijview.gui import errors
from iijview.gui.app import create_window
from iijview.gui.main_view import sample_paths

WEB = "2018-12_9m_fy2018_web_usgaap.txt"
OCR = "2017-09_6m_fy2017_ocr_usgaap.txt"


@pytest.fixture
def ws_dir(tmp_path):
    return tmp_path / "ws"


def make_window(qtbot, ws_dir, files=()):
    errors.shown.clear()
    win = create_window(list(files), workspace=ws_dir)
    qtbot.addWidget(win)
    win.show()
    return win


def wait_open(qtbot, win, n):
    qtbot.waitUntil(lambda: len(win.releases) == n and not win.loader.busy, timeout=30000)


def show(win, name, st_id="income_statement"):
    i = next(k for k, rs in enumerate(win.releases) if rs.release.name == name)
    win.library.selectRow(i)
    st = win.releases[i].release.statement(st_id)
    win.show_statement(st.key)
    return win.releases[i], win.table.model


def cell_of(model, label, column_title):
    t = model.table
    r = next(i for i, it in enumerate(t.st.items) if it.label == label)
    c = next(k for k in range(1, t.cols) if t.column(k).title() == column_title)
    return r, c


@pytest.fixture
def samples_window(qtbot, ws_dir):
    win = make_window(qtbot, ws_dir)
    qtbot.mouseClick(win.start.samples_button, Qt.LeftButton)
    wait_open(qtbot, win, 5)
    return win


def test_open_bundled_samples(samples_window):
    lib = samples_window.library.library
    rows = {lib.data(lib.index(i, 2)): (lib.data(lib.index(i, 0)), lib.data(lib.index(i, 3)))
            for i in range(lib.rowCount())}
    assert rows == {
        "2012-12_9m_fy2012_converted_usgaap.txt": ("1Q-3Q12", "U.S. GAAP"),
        "2017-09_6m_fy2017_ocr_usgaap.txt": ("1H17", "U.S. GAAP"),
        "2018-09_6m_fy2018_slides_usgaap.txt": ("1H18", "U.S. GAAP"),
        "2018-12_9m_fy2018_web_usgaap.txt": ("1Q-3Q18", "U.S. GAAP"),
        "2020-12_9m_fy2020_web_ifrs.txt": ("1Q-3Q20", "IFRS"),
    }
    assert samples_window.stack.currentIndex() == 1


def test_sample_table_reads_like_the_release(samples_window):
    rs, m = show(samples_window, WEB)
    lib = samples_window.library.library
    top = lib.index(samples_window.releases.index(rs), 0)
    tabs = [lib.statement_key(lib.index(i, 0, top)) for i in range(lib.rowCount(top))]
    assert tabs == [st.key for st in rs.release.statements]          # document order
    r, c = cell_of(m, "Total revenues", "9M to Dec 31, 2018")
    assert m.data(m.index(r, c)) == "139,381,687"
    assert m.data(m.index(r, c - 1)) == "127,611,974"
    assert m.data(m.index(r, 0), Qt.FontRole).bold()
    samples_window.table.go(r, c)
    start, end = samples_window.source.highlighted
    assert rs.release.text[start:end] == "139,381,687"
    samples_window.set_mode("millions")
    assert m.data(m.index(r, c)) == "139,382"
    samples_window.set_mode("printed")


def test_correction_survives_restart_and_other_path(qtbot, samples_window, ws_dir, tmp_path):
    rs, m = show(samples_window, WEB)
    r, c = cell_of(m, "Cost of network services", "9M to Dec 31, 2018")
    assert m.data(m.index(r, c)) == "73,771,885"
    assert m.setData(m.index(r, c), "73,771,886")
    assert m.data(m.index(r, c)) == "73,771,886"
    samples_window.close()

    again = make_window(qtbot, ws_dir)           # restores the five open releases
    wait_open(qtbot, again, 5)
    rs2, m2 = show(again, WEB)
    assert m2.data(m2.index(r, c)) == "73,771,886"
    assert "release says: 73,771,885" in m2.data(m2.index(r, c), Qt.ToolTipRole)
    facts = rs2.release.facts
    row = facts[(facts.label == "Cost of network services") & (facts.period_end == "2018-12-31")
                & (facts.statement == "income_statement") & (facts.value == 73771886)]
    assert list(row.status) == ["corrected"]
    again.close()

    copy = tmp_path / "renamed.txt"
    shutil.copy(sample_paths()[[p.endswith(WEB) for p in sample_paths()].index(True)], copy)
    third = make_window(qtbot, tmp_path / "ws")
    wait_open(qtbot, third, 5)
    show(third, WEB)
    third.close_release()          # the copy has the same content, so it would just select this one
    third.open_paths([copy])
    qtbot.waitUntil(lambda: any(x.release.name == "renamed.txt" for x in third.releases), timeout=30000)
    rs3, m3 = show(third, "renamed.txt")
    assert m3.data(m3.index(r, c)) == "73,771,886"


def test_apply_proposed_repair_for_a_line_lost_by_ocr(qtbot, samples_window, ws_dir):
    """The OCR sample lost its Treasury stock line; the checks propose it back.

    By hand, from its balance sheet lines: 25,509,499 + 36,117,511 + 4,511,945 + 2,499,700
    - 66,741,871 = 1,896,784 (Mar 31, 2017) and 25,511,804 + 36,147,204 + 5,391,597 + 3,622,761
    - 68,776,582 = 1,896,784 (Sep 30, 2017): treasury stock is (1,896,784) at both dates, which
    the 2018 web release also prints for Mar 31, 2018.
    """
    win = samples_window
    rs, m = show(win, OCR, "balance_sheet")
    t = m.table
    win.recheck()
    gaps = [n for n, p in enumerate(rs.places) if p.insert_after and p.insert_after[0] == t.st.key]
    assert len(gaps) == 2
    assert {rs.places[n].finding.suggestion["label"] for n in gaps} == {"Treasury stock"}
    for n in gaps:
        assert win.apply_repair(n)
    r = next(i for i, it in enumerate(t.st.items) if it.label == "Treasury stock")
    assert t.item(r).inserted and t.item(r - 1).label == "Accumulated other comprehensive income"
    assert [m.data(m.index(r, c)) for c in (1, 2)] == ["(1,896,784)", "(1,896,784)"]
    win.recheck()
    assert not [p for p in rs.places if p.finding.statement == t.st.key and p.finding.rule == "sum"]
    kinds = sorted(c.kind for c in win.ws.corrections(rs.release.sha256))
    assert kinds == ["insert", "value", "value"]
    win.act_undo.trigger()          # the second repair
    assert m.data(m.index(r, 2)) == ""
    win.act_redo.trigger()
    win.close()

    again = make_window(qtbot, ws_dir)
    wait_open(qtbot, again, 5)
    rs2, m2 = show(again, OCR, "balance_sheet")
    labels = [it.label for it in m2.table.st.items]
    r = labels.index("Treasury stock")
    assert [m2.data(m2.index(r, c)) for c in (1, 2)] == ["(1,896,784)", "(1,896,784)"]
    assert not [p for p in rs2.places if p.finding.statement == m2.table.st.key and p.finding.rule == "sum"]


def test_recheck_after_edit_updates_findings(samples_window):
    rs, m = show(samples_window, WEB)
    before = len(rs.release.findings)
    r, c = cell_of(m, "Cost of network services", "9M to Dec 31, 2018")
    m.setData(m.index(r, c), "1")                 # breaks the totals it belongs to
    samples_window.recheck()
    assert len(rs.release.findings) > before
    assert samples_window.findings.findings.rowCount() == len(rs.release.findings)
    samples_window.act_undo.trigger()
    samples_window.recheck()
    assert len(rs.release.findings) == before


def test_not_a_release_gets_a_message(qtbot, samples_window, tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("Dear colleague,\nplease find the minutes of our meeting attached.\n")
    samples_window.open_paths([path])
    qtbot.waitUntil(lambda: any("letter.txt" in b.text() for b in errors.shown), timeout=10000)
    assert len(samples_window.releases) == 5


def test_export_to_excel_off_the_gui_thread(qtbot, samples_window, tmp_path):
    from iijview.export import write_workbook

    win = samples_window
    show(win, WEB)
    out = tmp_path / "web.xlsx"
    win.export_to([win.current.release], str(out), write_workbook)
    qtbot.waitUntil(lambda: "Exported to" in win.statusBar().currentMessage(), timeout=60000)
    assert out.stat().st_size > 0
    win.export_to([win.current.release], str(tmp_path / "missing" / "x.xlsx"), write_workbook)
    qtbot.waitUntil(lambda: any(b.text().startswith("Cannot write") or "does not exist" in b.text()
                                for b in errors.shown), timeout=60000)


def test_open_releases_are_kept_out_of_the_collectors_walks(samples_window):
    # A full collection walks every object it sees; with a hundred releases open one walk took
    # 50-100 ms, a stall of the window. Once taken in, releases are frozen out of its sight.
    rs = samples_window.releases[0]
    walked = {id(o) for o in gc.get_objects()}
    assert gc.get_freeze_count() > 0
    assert id(rs.release) not in walked and id(rs.release.statements[0].items[0]) not in walked
    samples_window.close()
    assert gc.get_freeze_count() == 0           # nothing stays frozen once the window is gone


def test_a_closed_release_is_let_go(qtbot, samples_window):
    win = samples_window
    rs, m = show(win, WEB)
    r, c = cell_of(m, "Cost of network services", "9M to Dec 31, 2018")
    assert m.setData(m.index(r, c), "1")      # an undo command now holds the release's table
    gone = weakref.ref(rs.release)
    del rs, m
    win.close_release()
    qtbot.waitUntil(lambda: gone() is None, timeout=10000)
    assert len(win.releases) == 4 and gc.get_freeze_count() > 0


def test_after_closing_every_release_the_next_one_shows_its_own_text(qtbot, samples_window):
    win = samples_window
    while win.releases:
        win.show_release(0)
        win.close_release()
    assert win.source.toPlainText() == "" and win.stack.currentIndex() == 0
    win.open_paths([next(p for p in sample_paths() if p.endswith(WEB))])
    wait_open(qtbot, win, 1)
    assert win.source.toPlainText() == win.releases[0].release.text.replace("\r\n", "\n")
