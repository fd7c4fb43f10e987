"""Charts of table rows across their periods (pyqtgraph bars): periods in time order, targets
told apart from actuals, several rows side by side, export as PNG or SVG."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QMenu, QVBoxLayout, QWidget

from iijview.gui.plot_style import plot_widget, save_chart
from iijview.gui.file_dialog import choose_save
from iijview.gui.formatting import SCALE_WORDS, factor, is_amount

COLOURS = ("#4c6ef5", "#f59f00", "#12b886", "#e64980", "#7950f2", "#868e96")
NEGATIVE = "#fa5252"


@dataclass(frozen=True, order=True)
class Slot:
    """One place on the period axis: sorted by time, then longer periods first, actuals before targets."""

    end: str
    neg_months: int
    forecast: bool
    member: str
    name: str


def row_series(table, r: int, unit: str | None = None) -> tuple[dict[Slot, float], str]:
    """{slot: shown value} for the value cells of row r in one unit (the row's main one unless
    given), and the unit caption ('JPY millions')."""
    units = [table.unit(r, c)[0] for c in range(1, table.cols)
             if table.column(c).role == "value" and table.cell(r, c) is not None
             and table.cell(r, c).value is not None]
    if not units:
        return {}, ""
    main = unit or max(set(units), key=units.count)     # leave out e.g. a U.S. dollar translation column
    out: dict[Slot, float] = {}
    scales = set()
    for c in range(1, table.cols):
        col = table.column(c)
        cell = table.cell(r, c)
        if col.role != "value" or cell is None or cell.value is None:
            continue
        u, scale = table.unit(r, c)
        if u != main:
            continue
        scales.add(scale)
        mult, _dec = factor(u, scale, col.role, table.mode)
        period = cell.period or col.period
        if period is None:
            slot = Slot("9999", 0, False, col.member, col.header or col.key)
        else:
            name = period.fiscal_label()
            slot = Slot(period.end.isoformat(), -period.months, period.forecast, col.member,
                        f"{col.member} {name}".strip())
        out[slot] = cell.value * mult
    if table.mode != "printed" and is_amount(main, "value"):
        caption = f"{main} {table.mode}"
    elif len(scales) == 1:
        caption = f"{main} {SCALE_WORDS.get(scales.pop(), '')}".strip()
    else:
        caption = main
    return out, caption


class ChartView(QWidget):
    """Bars of one or more rows; a sentence instead when a row has no figures."""

    status_message = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.pg, self.plot = plot_widget()
        self.plot.customContextMenuRequested.connect(self._menu)
        self.legend = None
        self.title = QLabel("Select a row to chart its values.")
        self.title.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(self.title)
        lay.addWidget(self.plot, 1)
        self.setAccessibleName("Chart of the selected rows")
        self.slots: list[Slot] = []
        self.has_chart = False

    def show_row(self, table, r: int) -> None:
        """Chart row r of a StatementTable."""
        self.show_rows(table, [r])

    def show_rows(self, table, rows: list[int]) -> None:
        """Chart rows of a StatementTable side by side, in the first row's unit."""
        rows = [r for r in rows if 0 <= r < table.rows]
        if not rows:
            return
        first, unit = row_series(table, rows[0])
        series = [(rows[0], first)] if first else []
        unit_name = unit.split()[0] if unit else None
        left_out = []
        for r in rows[1:]:
            values, _u = row_series(table, r, unit_name)
            if values:
                series.append((r, values))
            else:
                left_out.append(table.item(r).label)
        self.plot.clear()
        if self.legend is not None:
            self.legend.scene().removeItem(self.legend) if self.legend.scene() else None
            self.legend = None
        if not series:
            label = table.item(rows[0]).label.rstrip(": ")
            self.title.setText(f"\u201c{label}\u201d has no figures to chart: select a row with numbers.")
            self.plot.getAxis("bottom").setTicks([[]])
            self.plot.hide()
            self.slots, self.has_chart = [], False
            return
        self.plot.show()
        self.slots = sorted({s for _r, values in series for s in values})
        names = [s.name for s in self.slots]
        width = 0.8 / len(series)
        if len(series) > 1:
            self.legend = self.plot.addLegend(offset=(10, 10))
        for k, (r, values) in enumerate(series):
            colour = COLOURS[k % len(COLOURS)]
            for forecast in (False, True):
                xs = [i - 0.4 + width * (k + 0.5) for i, s in enumerate(self.slots)
                      if s in values and s.forecast == forecast]
                ys = [values[s] for s in self.slots if s in values and s.forecast == forecast]
                if not xs:
                    continue
                fill = [NEGATIVE if (v < 0 and len(series) == 1 and not forecast) else colour for v in ys]
                bars = self.pg.BarGraphItem(
                    x=xs, height=ys, width=width * 0.9, brushes=fill,
                    pens=[self.pg.mkPen(colour, width=2, style=Qt.DashLine if forecast else Qt.SolidLine)] * len(ys))
                if forecast:     # targets: outlined, lightly filled, so they never pass for actuals
                    bars.setOpts(brushes=[self.pg.mkBrush(colour + "40")] * len(ys))
                self.plot.addItem(bars)
                if self.legend is not None and not forecast:
                    self.legend.addItem(bars, table.item(r).label)
        self.plot.getAxis("bottom").setTicks([[(i, n) for i, n in enumerate(names)]])
        self.plot.autoRange()
        labels = [table.item(r).label.rstrip(": ") for r, _v in series]
        targets = " Targets are outlined bars." if any(s.forecast for s in self.slots) else ""
        skipped = f" Not charted (another unit or no figures): {', '.join(left_out)}." if left_out else ""
        self.title.setText(f"{' / '.join(labels)} \u2014 {table.st.title}, {unit}.{targets}{skipped}")
        self.has_chart = True

    # -- export ----------------------------------------------------------------------------

    def _menu(self, pos) -> None:
        menu = QMenu(self)
        for text, slot in (("Export chart as PNG\u2026", lambda: self.export_dialog("png")),
                           ("Export chart as SVG\u2026", lambda: self.export_dialog("svg")),
                           ("Copy chart image", self.copy_image)):
            act = menu.addAction(text, slot)
            act.setEnabled(self.has_chart)
        self._open_menu = menu
        menu.popup(self.plot.mapToGlobal(pos))

    def export_dialog(self, kind: str) -> None:
        """Ask for a file name and write the chart there."""
        path = choose_save(self, f"Export chart as {kind.upper()}", f"chart.{kind}",
                           f"{kind.upper()} image (*.{kind})", kind)
        if path:
            self.export(path)

    def export(self, path: str) -> bool:
        """Write the chart (with its title) to a PNG or SVG file, by the file's extension; say how it went."""
        try:
            path = save_chart(self, path, self.title.text())
        except OSError as exc:     # disk full, no permission: a sentence, never a traceback
            self.status_message.emit(f"Could not write {path} ({exc}).")
            return False
        self.status_message.emit(f"Chart exported to {path}.")
        return True

    def copy_image(self) -> None:
        """Put the chart on the clipboard as an image."""
        QGuiApplication.clipboard().setPixmap(self.plot.grab())
        self.status_message.emit("Chart copied as an image.")
