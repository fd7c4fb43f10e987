"""Chart beside the comparison (pyqtgraph): chosen rows over the periods as lines or grouped bars."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QMenu, QVBoxLayout, QWidget

from iijview.compare.series import ChartData
from iijview.gui.plot_style import plot_widget, save_chart
from iijview.gui.file_dialog import choose_save

COLOURS = ("#1c7ed6", "#e8590c", "#2b8a3e", "#862e9c", "#c92a2a", "#0b7285", "#5c940d", "#a61e4d")
SYMBOLS = {"printed": "o", "derived": "t", "ratio": "o"}


class CompareChartView(QWidget):
    """Lines (or grouped bars) of the selected rows; hover reads out a point; right-click saves."""

    saved = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.pg, self.plot = plot_widget(0.25)
        self.plot.customContextMenuRequested.connect(self._menu)
        self.item = self.plot.getPlotItem()
        self.legend = self.item.addLegend(offset=(10, 10))
        self.right = self.pg.ViewBox()
        self.item.scene().addItem(self.right)
        self.item.getAxis("right").linkToView(self.right)
        self.right.setXLink(self.item)
        self.item.vb.sigResized.connect(self._sync_right)
        self.item.vb.sigResized.connect(lambda *_: self._set_ticks())
        self.title = QLabel("Select rows of the comparison to chart them.")
        self.title.setWordWrap(True)
        self.readout = QLabel(" ")
        self.readout.setAccessibleName("Value under the pointer")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(self.title)
        lay.addWidget(self.plot, 1)
        lay.addWidget(self.readout)
        self.setAccessibleName("Chart of the selected comparison rows")
        self.data: ChartData | None = None
        self.style = "lines"
        self._points: list[tuple[float, float, str, str]] = []   # x, y, axis, text for the hover
        self.plot.scene().sigMouseMoved.connect(self._hover)

    def _sync_right(self) -> None:
        self.right.setGeometry(self.item.vb.sceneBoundingRect())
        self.right.linkedViewChanged(self.item.vb, self.right.XAxis)

    # -- drawing ---------------------------------------------------------------------------

    def show_data(self, data: ChartData, title: str = "", style: str | None = None) -> None:
        """Draw the series of `data` (lines or grouped bars), the change of basis and a legend."""
        pg = self.pg
        self.data = data
        self.style = style or self.style
        self.item.clear()
        self.right.clear()
        self.legend.clear()
        self._points = []
        if not data.series:
            self.title.setText(title or "Select rows with figures to chart them.")
            self.item.showAxis("right", False)
            return
        self.title.setText(title)
        right = any(s.axis == "right" for s in data.series)
        self.item.showAxis("right", right)
        if right:
            self.item.getAxis("right").setLabel("%")
        left_units = sorted({s.unit for s in data.series if s.axis == "left"})
        self.item.getAxis("left").setLabel(", ".join(left_units))
        n = len(data.series)
        width = 0.8 / max(n, 1)
        for k, s in enumerate(data.series):
            colour = COLOURS[k % len(COLOURS)]
            # Left-axis items go through the PlotItem so that clear() removes them.
            view = self.right if s.axis == "right" else self.item
            if self.style == "bars" and s.axis == "left":
                xs = [p.x - 0.4 + width * (k + 0.5) for p in s.points]
                bars = pg.BarGraphItem(x=xs, height=[p.value for p in s.points], width=width * 0.9,
                                       brush=colour, pen=pg.mkPen(colour))
                view.addItem(bars)
                self.legend.addItem(bars, s.label)
                marks_x = xs
            else:
                first = None
                for seg in s.segments:
                    line = pg.PlotDataItem([p.x for p in seg], [p.value for p in seg],
                                           pen=pg.mkPen(colour, width=2))
                    view.addItem(line)
                    first = first or line
                if first is not None:
                    self.legend.addItem(first, s.label + (" (right axis)" if s.axis == "right" else ""))
                marks_x = [p.x for p in s.points]
            self._add_marks(view, s, marks_x, colour)
        left = [p.value for s in data.series if s.axis == "left" for p in s.points] or [0.0]
        for b in data.boundaries:
            line = pg.InfiniteLine(pos=b, angle=90, pen=pg.mkPen("#c00000", width=2, style=Qt.DashLine))
            self.item.addItem(line, ignoreBounds=True)
            # At the foot of the line, clear of the legend in the top corner.
            label = pg.TextItem("change of basis \u25b6", color="#c00000", anchor=(1, 1))
            label.setPos(b, min(left))
            self.item.addItem(label, ignoreBounds=True)
        self._set_ticks()
        self.item.setXRange(-0.6, len(data.periods) - 0.4, padding=0)
        self.item.enableAutoRange(axis="y")
        self.right.enableAutoRange(axis="y")

    def _set_ticks(self) -> None:
        """Period names under their points; every k-th only when they would not fit side by side."""
        if self.data is None:
            return
        names = self.data.periods
        room = max(self.item.vb.width(), 1.0)
        widest = max((len(n) for n in names), default=4) * 7 + 10
        step = max(1, -(-len(names) * widest // int(room)))
        self.item.getAxis("bottom").setTicks([[(x, n if x % step == 0 else "") for x, n in enumerate(names)]])

    def resizeEvent(self, event):  # noqa: N802 - Qt API
        """Thin out the period names to what fits."""
        super().resizeEvent(event)
        self._set_ticks()

    def _add_marks(self, view, s, xs, colour) -> None:
        """Point marks: filled circles printed, triangles derived, squares corrected, diamonds restated."""
        pg = self.pg
        spots = []
        for p, x in zip(s.points, xs):
            symbol = "s" if p.corrected else ("d" if p.restated else SYMBOLS.get(p.kind, "o"))
            hollow = p.kind == "derived"
            spots.append({"pos": (x, p.value), "symbol": symbol, "size": 9 if symbol != "o" else 7,
                          "pen": pg.mkPen(colour, width=1.5),
                          "brush": pg.mkBrush("w" if hollow else colour)})
            how = {"derived": "derived", "ratio": "computed"}.get(p.kind, "printed")
            extra = ", corrected" if p.corrected else (", restated" if p.restated else "")
            self._points.append((x, p.value, s.axis,
                                 f"{s.label}, {p.period} ({p.standard}): {p.value:,.1f} {s.unit} "
                                 f"[{how}{extra}]"))
        view.addItem(pg.ScatterPlotItem(spots=spots))

    # -- hover and menu --------------------------------------------------------------------

    def _hover(self, pos) -> None:
        """Read out the point nearest the pointer (value and period)."""
        if not self._points or not self.item.vb.sceneBoundingRect().contains(pos):
            return
        at = self.item.vb.mapSceneToView(pos)
        at_right = self.right.mapSceneToView(pos)
        xr = self.item.vb.viewRange()
        yspan = (xr[1][1] - xr[1][0]) or 1.0
        rspan = (self.right.viewRange()[1][1] - self.right.viewRange()[1][0]) or 1.0

        def distance(p):
            x, y, axis, _t = p
            yy, span = (at_right.y(), rspan) if axis == "right" else (at.y(), yspan)
            return (x - at.x()) ** 2 + ((y - yy) / span * 4) ** 2

        self.readout.setText(min(self._points, key=distance)[3])

    def readout_at(self, x: int) -> list[str]:
        """The read-outs of every point at period index x (for tests and the keyboard)."""
        return [t for px, _y, _a, t in self._points if abs(px - x) < 0.5]

    def _menu(self, pos) -> None:
        menu = QMenu(self)
        menu.addAction("Save chart as PNG\u2026", lambda: self.save_dialog("png"))
        menu.addAction("Save chart as SVG\u2026", lambda: self.save_dialog("svg"))
        menu.exec(self.plot.mapToGlobal(pos))

    def save_dialog(self, fmt: str) -> None:
        """Ask where to save the chart, then save it (a failure is one sentence in the read-out)."""
        path = choose_save(self, "Save chart", f"comparison.{fmt}",
                           "PNG image (*.png)" if fmt == "png" else "SVG image (*.svg)", fmt)
        if path:
            try:
                self.save(path)
            except OSError as exc:
                self.readout.setText(f"Could not save the chart: {exc}.")

    def save(self, path: str) -> str:
        """Save the chart with its title as PNG or SVG (by the file's suffix); return the path.

        SVG is painted by Qt's own generator: pyqtgraph's SVG exporter cannot read the paths
        that Qt 6.12 writes for point symbols.
        """
        path = save_chart(self, path, self.title.text())
        self.saved.emit(path)
        return path
