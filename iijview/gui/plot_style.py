"""What both charts share: the plot (white, thousands separators on the value axis; pyqtgraph) and
saving a chart as PNG or SVG."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt


def plot_widget(grid_alpha: float = 0.3):
    """(pyqtgraph module, a PlotWidget) with comma ticks on the left axis and its own context menu.

    pyqtgraph is imported here, when the first chart is built: it takes half a second.
    """
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=True, background="w", foreground="k")

    class CommaAxis(pg.AxisItem):
        """Tick labels with thousands separators instead of scientific notation."""

        def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph API
            """Format ticks as 1,234."""
            return [f"{v * scale:,.0f}" if spacing * scale >= 1 else f"{v * scale:,.2f}" for v in values]

    plot = pg.PlotWidget(axisItems={"left": CommaAxis(orientation="left")})
    plot.setMenuEnabled(False)
    plot.showGrid(y=True, alpha=grid_alpha)
    plot.setContextMenuPolicy(Qt.CustomContextMenu)
    return pg, plot


def save_chart(widget, path: str, title: str = "") -> str:
    """Save a chart widget (its title included) as SVG or PNG, by the file's suffix (.png added when
    there is none of the two); return the path. Raises OSError when the file cannot be written.

    SVG is painted by Qt's own generator: pyqtgraph's SVG exporter cannot read the paths Qt 6.12
    writes.
    """
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    if path.lower().endswith(".svg"):
        gen = QSvgGenerator()
        gen.setFileName(path)
        gen.setSize(widget.size())
        gen.setViewBox(widget.rect())
        gen.setTitle(title)
        painter = QPainter(gen)
        try:
            widget.render(painter, QPoint())
        finally:
            painter.end()
        with open(path, "rb") as fh:          # the generator reports no errors: look at the file
            if b"<svg" not in fh.read(4096):
                raise OSError(f"cannot write {path}")
        return path
    if not path.lower().endswith(".png"):
        path += ".png"
    if not widget.grab().save(path, "PNG"):
        raise OSError(f"cannot write {path}")
    return path
