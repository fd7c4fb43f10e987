"""The plot both charts share: white background, thousands separators on the value axis (pyqtgraph)."""
from __future__ import annotations

from PySide6.QtCore import Qt


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
