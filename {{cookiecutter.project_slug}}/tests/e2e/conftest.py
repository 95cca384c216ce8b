"""Launch the real app in a real webview and drive it through WebDriver.

WebKitWebDriver (Debian: ``webkit2gtk-driver``) starts the app itself, as
tauri-driver does on Linux: the session's only capability names the program
to run. Without a display the fixtures start their own Xvfb. Tests skip,
with the reason, only where WebKitWebDriver or Xvfb is missing.

By default the app under test is ``python -m PACKAGE`` from this checkout.
Set ``E2E_APP`` to an executable to test a shipped build instead: the
gui-script of an installed wheel or the frozen standalone app.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, NoReturn

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.file_detector import UselessFileDetector
from selenium.webdriver.remote.remote_connection import RemoteConnection
from selenium.webdriver.remote.webdriver import WebDriver

from .ui import OwnApp, WebDriverServer, wait_until

PACKAGE = "{{ cookiecutter.package_name }}"
REQUIRED_ENV = "E2E_REQUIRED"
"""Set to 1 (as CI does) to fail instead of skip when the tools are missing."""
APP_ENV = "E2E_APP"
"""Path of an executable to test instead of ``python -m PACKAGE`` (started without arguments)."""
SESSION_TIMEOUT_S = 60


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "e2e" in item.path.parts:
            item.add_marker(pytest.mark.e2e)


def unavailable(reason: str) -> NoReturn:
    if os.environ.get(REQUIRED_ENV) == "1":
        pytest.fail(f"{reason} ({REQUIRED_ENV}=1 forbids skipping)")
    pytest.skip(reason)


class TauriOptions(ArgOptions):
    """The one capability WebKitWebDriver needs: which program to launch."""

    def __init__(self, binary: str, args: list[str]) -> None:
        super().__init__()
        self.binary = binary
        self.launch_args = args

    def to_capabilities(self) -> dict[str, Any]:
        return {"webkitgtk:browserOptions": {"binary": self.binary, "args": self.launch_args}}

    @property
    def default_capabilities(self) -> dict[str, Any]:
        return {}


def app_command() -> tuple[str, list[str]]:
    """The program WebKitWebDriver runs, and its arguments."""
    shipped = os.environ.get(APP_ENV)
    if not shipped:
        return sys.executable, ["-m", PACKAGE]
    # WebKitWebDriver needs an absolute path, and a typo would hang the session.
    program = Path(shipped).absolute()
    if not (program.is_file() and os.access(program, os.X_OK)):
        pytest.fail(f"{APP_ENV}={shipped} is not an executable file")
    return str(program), []


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"WebKitWebDriver exited with code {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"WebKitWebDriver did not listen on port {port} within {timeout} s")


@pytest.fixture(scope="session")
def display() -> Iterator[str]:
    """The X display the app opens its window on (a private Xvfb if none)."""
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        unavailable("no DISPLAY and Xvfb is not installed (Debian/Ubuntu: apt install xvfb)")
    read_fd, write_fd = os.pipe()
    # -displayfd: Xvfb picks a free display number and writes it to the pipe.
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_fd), "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        pytest.fail("Xvfb did not report a display number")
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def driver_log() -> Iterator[Path]:
    """WebKitWebDriver's and the app's output, shown when something fails."""
    with tempfile.TemporaryDirectory(prefix="e2e-") as folder:
        yield Path(folder) / "driver.log"


NO_BUS = "unix:path=/nonexistent/no-session-bus"
"""Where apps look for a bus on a machine without dbus-daemon: nowhere."""


def start_session_bus() -> tuple[subprocess.Popen[bytes] | None, str]:
    """A private D-Bus session bus and its address (no bus at all without dbus-daemon)."""
    if shutil.which("dbus-daemon") is None:
        return None, NO_BUS
    args = ["dbus-daemon", "--session", "--nofork", "--print-address=1"]
    bus = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert bus.stdout is not None
    ready, _, _ = select.select([bus.stdout], [], [], 10)
    address = bus.stdout.readline().decode().strip() if ready else ""
    if not address:
        bus.kill()
        pytest.fail("dbus-daemon printed no address within 10 s")
    return bus, address


@contextlib.contextmanager
def running_webdriver(
    display: str, log_path: Path, app_env: Mapping[str, str] | None = None
) -> Iterator[WebDriverServer]:
    """A WebKitWebDriver server; it can drive one app (one session) at a time.

    ``app_env``: variables added to the environment of the apps it launches.
    """
    driver = shutil.which("WebKitWebDriver")
    if driver is None:
        unavailable(
            "WebKitWebDriver is not installed (Debian/Ubuntu: apt install webkit2gtk-driver)"
        )
    port = _free_port()
    # The driver launches the app with its own environment.
    env = {**os.environ, "DISPLAY": display, "TAURI_WEBVIEW_AUTOMATION": "true"}
    # A session bus of this driver's own (unless the test brings one): the
    # apps never reach the user's desktop session (its notifications, or one
    # instance enforced over D-Bus, which would hand another driver's app over).
    bus: subprocess.Popen[bytes] | None = None
    if "DBUS_SESSION_BUS_ADDRESS" not in (app_env or {}):
        bus, env["DBUS_SESSION_BUS_ADDRESS"] = start_session_bus()
    env.update(app_env or {})
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [driver, f"--port={port}"], env=env, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        _wait_for_port(port, process, timeout=15)
        yield WebDriverServer(url=f"http://127.0.0.1:{port}", pid=process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        if bus is not None:
            bus.terminate()
            bus.wait(timeout=10)


def start_app(server: WebDriverServer, log_path: Path) -> WebDriver:
    """Start the app in a new WebDriver session (the driver runs the program)."""
    options = TauriOptions(*app_command())
    # If the app fails to start, creating the session would hang: bound it.
    config = ClientConfig(remote_server_addr=server.url, timeout=SESSION_TIMEOUT_S)
    try:
        # The app runs on this machine: file inputs take local paths as-is.
        return webdriver.Remote(
            command_executor=RemoteConnection(client_config=config),
            options=options,
            file_detector=UselessFileDetector(),
        )
    except Exception as exc:
        log = log_path.read_text(errors="replace")[-4000:]
        pytest.fail(f"the app did not start ({exc!r}); its output:\n{log}")


def app_data_env(folder: Path) -> dict[str, str]:
    """Point the app's data and config folders (Linux: $XDG_DATA_HOME/<identifier>,
    $XDG_CONFIG_HOME/<identifier>) into ``folder``.

    The tests never touch the real user's app data (the chat history, the
    window's saved place).
    """
    return {"XDG_DATA_HOME": str(folder), "XDG_CONFIG_HOME": str(folder / "config")}


@pytest.fixture(scope="session")
def webdriver_server(
    display: str, driver_log: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[WebDriverServer]:
    app_env = app_data_env(tmp_path_factory.mktemp("app-data"))
    with running_webdriver(display, driver_log, app_env) as server:
        yield server


@pytest.fixture(scope="session")
def launch_app(webdriver_server: WebDriverServer, driver_log: Path) -> Callable[[], WebDriver]:
    """Start the app in a new WebDriver session on the shared driver."""
    return lambda: start_app(webdriver_server, driver_log)


@pytest.fixture
def own_app(display: str, driver_log: Path, tmp_path: Path) -> Iterator[OwnApp]:
    """An app of the test's own, on its own driver: for tests that close or kill it.

    WebKitWebDriver drives one session at a time and the shared ``app`` holds
    one, so this starts a second driver.
    """
    log_path = driver_log.with_name("own-app.log")
    with running_webdriver(display, log_path, app_data_env(tmp_path / "app-data")) as server:
        session = start_app(server, log_path)
        (pid,) = server.launched_apps()
        wait_until(session, lambda d: d.execute_script("return document.body.dataset.ready"))
        try:
            yield OwnApp(session, pid)
        finally:
            with contextlib.suppress(Exception):  # the app may be gone already
                session.quit()


@pytest.fixture(scope="session")
def app(launch_app: Callable[[], WebDriver]) -> Iterator[WebDriver]:
    """One running app for the whole session; each test reloads its page."""
    session = launch_app()
    yield session
    session.quit()


@pytest.fixture
def page(app: WebDriver) -> WebDriver:
    """The app with a freshly loaded page, every panel wired."""
    app.refresh()
    wait_until(app, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready"))
    return app
