"""Chart beside the comparison (pyqtgraph): chosen rows over the periods as lines or grouped bars."""
from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QMenu, QVBoxLayout, QWidget

from iijview.compare.series import ChartData
from iijview.gui.plot_style import plot_widget, save_chart
from iijview.gui.file_dialog import choose_save
from iijview.model import fiscal_year

COLOURS = ("#1c7ed6", "#e8590c", "#2b8a3e", "#862e9c", "#c92a2a", "#0b7285", "#5c940d", "#a61e4d")
SYMBOLS = {"printed": "o", "derived": "t", "ratio": "o"}
DASHES = (Qt.SolidLine, Qt.DashLine, Qt.DashDotLine, Qt.DashDotDotLine)
GLYPHS = {Qt.SolidLine: "\u2501\u2501\u2501", Qt.DashLine: "\u2501 \u2501", Qt.DashDotLine: "\u2501\u00b7\u2501",
          Qt.DashDotDotLine: "\u2501\u00b7\u00b7", Qt.DotLine: "\u00b7\u00b7\u00b7\u00b7"}


def _dash(group: str, groups: list[str]):
    """Line style of a period length: targets dotted, actual lengths solid, dashed, ..."""
    if group.startswith("Targets"):
        return Qt.DotLine
    actual = [g for g in groups if not g.startswith("Targets")]
    return DASHES[actual.index(group) % len(DASHES)]


def series_looks(data: ChartData) -> list[tuple[str, object, str]]:
    """(colour, line style, legend name or '') of each series.

    One row: a colour per period length, named by the length. Several rows of one length: a colour
    per row, named by the row. Several rows and lengths: a colour per row (named once) and a line
    style per length (named by legend_styles).
    """
    groups, rows = data.groups, list(dict.fromkeys(s.key for s in data.series))
    out = []
    for s in data.series:
        dash = _dash(s.group, groups)
        if len(rows) == 1 and len(groups) > 1:
            out.append((COLOURS[groups.index(s.group) % len(COLOURS)], dash, s.group))
            continue
        first = next(t for t in data.series if t.key == s.key) is s
        out.append((COLOURS[rows.index(s.key) % len(COLOURS)], dash, s.label if first else ""))
    return out


def legend_styles(data: ChartData) -> list[tuple[str, object]]:
    """(length, line style) legend entries, when colours already name the rows."""
    groups, rows = data.groups, {s.key for s in data.series}
    if len(rows) < 2 or len(groups) < 2:
        return []
    return [(g, _dash(g, groups)) for g in groups]


class CompareChartView(QWidget):
    """Lines (or grouped bars) of the selected rows; hover reads out a point; right-click saves."""

    saved = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.pg, self.plot = plot_widget(0.25)
        self.plot.customContextMenuRequested.connect(self._menu)
        self.item = self.plot.getPlotItem()
        self.right = self.pg.ViewBox()
        self.item.scene().addItem(self.right)
        self.item.getAxis("right").linkToView(self.right)
        self.right.setXLink(self.item)
        self.item.vb.sigResized.connect(self._sync_right)
        self.item.vb.sigResized.connect(lambda *_: self._set_ticks())
        self.title = QLabel("Select rows of the comparison to chart them.")
        self.title.setWordWrap(True)
        # The legend is a line of text under the plot: drawn inside it, it covered the lines.
        self.key = QLabel()
        self.key.setWordWrap(True)
        self.key.setTextFormat(Qt.RichText)
        self.key.setAccessibleName("Legend of the chart")
        self.key_entries: list[tuple[str, str, object]] = []    # name, colour, line style
        self.readout = QLabel(" ")
        self.readout.setAccessibleName("Value under the pointer")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(self.title)
        lay.addWidget(self.plot, 1)
        lay.addWidget(self.key)
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
        """Draw the series of `data` (lines or grouped bars) on a time axis, the change of basis and
        a legend."""
        pg = self.pg
        self.data = data
        self.style = style or self.style
        self.item.clear()
        self.right.clear()
        self.key_entries = []
        self._points = []
        if not data.series:
            self.title.setText(title or "Select rows with figures to chart them.")
            self.item.showAxis("right", False)
            self.item.showAxis("top", False)
            self._show_key()
            return
        self.title.setText(title)
        right = any(s.axis == "right" for s in data.series)
        self.item.showAxis("right", right)
        if right:
            self.item.getAxis("right").setLabel("%")
        left_units = sorted({s.unit for s in data.series if s.axis == "left"})
        self.item.getAxis("left").setLabel(", ".join(left_units))
        looks = series_looks(data)
        xs_all = sorted({p.x for s in data.series for p in s.points})
        gaps = [b - a for a, b in zip(xs_all, xs_all[1:]) if b - a > 20] or [365.0]
        n = len(data.series)
        width = 0.8 * min(gaps) / max(n, 1)
        for k, s in enumerate(data.series):
            colour, dash, name = looks[k]
            view = self.right if s.axis == "right" else self.item
            if self.style == "bars" and s.axis == "left":
                xs = [p.x + width * (k + 0.5 - n / 2) for p in s.points]
                bars = pg.BarGraphItem(x=xs, height=[p.value for p in s.points], width=width * 0.9,
                                       brush=colour if dash == Qt.SolidLine else pg.mkBrush(colour + "40"),
                                       pen=pg.mkPen(colour, width=1.5, style=dash))
                view.addItem(bars)
                if name:
                    self.key_entries.append((name, colour, dash))
                marks_x = xs
            else:
                first = None
                for seg in s.segments:
                    line = pg.PlotDataItem([p.x for p in seg], [p.value for p in seg],
                                           pen=pg.mkPen(colour, width=2, style=dash))
                    view.addItem(line)
                    first = first or line
                if first is not None and name:
                    self.key_entries.append((name + (" (right axis)" if s.axis == "right" else ""), colour, dash))
                marks_x = [p.x for p in s.points]
            self._add_marks(view, s, marks_x, colour)
        for group, dash in legend_styles(data):
            # Several rows and several lengths: colours name the rows, line styles the lengths.
            self.key_entries.append((group, "#495057", dash))
        self._show_key()
        self._mark_changes(data)
        self._set_ticks()
        self.item.setXRange(xs_all[0] - 60, xs_all[-1] + 60, padding=0)
        self.item.enableAutoRange(axis="y")
        self.right.enableAutoRange(axis="y")

    def _show_key(self) -> None:
        """The legend under the plot: a line sample in each series' colour and style, then its name."""
        parts = [f'<span style="white-space:nowrap"><b style="color:{colour}">{GLYPHS.get(dash, GLYPHS[Qt.SolidLine])}'
                 f'</b>&nbsp;{escape(name)}</span>' for name, colour, dash in self.key_entries]
        self.key.setText("&nbsp;&nbsp;&nbsp; ".join(parts))
        self.key.setVisible(bool(parts))

    def _mark_changes(self, data: ChartData) -> None:
        """A dashed red rule where a standard's periods begin, named on the top axis: outside the
        plot, so the name never covers a line or a point."""
        pg = self.pg
        top = self.item.getAxis("top")
        for b in data.boundaries:
            line = pg.InfiniteLine(pos=b, angle=90, pen=pg.mkPen("#c00000", width=2, style=Qt.DashLine))
            self.item.addItem(line, ignoreBounds=True)
        self.item.showAxis("top", bool(data.boundaries))
        if data.boundaries:
            top.setTicks([[(b, f"change of basis: {text} \u25b6") for b, text in zip(data.boundaries, data.changes)], []])
            top.setTextPen(pg.mkPen("#c00000"))
            top.setPen(pg.mkPen("#ced4da"))
            top.setStyle(tickLength=0, hideOverlappingLabels=False)

    def boundary_labels(self) -> list[tuple[float, str]]:
        """The change-of-basis names on the top axis and where they stand (for tests)."""
        axis = self.item.getAxis("top")
        if not axis.isVisible() or not axis._tickLevels:
            return []
        return list(axis._tickLevels[0])

    def _set_ticks(self) -> None:
        """Fiscal years under the time axis (April to March), every k-th named when they would not
        fit side by side; a tick at each year's start."""
        if self.data is None or not self.data.series:
            return
        xs = [p.x for s in self.data.series for p in s.points]
        first, last = fiscal_year(date.fromordinal(int(min(xs)))), fiscal_year(date.fromordinal(int(max(xs))))
        years = list(range(first, last + 1))
        room = max(self.item.vb.width(), 1.0)
        step = max(1, -(-len(years) * 60 // int(room)))
        starts = [(float(date(y, 4, 1).toordinal()), "") for y in years + [last + 1]]
        names = [(float(date(y, 10, 1).toordinal()), f"FY{y}" if step == 1 else f"FY{y % 100:02d}")
                 for k, y in enumerate(years) if k % step == 0]
        self.item.getAxis("bottom").setTicks([starts, names])

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
        xspan = (xr[0][1] - xr[0][0]) or 1.0
        yspan = (xr[1][1] - xr[1][0]) or 1.0
        rspan = (self.right.viewRange()[1][1] - self.right.viewRange()[1][0]) or 1.0

        def distance(p):
            x, y, axis, _t = p
            yy, span = (at_right.y(), rspan) if axis == "right" else (at.y(), yspan)
            return ((x - at.x()) / xspan) ** 2 + ((y - yy) / span) ** 2

        self.readout.setText(min(self._points, key=distance)[3])

    def readout_at(self, period: str) -> list[str]:
        """The read-outs of every point of a period, by its name ('1Q-3Q19'), for tests."""
        return [t for _x, _y, _a, t in self._points if f", {period} (" in t]

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
