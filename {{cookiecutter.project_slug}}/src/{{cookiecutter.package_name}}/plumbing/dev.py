"""Dev mode in one command: ``npm run dev`` runs ``python -m {{ cookiecutter.package_name }}.plumbing.dev``.

This small supervisor:

1. starts Vite (``node_modules/.bin/vite``) and waits until it serves the page;
2. starts the app with ``{{ cookiecutter.package_name | upper }}_DEV_SERVER`` pointing at Vite, so the page comes
   from Vite: an edit under ``web/`` reaches the page through Vite's hot reload,
   and Python keeps running;
3. watches the package's Python files, ``Tauri.toml`` and ``capabilities/``
   (with the ``watchfiles`` library). On a save it compile-checks the changed
   files, regenerates the typed client if the project has one
   (``plumbing/codegen.py``) and restarts the app. The new app logs how long
   it took from the save to its first command.

A file that does not compile is reported and nothing restarts: the old app
keeps running (you can still use it) until a save that compiles. An app that
fails at start prints its error; the next save starts it again. Closing the
window ends dev mode; so does Ctrl+C, which stops every process it started.

In dev mode the app also keeps its window's place in ``.dev-window.json``
(git-ignored), so each restart opens where the last window was
(``instrument``, called by ``app.py`` only in dev mode).
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import logging
import os
import shlex
import signal
import subprocess
import sys
import threading
import time
import traceback
import urllib.request
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the supervisor never loads pytauri; only the app does
    from pytauri import AppHandle
    from pytauri.ipc import Invoke
    from pytauri.webview import WebviewWindow

logger = logging.getLogger(__name__)

PACKAGE = "{{ cookiecutter.package_name }}"
PACKAGE_DIR = Path(__file__).resolve().parents[1]
PROJECT_DIR = PACKAGE_DIR.parents[1]  # src/<package>/ -> the project
DEV_SERVER_ENV = "{{ cookiecutter.package_name | upper }}_DEV_SERVER"
"""The app loads its page from this URL (the same name as ``app.DEV_SERVER_ENV``)."""
SAVED_AT_ENV = "{{ cookiecutter.package_name | upper }}_DEV_SAVED_AT"
"""When the save that restarted the app happened (``time.time()``): the app times its restart."""
WINDOW_FILE_ENV = "{{ cookiecutter.package_name | upper }}_DEV_WINDOW_FILE"
"""Where the app keeps its window's position and size between restarts."""
WINDOW_FILE = PROJECT_DIR / ".dev-window.json"
DEFAULT_PORT = 1420  # vite.config.ts: server.port
STOP_TIMEOUT_S = 5.0
"""How long a child gets to exit after SIGTERM before it is killed."""


def say(message: str) -> None:
    # flush: the output may be a pipe (a test, an IDE), where Python buffers.
    print(f"[dev] {message}", flush=True)


# --- what to watch and how to check it ----------------------------------------


def is_watched(change: object, path: str) -> bool:
    """Whether a changed file should restart the app (a ``watchfiles`` filter).

    Python files, ``Tauri.toml`` and ``capabilities/`` are read once at start,
    so only a restart applies them. ``frontend/`` is Vite's build output (the
    page comes from Vite in dev mode) and ``__pycache__/`` is Python's own;
    hidden files are editors' swap and lock files.
    """
    try:
        relative = Path(path).resolve().relative_to(PACKAGE_DIR)
    except ValueError:
        return False
    parts = relative.parts
    if not parts or parts[0] == "frontend" or "__pycache__" in parts:
        return False
    if any(part.startswith(".") for part in parts):
        return False
    name = parts[-1]
    return name.endswith(".py") or name == "Tauri.toml" or "capabilities" in parts[:-1]


def syntax_error(path: Path) -> str | None:
    """The error that stops ``path`` compiling, as Python prints it; None if it compiles.

    Compiling finds syntax errors in a few milliseconds, without importing
    anything; a mistake that shows only at import (a wrong name) makes the new
    app fail at start instead, and it prints the traceback itself.
    """
    if path.suffix != ".py" or not path.is_file():
        return None
    try:
        compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as error:  # ValueError: a NUL byte in the source
        return "".join(traceback.format_exception_only(type(error), error)).rstrip()
    return None


# --- commands and processes ----------------------------------------------------


def vite_command(port: int) -> list[str]:
    name = "vite.cmd" if os.name == "nt" else "vite"
    return [str(PROJECT_DIR / "node_modules" / ".bin" / name), "--port", str(port), "--strictPort"]


def app_command(override: str | None = None) -> list[str]:
    """``python -m <package>``, or ``--app-command`` (the e2e test starts it through WebDriver)."""
    if override:
        return shlex.split(override, posix=os.name != "nt")
    return [sys.executable, "-m", PACKAGE]


def codegen_command() -> list[str] | None:
    """The typed client's generator, when the project has one."""
    if not (PACKAGE_DIR / "plumbing" / "codegen.py").is_file():
        return None
    return [sys.executable, "-m", f"{PACKAGE}.plumbing.codegen"]


def start(
    command: Sequence[str], env: Mapping[str, str] | None = None, capture: bool = False
) -> subprocess.Popen[bytes]:
    """Start a child in a process group of its own (``capture``: keep its output).

    The group is what ``stop`` ends: the child's own children too (WebKit's
    helper processes, Vite's workers). And Ctrl+C in the terminal reaches only
    this supervisor, which then stops each group in order.
    """
    flags = 0
    if sys.platform == "win32":  # no sessions there: a new process group (stop() ends its tree)
        flags = subprocess.CREATE_NEW_PROCESS_GROUP
    return subprocess.Popen(
        list(command),
        cwd=PROJECT_DIR,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,  # Vite's keyboard shortcuts would compete with Ctrl+C
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.STDOUT if capture else None,
        start_new_session=sys.platform != "win32",
        creationflags=flags,
    )


def stop(process: subprocess.Popen[bytes], timeout: float = STOP_TIMEOUT_S) -> None:
    """End a child's whole process group: SIGTERM, then SIGKILL after ``timeout``."""
    if sys.platform == "win32":
        # No process groups to signal: taskkill /T ends the process tree.
        subprocess.run(["taskkill", "/T", "/F", "/PID", str(process.pid)], capture_output=True)
        process.wait()
        return
    with contextlib.suppress(ProcessLookupError):  # the whole group is gone already
        os.killpg(process.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout)
    # Also when the leader exited: a member that outlived it must not linger.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def wait_for_server(url: str, server: subprocess.Popen[bytes], stopping: threading.Event) -> bool:
    """Wait until ``url`` answers; False if the server exited or dev mode was stopped."""
    while not stopping.is_set() and server.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return True
        except OSError:  # not listening yet
            time.sleep(0.1)
    return False


# --- the supervisor --------------------------------------------------------------


class Supervisor:
    """Runs the app, and restarts it on each save that compiles."""

    def __init__(
        self, command: Sequence[str], env: Mapping[str, str], codegen: Sequence[str] | None
    ) -> None:
        self.command = list(command)
        self.env = dict(env)
        self.codegen = list(codegen) if codegen else None
        self.app: subprocess.Popen[bytes] | None = None
        self.generator: subprocess.Popen[bytes] | None = None
        self.broken: set[Path] = set()
        """Files that did not compile: checked again on every save until they do."""

    def start_app(self, saved_at: float | None = None) -> None:
        env = dict(self.env)
        if saved_at is not None:
            env[SAVED_AT_ENV] = repr(saved_at)
        self.app = start(self.command, env)

    def on_save(self, paths: Iterable[Path], saved_at: float) -> bool:
        """Check the saved files, regenerate the client, restart; False if nothing restarted."""
        self.broken = {path for path in self.broken if path.is_file()} | set(paths)
        errors = {path: syntax_error(path) for path in sorted(self.broken)}
        self.broken = {path for path, error in errors.items() if error}
        if self.broken:
            for error in errors.values():
                if error:
                    say(f"does not compile; the app keeps running until a save that does:\n{error}")
            return False
        if self.codegen:
            # Beside the restart, not before it: the new app starts meanwhile
            # (on 2 cores this finished sooner than one after the other).
            if self.generator is not None:
                stop(self.generator)
            self.generator = start(self.codegen, capture=True)
        if self.app is not None:
            stop(self.app)
        say("restarting the app")
        self.start_app(saved_at)
        return True

    def poll(self) -> bool:
        """Report children that finished; False when dev mode should end (window closed)."""
        if self.generator is not None and self.generator.poll() is not None:
            output = self.generator.communicate()[0].decode(errors="replace").strip()
            if self.generator.returncode:
                say(f"the typed client could not be regenerated:\n{output}")
            elif "updated" in output:
                say(f"typed client {output}")
            self.generator = None
        if self.app is None or self.app.poll() is None:
            return True
        code = self.app.returncode
        self.app = None
        if code == 0:
            say("the window was closed: dev mode stops")
            return False
        say(f"the app exited with code {code} (its error is above); save a file to restart it")
        return True

    def close(self) -> None:
        for process in (self.generator, self.app):
            if process is not None:
                stop(process)
        self.generator = self.app = None


def saved_at(paths: Iterable[Path]) -> float:
    """When the newest of these files was saved: a restart is timed from the save itself."""
    times = [path.stat().st_mtime for path in paths if path.exists()]
    return max(times, default=time.time())


def run(port: int, command: Sequence[str]) -> int:
    import watchfiles  # a dev dependency; the app imports this module without it

    stopping = threading.Event()

    def request_stop(signum: int, frame: object) -> None:
        # Only set a flag: the loop below notices within half a second and
        # stops the children in order, wherever the signal interrupted it.
        stopping.set()

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), request_stop)

    url = f"http://localhost:{port}"
    env = {DEV_SERVER_ENV: url, WINDOW_FILE_ENV: str(WINDOW_FILE)}
    supervisor = Supervisor(command, env, codegen_command())
    vite = start(vite_command(port))
    try:
        if not wait_for_server(url, vite, stopping):
            if not stopping.is_set():
                say(f"Vite exited with code {vite.returncode} before serving {url}")
                return 1
            return 0
        say(f"Vite serves the page at {url}; starting the app")
        supervisor.start_app()
        say(f"watching {PACKAGE_DIR.relative_to(PROJECT_DIR)}/ (Ctrl+C stops dev mode)")
        for changes in watchfiles.watch(
            PACKAGE_DIR,
            watch_filter=is_watched,
            stop_event=stopping,
            rust_timeout=500,  # wake up twice a second to notice exits
            yield_on_timeout=True,
            raise_interrupt=False,
        ):
            if vite.poll() is not None:
                say(f"Vite exited with code {vite.returncode}: dev mode stops")
                return 1
            if changes:
                paths = {Path(path) for _, path in changes}
                supervisor.on_save(paths, saved_at(paths))
            if not supervisor.poll():
                return 0
        return 0
    finally:
        say("stopping")
        supervisor.close()
        stop(vite)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=f"python -m {__name__}", description="Dev mode: Vite, the app, restarts on save."
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="Vite's port (1420)")
    parser.add_argument(
        "--app-command",
        help="run this instead of `python -m <package>` (the e2e test's WebDriver relay)",
    )
    args = parser.parse_args(argv)
    return run(args.port, app_command(args.app_command))


# --- inside the app, in dev mode --------------------------------------------------


@dataclass(frozen=True)
class Geometry:
    """A window's outer position and inner size, in physical pixels."""

    x: int
    y: int
    width: int
    height: int


def read_geometry(path: Path) -> Geometry | None:
    try:
        return Geometry(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):  # none yet, or not ours: the default place
        return None


def write_geometry(path: Path, geometry: Geometry) -> None:
    # Through a temporary file: the app is killed at each restart, maybe mid-write.
    scratch = path.with_name(f"{path.name}.tmp")
    scratch.write_text(json.dumps(asdict(geometry)), encoding="utf-8")
    scratch.replace(path)


def follow_window(window: WebviewWindow, path: Path) -> None:
    """Put the window where the last one was, and record where this one goes."""
    from pytauri import Position, Size, WindowEvent, WindowEventType

    place = read_geometry(path)
    if place is not None:
        window.set_size(Size.Physical((place.width, place.height)))
        window.set_position(Position.Physical((place.x, place.y)))

    def record(event: WindowEventType) -> None:
        # Every move: the app is killed at the next restart, so there is no "last" event.
        if isinstance(event, (WindowEvent.Moved, WindowEvent.Resized)):
            (x, y), (width, height) = window.outer_position(), window.inner_size()
            if width and height:  # 0 x 0 while minimised
                with contextlib.suppress(OSError):
                    write_geometry(path, Geometry(x, y, width, height))

    window.on_window_event(record)


def instrument(
    invoke_handler: Callable[[Invoke], None],
    on_setup: Callable[[AppHandle], None],
    window_label: str,
) -> tuple[Callable[[Invoke], None], Callable[[AppHandle], None]]:
    """The app's hooks in dev mode: keep the window's place, time the restart."""
    window_file = os.environ.get(WINDOW_FILE_ENV)
    saved = os.environ.get(SAVED_AT_ENV)
    calls = itertools.count()  # next() on it is atomic: Tauri calls from several threads

    def timed(invoke: Invoke) -> None:
        invoke_handler(invoke)
        if saved and next(calls) == 0:
            # The command is on its way; its answer follows within a millisecond.
            logger.info("restart took %.2f s (save to first command)", time.time() - float(saved))

    def setup_and_follow(app_handle: AppHandle) -> None:
        from pytauri import Manager

        on_setup(app_handle)
        window = Manager.get_webview_window(app_handle, window_label)
        if window is not None and window_file:
            follow_window(window, Path(window_file))

    return timed, setup_and_follow


if __name__ == "__main__":
    sys.exit(main())
