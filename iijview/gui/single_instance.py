"""One app per user and workspace: a second start hands its files to the running one (QLocalServer).

The running app listens on a local socket named after the user and the workspace folder; a new
start first tries to connect, sends the files it was given as one JSON line and waits for "ok".
If nobody answers, it becomes the running app itself.
"""
from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger("iijview.single_instance")
CONNECT_MS = 500
REPLY_MS = 3000


def server_name(workspace_folder) -> str:
    """The socket name for this user and workspace folder."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name (containers): the uid still tells users apart
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    digest = hashlib.sha256(f"{user}\0{Path(workspace_folder).resolve()}".encode()).hexdigest()[:16]
    return f"iijview-{digest}"


def hand_over(name: str, files: list[str]) -> bool:
    """Send the files to a running app and ask it to come to the front; True if one took them."""
    sock = QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(CONNECT_MS):
        return False
    sock.write(json.dumps({"files": [str(Path(f).resolve()) if Path(f).exists() else str(f)
                                     for f in files]}).encode() + b"\n")
    sock.flush()
    answered = False
    while sock.waitForReadyRead(REPLY_MS):
        if sock.canReadLine():
            answered = bytes(sock.readLine()).strip() == b"ok"
            break
    sock.disconnectFromServer()
    log.info("handed %d file(s) to the running app: %s", len(files), "taken" if answered else "no answer")
    return answered


class InstanceServer(QObject):
    """Listens for later starts; emits the files each one hands over."""

    files_received = Signal(list)

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.name = name
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening (replacing a socket left by a crashed app); False if a live app has it."""
        probe = QLocalSocket()
        probe.connectToServer(self.name)
        if probe.waitForConnected(CONNECT_MS):  # a running app (this one started with --new-instance)
            probe.disconnectFromServer()
            return False
        QLocalServer.removeServer(self.name)
        if not self.server.listen(self.name):
            log.warning("single-instance server not started: %s", self.server.errorString())
            return False
        return True

    def close(self) -> None:
        """Stop listening."""
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            self._buffers[sock] = b""
            # Bound methods (not lambdas): Qt drops these connections when this object goes.
            sock.readyRead.connect(self._read)
            sock.disconnected.connect(self._drop)

    def _read(self) -> None:
        sock = self.sender()
        if sock not in self._buffers:
            return
        self._buffers[sock] += bytes(sock.readAll())
        if b"\n" not in self._buffers[sock]:
            return
        line = self._buffers[sock].split(b"\n", 1)[0]
        self._buffers[sock] = b""
        try:
            files = [str(f) for f in json.loads(line.decode("utf-8")).get("files", [])]
        except (ValueError, AttributeError, UnicodeDecodeError):
            log.warning("ignored a malformed hand-over message")
            sock.write(b"bad\n")
            return
        sock.write(b"ok\n")
        sock.flush()
        log.info("received %d file(s) from a new start", len(files))
        self.files_received.emit(files)

    def _drop(self) -> None:
        sock = self.sender()
        self._buffers.pop(sock, None)
        if sock is not None:
            sock.deleteLater()


def bring_to_front(window) -> None:
    """Show the window un-minimised and ask the window manager to activate it."""
    window.setWindowState(window.windowState() & ~Qt.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
    handle = window.windowHandle()
    if handle is not None:
        handle.requestActivate()
