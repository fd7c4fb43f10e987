"""A small chart of the selected row's values across its columns (pyqtgraph bars)."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from iijview.gui.formatting import factor


def row_series(table, r: int) -> list[tuple[str, float]]:
    """(column name, shown value) for each numeric value cell of row r."""
    out = []
    for c in range(1, table.cols):
        col = table.column(c)
        cell = table.cell(r, c)
        if col.role != "value" or cell is None or cell.value is None:
            continue
        unit, scale = table.unit(r, c)
        mult, _dec = factor(unit, scale, col.role, table.mode)
        period = cell.period or col.period
        name = period.fiscal_label() if period else col.header or col.key
        if col.member:
            name = f"{col.member} {name}"
        out.append((name, cell.value * mult))
    return out


class ChartView(QWidget):
    """Bars of one row; empty text when the row has no numbers."""

    def __init__(self, parent=None):
        super().__init__(parent)
        import pyqtgraph as pg

        self.pg = pg
        pg.setConfigOptions(antialias=True, background="w", foreground="k")
        self.plot = pg.PlotWidget()
        self.plot.setMenuEnabled(False)
        self.plot.showGrid(y=True, alpha=0.3)
        self.title = QLabel("Select a row to chart its values.")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(self.title)
        lay.addWidget(self.plot)
        self.setAccessibleName("Chart of the selected row")
        self._key = None

    def show_row(self, table, r: int) -> None:
        """Chart row r of a StatementTable."""
        key = (id(table), r, table.mode)
        if r < 0 or r >= table.rows:
            return
        series = row_series(table, r)
        self.plot.clear()
        self._key = key
        label = table.item(r).label
        if not series:
            self.title.setText(f"{label}: no numbers to chart.")
            return
        self.title.setText(f"{label} ({table.st.title})")
        xs = list(range(len(series)))
        ys = [v for _n, v in series]
        brushes = ["#4c6ef5" if v >= 0 else "#fa5252" for v in ys]
        self.plot.addItem(self.pg.BarGraphItem(x=xs, height=ys, width=0.6, brushes=brushes))
        self.plot.getAxis("bottom").setTicks([[(i, n) for i, (n, _v) in enumerate(series)]])
        self.plot.autoRange()
