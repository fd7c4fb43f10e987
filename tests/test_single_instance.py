"""A second start hands its files to the running app, which opens them and comes to the front."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from iijview.gui import single_instance
from iijview.gui.app import create_window, serve_hand_overs
from iijview.gui.session import sample_paths
from iijview.store import default_folder


def _second_start(args: list[str], home: Path) -> subprocess.Popen:
    env = dict(os.environ, IIJVIEW_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen([sys.executable, "-m", "iijview", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_second_start_hands_files_to_the_running_app(qtbot, _iijview_home):
    win = create_window([])
    qtbot.addWidget(win)
    win.show()
    win.showMinimized()
    name = single_instance.server_name(default_folder())
    server = serve_hand_overs(win, name)
    assert server is not None
    received = []
    server.files_received.connect(received.append)
    sample = sample_paths()[0]
    proc = _second_start([sample], _iijview_home)
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60_000)
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert received == [[str(Path(sample).resolve())]]
    qtbot.waitUntil(lambda: len(win.releases) == 1, timeout=30_000)
    assert win.releases[0].path == str(Path(sample).resolve())
    assert not win.windowState() & Qt.WindowMinimized  # brought back to the front
    server.close()


def test_second_start_without_files_only_raises_the_window(qtbot, _iijview_home):
    win = create_window([])
    qtbot.addWidget(win)
    win.show()
    server = serve_hand_overs(win, single_instance.server_name(default_folder()))
    received = []
    server.files_received.connect(received.append)
    proc = _second_start([], _iijview_home)
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60_000)
    assert proc.returncode == 0
    assert received == [[]] and win.releases == []
    server.close()


def test_nobody_listening_means_no_hand_over(qapp):
    assert single_instance.hand_over(f"iijview-test-{uuid.uuid4().hex}", ["x.txt"]) is False


def test_other_workspaces_and_users_get_other_names(tmp_path):
    a = single_instance.server_name(tmp_path / "a")
    assert a == single_instance.server_name(tmp_path / "a" / ".." / "a")
    assert a != single_instance.server_name(tmp_path / "b")
    assert a.startswith("iijview-") and len(a) < 40


def test_socket_left_by_a_crashed_app_is_taken_over(qtbot):
    name = f"iijview-test-{uuid.uuid4().hex[:12]}"
    path = os.path.join(tempfile.gettempdir(), name)  # where Qt puts a named local socket
    left = socket.socket(socket.AF_UNIX)
    left.bind(path)  # a socket file with nobody behind it, as a killed app leaves
    left.close()
    server = single_instance.InstanceServer(name)
    assert server.listen()
    assert server.server.fullServerName() == path
    sock = QLocalSocket()
    sock.connectToServer(name)
    assert sock.waitForConnected(1000)
    server.close()


def test_a_live_app_keeps_its_name(qtbot):
    name = f"iijview-test-{uuid.uuid4().hex[:12]}"
    first = single_instance.InstanceServer(name)
    assert first.listen()
    second = single_instance.InstanceServer(name)
    assert second.listen() is False  # --new-instance must not steal the running app's name
    first.close()


def test_malformed_message_is_answered_and_ignored(qtbot):
    name = f"iijview-test-{uuid.uuid4().hex[:12]}"
    server = single_instance.InstanceServer(name)
    assert server.listen()
    received = []
    server.files_received.connect(received.append)
    sock = QLocalSocket()
    sock.connectToServer(name)
    assert sock.waitForConnected(1000)
    sock.write(b"not json\n")
    sock.flush()
    qtbot.waitUntil(lambda: sock.bytesAvailable() > 0 or sock.waitForReadyRead(10), timeout=5000)
    assert bytes(sock.readAll()).strip() == b"bad"
    assert received == []
    sock.disconnectFromServer()
    server.close()
