"""The app's icon: resources/icons/iijview.svg and the PNG sizes rendered from it.

    python -m iijview.gui.app_icon     re-render the PNG sizes after editing the SVG
"""
from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon():
    """The window icon (every PNG size, so each place picks a crisp one)."""
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for path in sorted(Path(str(resources.files("iijview.resources.icons"))).glob("iijview-*.png")):
        icon.addFile(str(path))
    return icon


def render_pngs(svg: Path, folder: Path) -> list[Path]:
    """Render the SVG to iijview-<size>.png for every size in SIZES."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    out = []
    for n in SIZES:
        image = QImage(n, n, QImage.Format_ARGB32)
        image.fill(Qt.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = folder / f"iijview-{n}.png"
        image.save(str(path))
        out.append(path)
    return out


if __name__ == "__main__":
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication(sys.argv[:1])
    here = Path(__file__).resolve().parents[2] / "resources" / "icons"
    for p in render_pngs(here / "iijview.svg", here):
        print(p)
