"""Dev mode end to end: ``python -m PACKAGE.plumbing.dev`` (``npm run dev``), Vite and the app
in the real webview.

The supervisor runs for real: it starts Vite, watches, compile-checks, restarts, times the
restart, regenerates the client and cleans up. It runs in a copy of the project's sources, so
the edits below never touch this checkout. Only the way it launches the app differs: WebDriver
drives only an app its driver launched, so ``--app-command`` is ``dev_relay.py``, which opens a
session per app and writes the session's id to a file; the test attaches to each new session.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.file_detector import UselessFileDetector
from selenium.webdriver.remote.remote_connection import RemoteConnection
from selenium.webdriver.remote.webdriver import WebDriver

from .conftest import APP_ENV, PACKAGE, app_data_env, running_webdriver, unavailable
from .ipc import invoke
from .ui import WebDriverServer, wait_until

PROJECT = Path(__file__).resolve().parents[2]
RELAY = Path(__file__).with_name("dev_relay.py")
WAIT_S = 60
"""For one restart or one hot reload, on a slow, busy machine."""
COMMANDS_PY = Path("src") / PACKAGE / "commands.py"
GREETING = 'f"Hello, {name}!"'
PAGE_SENTENCE = "a wrong field fails tsc, not the user."
"""Part of the commands panel's text in every frontend: the page edit rewrites it."""


def copy_sources(target: Path) -> None:
    """What dev mode reads: src/, web/ and the top-level files (configurations), not
    hidden ones (a .dev-window.json of yours). node_modules is linked entry by entry,
    so Vite keeps its cache (node_modules/.vite) in the copy, not in this checkout."""
    if not (PROJECT / "node_modules" / ".bin").is_dir():
        unavailable("node_modules is missing: run `npm install` first")
    skip = shutil.ignore_patterns("__pycache__", "frontend")
    for folder in ("src", "web"):
        shutil.copytree(PROJECT / folder, target / folder, ignore=skip)
    for file in PROJECT.iterdir():
        if file.is_file() and not file.name.startswith("."):
            shutil.copy2(file, target / file.name)
    (target / "node_modules").mkdir()
    for entry in (PROJECT / "node_modules").iterdir():
        if entry.name != ".vite":
            (target / "node_modules" / entry.name).symlink_to(entry)


class Attached(WebDriver):
    """A client for a session the relay opened; never ``quit()`` it: the relay does."""

    def __init__(self, url: str, session_id: str) -> None:
        self._existing = session_id
        super().__init__(
            command_executor=RemoteConnection(client_config=ClientConfig(remote_server_addr=url)),
            options=ArgOptions(),
            file_detector=UselessFileDetector(),
        )

    def start_session(self, capabilities: dict[str, Any]) -> None:
        self.session_id = self._existing


class DevMode:
    """The running supervisor: its output, the copy it works in, the app's sessions."""

    def __init__(self, root: Path, server: WebDriverServer, port: int) -> None:
        self.root, self.server = root, server
        self.session_file = root / "session-id"
        relay = shlex.join([sys.executable, str(RELAY), server.url, str(self.session_file)])
        supervisor = [sys.executable, "-m", f"{PACKAGE}.plumbing.dev", "--port", str(port)]
        self.process = subprocess.Popen(
            [*supervisor, "--app-command", relay],
            cwd=root,
            env={**os.environ, "PYTHONPATH": str(root / "src")},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.session_id = ""

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def output(self) -> str:
        return "\n".join(self.lines[-40:])

    def wait_for_line(self, text: str, after: int) -> str:
        """The first line from index ``after`` on that contains ``text``."""
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            for line in self.lines[after:]:
                if text in line:
                    return line
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        pytest.fail(f"dev mode never printed {text!r}; its output:\n{self.output()}")

    def page(self, new: bool = True) -> WebDriver:
        """The app's session; ``new``: wait for a new app (a restart), and for its page."""
        if not new and self.session_id:
            return Attached(self.server.url, self.session_id)
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                session_id = self.session_file.read_text(encoding="utf-8")
                if session_id != self.session_id:
                    self.session_id = session_id
                    break
            time.sleep(0.05)
        else:
            pytest.fail(f"no new app session; dev mode's output:\n{self.output()}")
        page = Attached(self.server.url, self.session_id)
        wait_until(page, lambda d: d.execute_script("return document.body.dataset.ready"), WAIT_S)
        return page

    def edit(self, relative: Path, old: str, new: str) -> None:
        """Replace ``old`` with ``new`` in a file of the copy, as an editor saves it."""
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{relative} no longer contains {old!r}: update this test"
        path.write_text(text.replace(old, new), encoding="utf-8")


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (Linux: from /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    with contextlib.suppress(OSError):
        return "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def dev(display: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevMode]:
    if os.environ.get(APP_ENV):
        pytest.skip(f"{APP_ENV} names a shipped build; dev mode runs from the sources")
    root = tmp_path_factory.mktemp("dev-project")
    copy_sources(root)
    log = root / "driver.log"  # the apps' own output goes here
    app_env = {**app_data_env(root / "app-data"), "PYTHONPATH": str(root / "src")}
    with running_webdriver(display, log, app_env) as server:
        dev = DevMode(root, server, free_port())
        try:
            dev.wait_for_line("answered its first command", after=0)
            yield dev
        finally:
            if dev.process.poll() is None:
                dev.process.send_signal(signal.SIGINT)
                try:
                    dev.process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    dev.process.kill()


def test_a_python_edit_restarts_the_app_in_the_same_place(dev: DevMode) -> None:
    page = dev.page()
    assert invoke(page, "greet", '"World"').value == "Hello, World!"
    page.set_window_rect(x=40, y=30, width=900, height=700)
    window_file = dev.root / ".dev-window.json"
    wait_until(page, lambda _: window_file.is_file() and '"width": 900' in window_file.read_text())
    place = page.get_window_rect()
    mark = len(dev.lines)
    dev.edit(COMMANDS_PY, GREETING, 'f"Howdy, {name}!"')
    timing = dev.wait_for_line("after the save", after=mark)
    page = dev.page()
    assert invoke(page, "greet", '"World"').value == "Howdy, World!"
    assert page.get_window_rect() == place
    print(timing)  # e.g. "[dev] the app answered its first command 1.21 s after the save"
{% if cookiecutter.with_typed_client %}

NEW_COMMAND = """

@commands.command()
async def dev_ping() -> str:
    return "pong"
"""


def test_a_new_command_reaches_the_typed_client(dev: DevMode) -> None:
    client = dev.root / "web" / "python" / "commands" / "apiClient.ts"
    mark = len(dev.lines)
    commands_py = dev.root / COMMANDS_PY
    commands_py.write_text(commands_py.read_text(encoding="utf-8") + NEW_COMMAND, encoding="utf-8")
    dev.wait_for_line("after the save", after=mark)
    assert invoke(dev.page(), "dev_ping").value == "pong"
    dev.wait_for_line("regenerated the typed client", after=mark)
    assert "devPing" in client.read_text(encoding="utf-8")
{% endif %}

def test_a_page_edit_reaches_the_page_while_python_keeps_running(dev: DevMode) -> None:
    page = dev.page(new=False)
    (app,) = dev.server.launched_apps()
    mark = len(dev.lines)
    (module,) = (path for path in (dev.root / "web").glob("commands.*") if path.is_file())
    dev.edit(module.relative_to(dev.root), PAGE_SENTENCE, "edited while Python ran.")
    # The page reloads under the test: read its text in one script, holding no
    # element a reload would make stale.
    wait_until(
        page,
        lambda d: "edited while Python ran." in d.execute_script("return document.body.innerText"),
        WAIT_S,
    )
    assert dev.server.launched_apps() == {app}
    assert not [line for line in dev.lines[mark:] if "restarting" in line]


def test_a_file_that_does_not_compile_is_reported_and_the_app_keeps_running(
    dev: DevMode,
) -> None:
    page = dev.page(new=False)
    (app,) = dev.server.launched_apps()
    mark = len(dev.lines)
    good = (dev.root / COMMANDS_PY).read_text(encoding="utf-8")
    (dev.root / COMMANDS_PY).write_text(good + "\n\ndef broken(:\n", encoding="utf-8")
    dev.wait_for_line("does not compile", after=mark)
    dev.wait_for_line("SyntaxError", after=mark)
    assert dev.server.launched_apps() == {app}
    assert invoke(page, "greet", '"World"').ok  # the old app still answers

    mark = len(dev.lines)
    (dev.root / COMMANDS_PY).write_text(good, encoding="utf-8")
    timing = dev.wait_for_line("after the save", after=mark)
    assert invoke(dev.page(), "greet", '"World"').ok
    print(timing)


def test_stopping_dev_mode_leaves_no_process_behind(dev: DevMode) -> None:
    started = descendants(dev.process.pid) | dev.server.launched_apps()
    assert len(started) >= 2, f"expected Vite and the relay below the supervisor: {started}"
    dev.process.send_signal(signal.SIGINT)  # as Ctrl+C does
    assert dev.process.wait(timeout=30) == 0, dev.output()
    deadline = time.monotonic() + 10
    # An app the driver launched while the supervisor stopped is given the same time.
    while time.monotonic() < deadline and (
        any(alive(pid) for pid in started) or dev.server.launched_apps()
    ):
        time.sleep(0.1)
    assert not [pid for pid in started if alive(pid)], dev.output()
    assert not dev.server.launched_apps(), dev.output()
    assert "stopping" in dev.output()
