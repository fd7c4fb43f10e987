"""iijview: read, check, correct and export the earnings releases of Internet Initiative Japan."""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["load_release", "ReleaseError", "__version__"]


def __getattr__(name):
    # Lazy so that `import iijview` stays cheap and never pulls in pandas or Qt.
    if name in ("load_release", "ReleaseError"):
        from iijview import loader
        return getattr(loader, name)
    raise AttributeError(name)
