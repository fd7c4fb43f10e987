"""The app's log: a rotating file in the user data folder (IIJVIEW_HOME), no Qt involved."""
from __future__ import annotations

import logging
import logging.handlers
import os
import platform
import sys
from pathlib import Path

LOGGER = "iijview"
MAX_BYTES = 1_000_000
BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def log_path() -> Path:
    """Where the log file is: <user data folder>/logs/iijview.log (IIJVIEW_HOME when set)."""
    from iijview.store import default_folder

    return default_folder() / "logs" / "iijview.log"


def start_logging(level: int = logging.INFO) -> Path | None:
    """Send the `iijview` logger to the rotating log file; return its path (None if unwritable)."""
    logger = logging.getLogger(LOGGER)
    path = log_path()
    for handler in logger.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            if Path(handler.baseFilename) == path.resolve():
                return path
            logger.removeHandler(handler)
            handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES,
                                                       backupCount=BACKUPS, encoding="utf-8")
    except OSError as exc:  # a read-only home must not stop the app
        print(f"iijview: no log file ({exc}).", file=sys.stderr)
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    logger.addHandler(handler)
    logger.setLevel(level if not os.environ.get("IIJVIEW_DEBUG") else logging.DEBUG)
    logger.info("iijview %s started: Python %s on %s (pid %d)", _version(), platform.python_version(),
                platform.platform(), os.getpid())
    return path


def _version() -> str:
    from iijview import __version__

    return __version__
