"""A small chart of the selected row's values across its columns (pyqtgraph bars)."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from iijview.gui.formatting import factor, is_amount


def row_series(table, r: int) -> tuple[list[tuple[str, float]], str]:
    """(column name, shown value) for the value cells of row r in its main unit, and that unit."""
    units = [table.unit(r, c)[0] for c in range(1, table.cols)
             if table.column(c).role == "value" and table.cell(r, c) is not None
             and table.cell(r, c).value is not None]
    if not units:
        return [], ""
    main = max(set(units), key=units.count)     # leave out e.g. a U.S. dollar translation column
    out, scales = [], set()
    for c in range(1, table.cols):
        col = table.column(c)
        cell = table.cell(r, c)
        if col.role != "value" or cell is None or cell.value is None:
            continue
        unit, scale = table.unit(r, c)
        if unit != main:
            continue
        scales.add(scale)
        mult, _dec = factor(unit, scale, col.role, table.mode)
        period = cell.period or col.period
        name = period.fiscal_label() if period else col.header or col.key
        if col.member:
            name = f"{col.member} {name}"
        out.append((name, cell.value * mult))
    words = {1_000: "thousands", 1_000_000: "millions", 1_000_000_000: "billions"}
    if table.mode != "printed" and is_amount(main, "value"):
        main = f"{main} {table.mode}"
    elif len(scales) == 1:
        word = words.get(scales.pop())
        main = f"{main} {word}" if word else main
    return out, main


class ChartView(QWidget):
    """Bars of one row; empty text when the row has no numbers."""

    def __init__(self, parent=None):
        super().__init__(parent)
        import pyqtgraph as pg

        self.pg = pg
        pg.setConfigOptions(antialias=True, background="w", foreground="k")
        class CommaAxis(pg.AxisItem):
            """Tick labels with thousands separators instead of scientific notation."""

            def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph API
                """Format ticks as 1,234."""
                return [f"{v * scale:,.0f}" if spacing * scale >= 1 else f"{v * scale:,.2f}"
                        for v in values]

        self.plot = pg.PlotWidget(axisItems={"left": CommaAxis(orientation="left")})
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
        series, unit = row_series(table, r)
        self.plot.clear()
        self._key = key
        label = table.item(r).label
        if not series:
            self.title.setText(f"{label}: no numbers to chart.")
            return
        self.title.setText(f"{label} ({table.st.title}, {unit})")
        xs = list(range(len(series)))
        ys = [v for _n, v in series]
        brushes = ["#4c6ef5" if v >= 0 else "#fa5252" for v in ys]
        self.plot.addItem(self.pg.BarGraphItem(x=xs, height=ys, width=0.6, brushes=brushes))
        self.plot.getAxis("bottom").setTicks([[(i, n) for i, (n, _v) in enumerate(series)]])
        self.plot.autoRange()
