"""Reach what WebDriver cannot see: the tray, notifications, native menus, GTK dialogs.

They are driven as a user would, over a private D-Bus session bus and X11 (xdotool; Xvfb has
no window manager, so ``windowfocus``, not ``windowactivate``). Every helper takes an ``env``
with DISPLAY and DBUS_SESSION_BUS_ADDRESS; every wait fails with a one-line RuntimeError.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

WAIT_S = 10.0
NOTIFICATION_DAEMON = "/usr/lib/notification-daemon/notification-daemon"
ITEM_PATH = "/org/ayatana/NotificationItem"
_BUS = ["-d", "org.freedesktop.DBus", "-o", "/org/freedesktop/DBus", "-m"]
_T = TypeVar("_T")


def _run(
    args: list[str], env: Mapping[str, str], check: bool = True, timeout: float = WAIT_S
) -> str:
    """A tool's stdout; a missing tool, a hang or (with ``check``) a failure is a RuntimeError."""
    env = {**os.environ, **env}  # so that PATH and HOME survive a mapping of just two keys
    try:
        done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout)
    except FileNotFoundError:
        raise RuntimeError(f"{args[0]} is not installed") from None
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"timed out after {timeout} s running {' '.join(args)}") from None
    if check and done.returncode != 0:
        err = (done.stderr.strip().splitlines() or ["no output"])[0]
        raise RuntimeError(f"{' '.join(args)} failed ({done.returncode}): {err}")
    return done.stdout if done.returncode == 0 else ""


def _bus(method: str, *args: str, env: Mapping[str, str]) -> str:
    """Call a method of the bus itself; "" when it fails (e.g. a name that just left)."""
    cmd = ["gdbus", "call", "--session", *_BUS, f"org.freedesktop.DBus.{method}", *args]
    return _run(cmd, env, check=False)


def _wait(what: str, probe: Callable[[], _T | None], timeout: float = WAIT_S) -> _T:
    """Poll ``probe`` until it returns something other than None."""
    deadline = time.monotonic() + timeout
    while (found := probe()) is None:
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.1)
    return found


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.kill()  # our own helper daemons: nothing to save
    proc.wait()


def start_notification_daemon(env: Mapping[str, str]) -> subprocess.Popen[bytes]:
    """Start a notification server, so the app's notifications have somewhere to go."""
    if not os.access(NOTIFICATION_DAEMON, os.X_OK):
        raise RuntimeError(f"{NOTIFICATION_DAEMON} is missing (Debian: notification-daemon)")
    out, env = subprocess.DEVNULL, {**os.environ, **env}
    proc = subprocess.Popen([NOTIFICATION_DAEMON], env=env, stdout=out, stderr=out)

    def owned() -> bool | None:
        if proc.poll() is not None:
            raise RuntimeError(f"notification-daemon exited with {proc.returncode}")
        return "true" in _bus("NameHasOwner", "org.freedesktop.Notifications", env=env) or None

    try:
        _wait("org.freedesktop.Notifications to have an owner", owned)
    except RuntimeError:
        _stop(proc)
        raise
    return proc


# dbus-monitor prints strings unescaped between quotes, one argument per 3-space line.
_NOTIFY = re.compile(
    r'member=Notify\n   string ".*?"\n   uint32 \d+\n   string ".*?"\n'
    r'   string "(.*?)"\n   string "(.*?)"\n   array \[',
    re.DOTALL,
)


class NotifyMonitor:
    """Record the Notify calls on the bus: what the app asked to show, whoever shows it."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self._env = {**os.environ, **env}
        self._proc: subprocess.Popen[bytes] | None = None
        self._text = ""
        self._changed = threading.Condition()

    def __enter__(self) -> NotifyMonitor:
        rule = "interface='org.freedesktop.Notifications',member='Notify'"
        args = ["dbus-monitor", "--session", rule]
        try:
            self._proc = subprocess.Popen(args, env=self._env, stdout=subprocess.PIPE)
        except FileNotFoundError:
            raise RuntimeError("dbus-monitor is not installed (Debian: dbus-bin)") from None
        threading.Thread(target=self._read, args=(self._proc,), daemon=True).start()
        # The bus tells a connection that it lost its own name once it has become a monitor.
        with self._changed:
            ready = self._changed.wait_for(lambda: "member=NameLost" in self._text, WAIT_S)
        if not ready:
            _stop(self._proc)
            raise RuntimeError(f"timed out after {WAIT_S} s waiting for dbus-monitor to start")
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._proc is not None:
            _stop(self._proc)

    def _read(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None
        for line in iter(proc.stdout.readline, b""):
            with self._changed:
                self._text += line.decode(errors="replace")
                self._changed.notify_all()

    def wait_for(self, summary: str, timeout: float = WAIT_S) -> tuple[str, str]:
        """(summary, body) of the first Notify call whose summary is ``summary``."""

        def match() -> tuple[str, str] | None:
            return next((c for c in _NOTIFY.findall(self._text) if c[0] == summary), None)

        with self._changed:
            found = self._changed.wait_for(match, timeout)
        if found is None:
            raise RuntimeError(f"timed out after {timeout} s waiting for notification {summary!r}")
        return found


def bus_names_of(pid: int, env: Mapping[str, str]) -> list[str]:
    """The unique bus names that process ``pid`` holds."""
    names = re.findall(r"'(:[^']*)'", _bus("ListNames", env=env))
    pids = {name: _bus("GetConnectionUnixProcessID", name, env=env) for name in names}
    return [name for name, out in pids.items() if re.search(rf"uint32 {pid}\b", out)]


def _label(quoted: str) -> str:
    """Undo GVariant text quoting, then GTK's mnemonic underscores (``__`` is a literal ``_``)."""
    text = re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), quoted[1:-1])
    return re.sub(r"_(.)", r"\1", text)


_LABEL = re.compile(r"""'label': <('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")>""")


@dataclass(frozen=True)
class TrayMenu:
    """The tray icon's menu as exported over dbusmenu, which is what a panel shows."""

    bus_name: str
    path: str
    env: Mapping[str, str]

    def _call(self, method: str, *args: str) -> str:
        cmd = ["gdbus", "call", "--session", "-d", self.bus_name, "-o", self.path, "-m"]
        return _run([*cmd, f"com.canonical.dbusmenu.{method}", "--", *args], self.env)

    def labels(self) -> dict[str, int]:
        """Label (mnemonic underscores removed) -> item id, for every item at any depth."""
        # Items read "(ID, {properties}, [children])"; split the layout at each item's start.
        parts = re.split(r"\((\d+), \{", self._call("GetLayout", "0", "-1", "@as []"))
        labels: dict[str, int] = {}
        for item_id, rest in zip(parts[1::2], parts[2::2], strict=True):
            if found := _LABEL.search(rest):
                labels.setdefault(_label(found[1]), int(item_id))
        return labels

    def click(self, label: str) -> None:
        """Click an item, as a user would in the panel's menu."""
        labels = self.labels()
        if label not in labels:
            raise RuntimeError(f"no tray menu item {label!r}; the menu has {sorted(labels)}")
        self._call("Event", str(labels[label]), "clicked", "<0>", "0")


def tray_menu(pid: int, env: Mapping[str, str], timeout: float = WAIT_S) -> TrayMenu:
    """The tray menu of process ``pid``, once the app has exported it."""

    def find() -> TrayMenu | None:
        for name in bus_names_of(pid, env):
            cmd = ["gdbus", "introspect", "--session", "-d", name, "-o", ITEM_PATH, "-r"]
            # "node PATH {" lines, each followed by that node's own interfaces.
            parts = re.split(r"^\s*node (\S+) \{$", _run(cmd, env, check=False), flags=re.M)
            for path, body in zip(parts[1::2], parts[2::2], strict=True):
                if path.endswith("/Menu") and "interface com.canonical.dbusmenu " in body:
                    return TrayMenu(name, path, dict(env))
        return None

    return _wait(f"a tray menu (com.canonical.dbusmenu) of pid {pid}", find, timeout)


def _search(criteria: list[str], env: Mapping[str, str]) -> list[int]:
    """Visible windows matching all ``criteria``; xdotool exits 1 when there are none."""
    out = _run(["xdotool", "search", "--onlyvisible", "--all", *criteria], env, check=False)
    return [int(word) for word in out.split()]


def window_ids(pid: int, env: Mapping[str, str], name: str | None = None) -> list[int]:
    """Visible windows of ``pid`` (title matching regex ``name``).

    Never by title alone: another app of the same name (the suite's shared one)
    may be on the same display.
    """
    by_name = ["--name", name] if name is not None else []
    return _search(["--pid", str(pid), *by_name], env)


def press(window: int, keys: str, env: Mapping[str, str]) -> None:
    """Focus ``window`` and press ``keys`` (xdotool names, e.g. "ctrl+n" or "Tab Return")."""
    _run(["xdotool", "windowfocus", "--sync", str(window)], env)
    _run(["xdotool", "key", "--clearmodifiers", *keys.split()], env)


def wait_for_window(name_regex: str, env: Mapping[str, str], timeout: float = WAIT_S) -> int:
    """The newest visible window whose title matches ``name_regex``, e.g. a file dialog."""

    def newest() -> int | None:
        return next(reversed(_search(["--name", name_regex], env)), None)

    return _wait(f"a window titled {name_regex!r}", newest, timeout)


def wait_window_gone(window_id: int, env: Mapping[str, str], timeout: float = WAIT_S) -> None:
    """Wait until the window is unmapped or destroyed (GTK may only hide a closed dialog)."""

    def gone() -> bool | None:  # every visible window has a name matching ""
        return window_id not in _search(["--name", ""], env) or None

    _wait(f"window {window_id} to close", gone, timeout)


def choose_file_in_dialog(dialog: int, path: Path, env: Mapping[str, str]) -> None:
    """Type a file's full path into a GTK3 file chooser and accept; return once it closes."""
    press(dialog, "ctrl+l ctrl+a", env)
    _run(["xdotool", "type", "--delay", "20", str(path)], env, timeout=WAIT_S + len(str(path)))
    for _ in range(4):  # GTK drops a Return that comes while it still completes the path
        with contextlib.suppress(RuntimeError):  # focusing fails once the dialog has closed
            press(dialog, "Return", env)
        with contextlib.suppress(RuntimeError):
            return wait_window_gone(dialog, env, timeout=1.5)
    raise RuntimeError(f"file dialog {dialog} did not accept {path} (a folder is opened)")


def cancel_dialog(dialog: int, env: Mapping[str, str]) -> None:
    """Dismiss a dialog the way a user would."""
    press(dialog, "Escape", env)


def geometry(window: int, env: Mapping[str, str]) -> tuple[int, int, int, int]:
    """(x, y, width, height) of the window, in root coordinates."""
    out = _run(["xdotool", "getwindowgeometry", "--shell", str(window)], env)
    values = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    return int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"])


def move_and_resize(
    window: int, x: int, y: int, width: int, height: int, env: Mapping[str, str]
) -> None:
    """Place the window (no WM: xdotool sets it; --sync waits for a change, so skip no-ops)."""
    now = geometry(window, env)
    if now[:2] != (x, y):
        _run(["xdotool", "windowmove", "--sync", str(window), str(x), str(y)], env)
    if now[2:] != (width, height):
        _run(["xdotool", "windowsize", "--sync", str(window), str(width), str(height)], env)
    want = (x, y, width, height)
    _wait(f"window {window} at {want}", lambda: geometry(window, env) == want or None)
