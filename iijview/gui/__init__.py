"""The desktop app (PySide6): the only package that imports Qt."""
from iijview.gui.qt_compat import protect_none

protect_none()
