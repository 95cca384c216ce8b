"""What the desktop example needs from the machine, checked before it is used.

On Linux three things may be missing, and none of them may crash the app or
fail in silence:

* the tray library (``libayatana-appindicator3-1``): without it Tauri panics
  the moment a tray icon is made, so the app checks first and goes without;
* the D-Bus session bus: without it one-instance does nothing (a second
  launch starts a second app) and notifications vanish;
* a notification service on that bus: without it a notification is accepted
  and never shown.

Each check answers ``None`` (all is well) or one line saying what is missing
and how to get it. macOS and Windows have all three built in.

It also reads the files a launch names (``files_in``), the first launch's and
the arguments a second launch hands over.
"""

from __future__ import annotations

import ctypes
import functools
import os
import sys
from collections.abc import Sequence
from pathlib import Path

TRAY_LIBRARIES = ("libayatana-appindicator3.so.1", "libappindicator3.so.1")
"""What Tauri loads on Linux for a tray icon, in its order of preference."""
NOTIFICATIONS = "org.freedesktop.Notifications"
BUS_TIMEOUT_S = 2.0


def on_linux() -> bool:
    return sys.platform.startswith("linux")


@functools.cache
def tray_problem() -> str | None:
    """Why there can be no tray icon, or None."""
    if not on_linux():
        return None
    for name in TRAY_LIBRARIES:
        try:
            ctypes.CDLL(name)
        except OSError:
            continue
        return None
    return (
        "No tray icon: libayatana-appindicator3-1 is not installed "
        "(Debian/Ubuntu: sudo apt install libayatana-appindicator3-1)."
    )


def session_bus_problem() -> str | None:
    """Why the D-Bus session bus cannot be reached, or None."""
    if not on_linux():
        return None
    if not _bus_found():
        return "No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)."
    try:
        _has_owner("org.freedesktop.DBus")
    except Exception as error:  # any failure to talk to the bus says the same
        return f"The D-Bus session bus does not answer ({error})."
    return None


def notification_problem() -> str | None:
    """Why a notification would not be shown, or None."""
    if not on_linux():
        return None
    bus = session_bus_problem()
    if bus is not None:
        return f"Notifications cannot be shown: {bus}"
    try:
        if _has_owner(NOTIFICATIONS) or _activatable(NOTIFICATIONS):
            return None
    except Exception as error:
        return f"Notifications cannot be shown: the session bus failed ({error})."
    return (
        "Notifications cannot be shown: no notification service runs on the session bus "
        "(a desktop session starts one; Debian/Ubuntu: apt install notification-daemon)."
    )


def single_instance_problem() -> str | None:
    """Why a second launch would start a second app, or None."""
    bus = session_bus_problem()
    if bus is None:
        return None
    return f"One instance is not enforced: {bus} A second launch starts a second app."


def launch_arguments(argv: Sequence[str]) -> list[str]:
    """The arguments a launch was given, without the program (nor ``-m <package>``)."""
    args = list(argv[1:])
    if args[:1] == ["-m"]:
        args = args[2:]
    return args


def files_in(args: Sequence[str], cwd: str) -> list[Path]:
    """The arguments that name existing files, relative to ``cwd``."""
    paths = (Path(cwd, arg) for arg in args if arg and not arg.startswith("-"))
    return [path.resolve() for path in paths if path.is_file()]


def _bus_found() -> bool:
    """The variable a desktop session sets, or systemd's per-user socket."""
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return True
    return os.path.exists(f"/run/user/{os.getuid()}/bus")


def _call_bus(method: str, *args: str) -> tuple[object, ...]:
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    # jeepney has no type hints: hence the two ignores.
    bus = DBusAddress(  # type: ignore[no-untyped-call]
        "/org/freedesktop/DBus", bus_name="org.freedesktop.DBus", interface="org.freedesktop.DBus"
    )
    call = new_method_call(bus, method, "s" * len(args) or None, args)  # type: ignore[no-untyped-call]
    with open_dbus_connection(bus="SESSION") as connection:
        reply = connection.send_and_get_reply(call, timeout=BUS_TIMEOUT_S)
    return tuple(reply.body)


def _has_owner(name: str) -> bool:
    return bool(_call_bus("NameHasOwner", name)[0])


def _activatable(name: str) -> bool:
    names = _call_bus("ListActivatableNames")[0]
    return isinstance(names, list) and name in names
