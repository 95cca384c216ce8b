"""End-to-end: the desktop basics, driven through the real services.

Keys and the native menu bar through X11 (xdotool), GTK's file dialogs as a
user fills them, the tray menu over D-Bus (dbusmenu), notifications through a
real notification daemon on a private session bus, a real second launch for
one instance, and a clean restart for the window's place. The tests marked
``slow`` drive the system (dialogs, tray, restarts); the others use the page.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from . import desktop_tools as tools
from .conftest import (
    app_command,
    app_data_env,
    running_webdriver,
    start_app,
    start_session_bus,
    unavailable,
)
from .ipc import run_in_page
from .ui import element, fill, wait_for_text, wait_until

BROWSER = """#!/bin/sh
# Stands in for the system browser: records the URL it was asked to open.
printf '%s\\n' "$1" >> "$(dirname "$0")/../opened-urls"
"""


@dataclass
class DesktopApp:
    session: WebDriver
    pid: int
    env: dict[str, str]
    """DISPLAY and the app's own session bus, for xdotool, gdbus and a second launch."""
    home: Path

    @property
    def window(self) -> int:
        """The main window's X11 id."""
        title = self.session.title
        found: list[int] = wait_until(
            self.session, lambda _d: tools.window_ids(self.pid, self.env, title)
        )
        return found[0]

    def press(self, keys: str) -> None:
        tools.press(self.window, keys, self.env)


def launch(display: str, home: Path, log: Path) -> Generator[DesktopApp, None, None]:
    """The app on a driver and a session bus of its own, its browser faked."""
    (home / "bin").mkdir(parents=True, exist_ok=True)
    browser = home / "bin" / "xdg-open"
    browser.write_text(BROWSER, encoding="utf-8")
    browser.chmod(0o755)
    bus, address = start_session_bus()
    if bus is None:
        unavailable("the desktop tests need dbus-daemon (Debian/Ubuntu: apt install dbus)")
    env = {"DISPLAY": display, "DBUS_SESSION_BUS_ADDRESS": address}
    path = f"{home / 'bin'}{os.pathsep}{os.environ['PATH']}"
    app_env = {**app_data_env(home), **env, "PATH": path}
    try:
        with running_webdriver(display, log, app_env) as server:
            session = start_app(server, log)
            (pid,) = server.launched_apps()
            wait_until(session, ready)
            try:
                yield DesktopApp(session, pid, env, home)
            finally:
                with contextlib.suppress(WebDriverException):  # the app may have quit
                    session.quit()
    finally:
        bus.terminate()
        bus.wait(timeout=10)


def ready(driver: WebDriver) -> object:
    return driver.find_element(By.TAG_NAME, "body").get_attribute("data-ready")


@pytest.fixture(scope="module")
def desktop_app(
    display: str, driver_log: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DesktopApp]:
    home = tmp_path_factory.mktemp("desktop")
    yield from launch(display, home, driver_log.with_name("desktop-app.log"))


@pytest.fixture
def app(desktop_app: DesktopApp) -> DesktopApp:
    """The desktop app with a freshly loaded page."""
    session = desktop_app.session
    session.switch_to.window(session.window_handles[0])
    session.refresh()
    wait_until(session, ready)
    return desktop_app


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- the page ------------------------------------------------------------------------


def test_the_panel_says_what_this_machine_lacks(app: DesktopApp) -> None:
    # The app's private bus has no notification service (until a test starts one).
    status = wait_for_text(app.session, "desktop-status", bool)

    assert "Notifications cannot be shown: no notification service runs" in status
    assert "tray" not in status.lower()  # the tray library is installed here


@pytest.mark.parametrize("button", ["desktop-notify-python", "desktop-notify-page"])
def test_without_a_notification_service_the_page_says_so(app: DesktopApp, button: str) -> None:
    element(app.session, button).click()

    text = wait_for_text(app.session, "desktop-notify-output", lambda t: "cannot" in t)
    assert text.startswith("Notifications cannot be shown")
    assert element(app.session, "desktop-notify-output").get_attribute("data-tone") == "error"


def test_notifications_reach_the_notification_daemon(app: DesktopApp) -> None:
    daemon = tools.start_notification_daemon(app.env)
    try:
        with tools.NotifyMonitor(app.env) as monitor:
            element(app.session, "desktop-notify-python").click()
            assert monitor.wait_for("Hello from Python") == (
                "Hello from Python",
                "Sent by desktop.py.",
            )
            wait_for_text(
                app.session,
                "desktop-notify-output",
                lambda t: t == 'Python sent "Hello from Python"',
            )

            element(app.session, "desktop-notify-page").click()
            summary, _body = monitor.wait_for("Hello from the page")
            assert summary == "Hello from the page"
            wait_for_text(
                app.session,
                "desktop-notify-output",
                lambda t: t == 'The page sent "Hello from the page"',
            )
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)


def test_links_open_in_the_system_browser_and_only_web_links(app: DesktopApp) -> None:
    link = element(app.session, "desktop-link")
    url = link.get_attribute("href")

    link.click()

    wait_for_text(
        app.session, "desktop-link-output", lambda t: t == f"Opened {url} in the system browser"
    )
    opened = app.home / "opened-urls"
    wait_until(app.session, lambda _d: opened.is_file() and opened.read_text().split())
    assert opened.read_text().split() == [url]
    assert app.session.current_url.startswith(
        ("tauri:", "http://tauri.localhost")
    )  # the app stayed
    refused = run_in_page(
        app.session,
        "window.__TAURI__.opener.openUrl('file:///etc/passwd')"
        ".then(() => done('opened'), (e) => done(String(e)));",
    )
    assert refused != "opened"
    assert opened.read_text().split() == [url]


# --- dialogs, menus, tray: the system itself ---------------------------------------------


@pytest.mark.slow
def test_open_picks_a_file_and_the_page_shows_it(app: DesktopApp, tmp_path: Path) -> None:
    notes = write(tmp_path / "notes.txt", "".join(f"line {n}\n" for n in range(12)))
    element(app.session, "desktop-open").click()

    tools.choose_file_in_dialog(tools.wait_for_window("Open a file", app.env), notes, app.env)

    shown = wait_for_text(app.session, "desktop-file", lambda t: t.startswith("notes.txt"))
    assert shown.splitlines() == [f"notes.txt ({notes.stat().st_size} bytes)"] + [
        f"line {n}" for n in range(8)
    ]


@pytest.mark.slow
def test_cancelling_open_changes_nothing(app: DesktopApp) -> None:
    before = element(app.session, "desktop-file").text
    element(app.session, "desktop-open").click()

    tools.cancel_dialog(tools.wait_for_window("Open a file", app.env), app.env)

    time.sleep(0.5)  # an answer, had there been one, would have arrived by now
    assert element(app.session, "desktop-file").text == before
    assert element(app.session, "desktop-file").get_attribute("data-tone") != "error"


@pytest.mark.slow
def test_a_file_past_the_limit_is_refused_clearly(app: DesktopApp, tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    big.write_bytes(b"x" * (2 * 1024 * 1024))
    element(app.session, "desktop-open").click()

    tools.choose_file_in_dialog(tools.wait_for_window("Open a file", app.env), big, app.env)

    text = wait_for_text(app.session, "desktop-file", lambda t: "big.bin" in t)
    assert text == "big.bin is 2.1 MB: this app opens files up to 1.0 MB."
    assert element(app.session, "desktop-file").get_attribute("data-tone") == "error"


@pytest.mark.slow
def test_the_menu_keys_open_and_save_through_python(app: DesktopApp, tmp_path: Path) -> None:
    notes = write(tmp_path / "menu.txt", "from the menu\n")
    app.press("ctrl+o")  # File > Open…
    tools.choose_file_in_dialog(tools.wait_for_window("Open a file", app.env), notes, app.env)
    wait_for_text(app.session, "desktop-file", lambda t: t.startswith("menu.txt (14 bytes)"))

    fill(app.session, "desktop-text", "Saved from the menu ✓")
    target = tmp_path / "saved.txt"
    app.press("ctrl+s")  # File > Save…: Python asks the page for its text
    tools.choose_file_in_dialog(tools.wait_for_window("Save notes", app.env), target, app.env)

    wait_for_text(app.session, "desktop-saved", lambda t: t == f"Saved 23 bytes to {target}")
    assert target.read_text(encoding="utf-8") == "Saved from the menu ✓"


@pytest.mark.slow
def test_cancelling_save_writes_nothing(app: DesktopApp, tmp_path: Path) -> None:
    element(app.session, "desktop-save").click()

    tools.cancel_dialog(tools.wait_for_window("Save notes", app.env), app.env)

    time.sleep(0.5)
    assert element(app.session, "desktop-saved").text == ""
    assert list(tmp_path.iterdir()) == []

{%- if cookiecutter.with_events %}


@pytest.mark.slow
def test_ctrl_n_opens_a_window(app: DesktopApp) -> None:
    before = set(app.session.window_handles)

    app.press("ctrl+n")  # File > New window

    new = wait_until(app.session, lambda d: set(d.window_handles) - before or None)
    app.session.switch_to.window(new.pop())
    wait_for_text(app.session, "window-label", lambda t: t.startswith("window-"))
    with contextlib.suppress(WebDriverException):  # it closes as the click lands
        element(app.session, "window-close").click()
    app.session.switch_to.window(app.session.window_handles[0])
    wait_until(app.session, lambda d: len(d.window_handles) == len(before))

{%- endif %}


@pytest.mark.slow
def test_help_about_shows_the_name_and_version(app: DesktopApp) -> None:
    window = app.window
    # A user's hands: click "Help" in the menu bar, then its first item.
    click = ["xdotool", "mousemove", "--window", str(window), "105", "11", "click", "1"]
    subprocess.run(click, env={**os.environ, **app.env}, check=True)
    tools.press(window, "Down Return", app.env)

    about = tools.wait_for_window("^About$", app.env)
    tools.cancel_dialog(about, app.env)
    tools.wait_window_gone(about, app.env)


@pytest.mark.slow
def test_the_tray_menu_hides_and_shows_the_window(app: DesktopApp) -> None:
    tray = tools.tray_menu(app.pid, app.env)
    assert set(tray.labels()) == {"Show", "Hide", "Quit"}
    title = app.session.title

    tray.click("Hide")
    wait_until(app.session, lambda _d: not tools.window_ids(app.pid, app.env, title))
    tray.click("Show")
    wait_until(app.session, lambda _d: tools.window_ids(app.pid, app.env, title))


@pytest.mark.slow
def test_a_second_launch_hands_its_file_to_the_running_app(app: DesktopApp, tmp_path: Path) -> None:
    notes = write(tmp_path / "handed-over.txt", "from a second launch\n")
    program, args = app_command()

    second = subprocess.run(
        [program, *args, notes.name],
        cwd=tmp_path,
        env={**os.environ, **app.env, **app_data_env(app.home)},
        capture_output=True,
        timeout=60,
    )

    assert second.returncode == 0  # it handed over and left
    shown = wait_for_text(app.session, "desktop-file", lambda t: t.startswith("handed-over.txt"))
    assert shown.splitlines()[1] == "from a second launch"


@pytest.mark.slow
def test_the_window_comes_back_where_it_was_after_a_clean_restart(
    display: str, driver_log: Path, tmp_path: Path
) -> None:
    log = driver_log.with_name("window-state.log")
    first = launch(display, tmp_path, log)
    app = next(first)
    tools.move_and_resize(app.window, 130, 90, 900, 640, app.env)
    placed = tools.geometry(app.window, app.env)
    app.press("ctrl+q")  # File > Quit: a clean exit saves the window's state
    wait_until(app.session, lambda _d: not Path(f"/proc/{app.pid}").exists())
    first.close()

    second = launch(display, tmp_path, log)
    again = next(second)
    try:
        assert tools.geometry(again.window, again.env) == placed
    finally:
        second.close()
