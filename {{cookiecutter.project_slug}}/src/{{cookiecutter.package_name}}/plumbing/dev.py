"""Dev mode in one command: ``npm run dev`` runs ``python -m <package>.plumbing.dev``.

It starts Vite, then the app with ``app.DEV_SERVER_ENV`` pointing at it: an edit
under ``web/`` reaches the page through Vite's hot reload while Python keeps
running. It watches the package's Python files, ``Tauri.toml`` and
``capabilities/`` (with ``watchfiles``); on a save it compile-checks the changed
files, restarts the app, prints how long the new app took to answer, then
regenerates the typed client if the project has one (``plumbing/codegen.py``).

A file that does not compile is reported and the old app keeps running (you can
still use it) until a save that compiles. An app that fails at start prints its
error; the next save starts it again. Closing the window ends dev mode, and so
does Ctrl+C, which stops every process it started. The window keeps its place
across restarts (``.dev-window.json``, git-ignored): ``app.py`` calls
``instrument`` (at the end) in dev mode only.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import shlex
import signal
import subprocess
import sys
import tempfile
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

PACKAGE = "{{ cookiecutter.package_name }}"
PACKAGE_DIR = Path(__file__).resolve().parents[1]
PROJECT_DIR = PACKAGE_DIR.parents[1]  # src/<package>/ -> the project
DEV_SERVER_ENV = f"{PACKAGE.upper()}_DEV_SERVER"  # app.DEV_SERVER_ENV: the page's URL
READY_FILE_ENV = f"{PACKAGE.upper()}_DEV_READY_FILE"  # the app writes when it first answered
WINDOW_FILE_ENV = f"{PACKAGE.upper()}_DEV_WINDOW_FILE"  # the app keeps its window's place there
WINDOW_FILE = PROJECT_DIR / ".dev-window.json"
TICK_MS = 250  # how often the loop wakes up without a save, to notice answers and exits
STOP_TIMEOUT_S = 5.0  # how long a child gets to exit after SIGTERM before it is killed

# The next app, started ahead: it does the slow imports (most of a start-up) while
# you edit, then waits for a line on stdin before it imports and runs your code.
# No line (the supervisor is gone) and it just exits.
SPARE = f"""
import runpy, sys
import anyio, pydantic, pytauri, pytauri_wheel.lib
if sys.stdin.readline():
    runpy.run_module({PACKAGE!r}, run_name="__main__", alter_sys=True)
"""


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)  # flush: the output may be a pipe (a test, an IDE)


def is_watched(change: object, path: str) -> bool:
    """Whether a changed file restarts the app (a ``watchfiles`` filter): the app reads these
    once, at start. Not ``frontend/`` (a build, unused in dev mode), nor editors' hidden files."""
    try:
        parts = Path(path).relative_to(PACKAGE_DIR).parts
    except ValueError:
        return False
    if not parts or parts[0] == "frontend" or "__pycache__" in parts:
        return False
    if any(part.startswith(".") for part in parts):
        return False
    return parts[-1].endswith(".py") or parts[-1] == "Tauri.toml" or "capabilities" in parts[:-1]


def syntax_error(path: Path) -> str | None:
    """The error that stops ``path`` compiling, as Python prints it; None if it compiles.

    Compiling takes milliseconds and runs nothing. A mistake that shows only when
    the module runs (a misspelt name) makes the new app fail at start instead.
    """
    if path.suffix != ".py" or not path.is_file():
        return None
    try:
        compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as error:  # ValueError: a NUL byte in the source
        return "".join(traceback.format_exception_only(type(error), error)).rstrip()
    return None


def vite_command(port: int) -> list[str]:
    name = "vite.cmd" if sys.platform == "win32" else "vite"
    return [str(PROJECT_DIR / "node_modules" / ".bin" / name), "--port", str(port), "--strictPort"]


def app_command(override: str | None = None) -> list[str]:
    """``python -m <package>``, or ``--app-command`` (the e2e test starts it through WebDriver)."""
    if override:
        return shlex.split(override, posix=sys.platform != "win32")
    return [sys.executable, "-m", PACKAGE]


def codegen_command() -> list[str] | None:
    """The typed client's generator, when the project has one."""
    exists = (PACKAGE_DIR / "plumbing" / "codegen.py").is_file()
    return [sys.executable, "-m", f"{PACKAGE}.plumbing.codegen"] if exists else None


def start(
    command: Sequence[str],
    env: Mapping[str, str] | None = None,
    capture: bool = False,
    stdin: int = subprocess.DEVNULL,  # no keyboard: Vite's shortcuts would compete with Ctrl+C
) -> subprocess.Popen[bytes]:
    """Start a child in a process group of its own, which ``stop`` ends with its own children
    (WebKit's helpers, Vite's workers); Ctrl+C in the terminal then reaches only this supervisor."""
    return subprocess.Popen(
        list(command),
        cwd=PROJECT_DIR,
        env={**os.environ, **(env or {})},
        stdin=stdin,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.STDOUT if capture else None,
        start_new_session=sys.platform != "win32",
        # Windows has no sessions: a new process group there (stop() ends its tree).
        creationflags=getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0),
    )


def stop(process: subprocess.Popen[bytes], timeout: float = STOP_TIMEOUT_S) -> None:
    """End a child's whole process group: SIGTERM, then SIGKILL after ``timeout``."""
    if sys.platform == "win32":  # no process groups to signal: taskkill /T ends the tree
        subprocess.run(["taskkill", "/T", "/F", "/PID", str(process.pid)], capture_output=True)
        process.wait()
        return
    with contextlib.suppress(ProcessLookupError):  # the whole group is gone already
        os.killpg(process.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout)
    # Also when the leader has exited: a member that outlived it must not linger.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def wait_for_server(url: str, server: subprocess.Popen[bytes], stopping: threading.Event) -> bool:
    while not stopping.is_set() and server.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return True
        except OSError:  # not listening yet
            time.sleep(0.1)
    return False


# --- the supervisor --------------------------------------------------------------


class Supervisor:
    """Runs the app, restarts it on each save that compiles, times it, regenerates the client."""

    def __init__(self, command: list[str] | None, env: Mapping[str, str], ready: Path) -> None:
        self.command = command  # None: `python -m <package>`, from a SPARE when one is ready
        self.env = {**env, READY_FILE_ENV: str(ready)}
        self.codegen, self.ready = codegen_command(), ready
        self.app: subprocess.Popen[bytes] | None = None
        self.spare: subprocess.Popen[bytes] | None = None
        self.generator: subprocess.Popen[bytes] | None = None
        self.broken: set[Path] = set()  # checked again on every save until they compile
        self.since: tuple[str, float] | None = None  # what the new app is timed from
        self.client_due = False

    def start_app(self, since: str = "launch", at: float | None = None) -> None:
        self.ready.unlink(missing_ok=True)
        self.since = (since, time.time() if at is None else at)
        spare, self.spare = self.spare, None
        if spare is not None and spare.stdin is not None:
            with contextlib.suppress(OSError):  # the spare has died (broken pipe)
                spare.stdin.write(b"go\n")
                spare.stdin.close()
                self.app = spare
                return
            stop(spare)
        self.app = start(self.command or app_command(), self.env)

    def on_save(self, paths: Iterable[Path], saved_at: float) -> bool:
        """Check the saved files and restart the app; False if it did not restart."""
        checked = sorted(self.broken | set(paths))  # a deleted file has no error any more
        errors = {path: error for path in checked if (error := syntax_error(path))}
        self.broken = set(errors)
        for error in errors.values():
            say(f"does not compile; the app keeps running until a save that does:\n{error}")
        if errors:
            return False
        if self.app is not None:
            stop(self.app)
        say("restarting the app")
        self.start_app("the save", saved_at)
        self.client_due = self.codegen is not None
        return True

    def poll(self) -> bool:
        """Time the app, prepare the next one, report exits; False when dev mode should end."""
        if self.since is not None and self.ready.is_file():
            what, at = self.since
            answered = float(self.ready.read_text(encoding="utf-8"))
            say(f"the app answered its first command {answered - at:.2f} s after {what}")
            self.since = None
        if self.since is None or self.app is None:  # the new app has answered, or failed
            self._prepare()
        if self.generator is not None and self.generator.poll() is not None:
            output = self.generator.communicate()[0].decode(errors="replace").strip()
            if self.generator.returncode:
                say(f"the typed client could not be regenerated:\n{output}")
            elif "updated" in output:
                say(f"regenerated the typed client: {output}")
            self.generator = None
        if self.app is None or self.app.poll() is None:
            return True
        code, self.app = self.app.returncode, None
        if code == 0:
            say("the window was closed: dev mode stops")
            return False
        say(f"the app exited with code {code} (its error is above); save a file to restart it")
        return True

    def _prepare(self) -> None:
        # Once the new app has answered, not beside its start: on 2 cores the
        # spare's imports and the generator (json2ts once per module) slowed it
        # down. The page picks up a regenerated client through Vite.
        if self.command is None and self.spare is None:
            self.spare = start([sys.executable, "-c", SPARE], self.env, stdin=subprocess.PIPE)
        if self.client_due and self.codegen:
            self.client_due = False
            if self.generator is not None:
                stop(self.generator)
            self.generator = start(self.codegen, capture=True)

    def close(self) -> None:
        for process in (self.generator, self.spare, self.app):
            if process is not None:
                stop(process)


def saved_at(paths: Iterable[Path]) -> float:
    """When the newest of these files was saved: a restart is timed from the save itself."""
    return max((path.stat().st_mtime for path in paths if path.exists()), default=time.time())


def run(port: int, command: list[str] | None) -> int:
    import watchfiles  # a dev dependency: the app imports this module without it

    stopping = threading.Event()
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):  # SIGHUP: the terminal closed (not on Windows)
        if hasattr(signal, name):
            # Only a flag: the loop notices it within a tick and stops the
            # children in turn, wherever the signal interrupted it.
            signal.signal(getattr(signal, name), lambda signum, frame: stopping.set())
    parent = os.getppid()
    url = f"http://localhost:{port}"
    env = {DEV_SERVER_ENV: url, WINDOW_FILE_ENV: str(WINDOW_FILE)}
    with tempfile.TemporaryDirectory(prefix="dev-") as scratch:
        supervisor = Supervisor(command, env, Path(scratch) / "ready")
        if not Path(vite_command(port)[0]).is_file():
            say("node_modules/.bin/vite is missing: run `npm install` first")
            return 1
        vite = start(vite_command(port))
        try:
            if not wait_for_server(url, vite, stopping):
                if not stopping.is_set():
                    say(f"Vite exited with code {vite.returncode} before serving {url}")
                return 0 if stopping.is_set() else 1
            say(f"Vite serves the page at {url}; starting the app")
            supervisor.start_app()
            say(f"watching {PACKAGE_DIR.relative_to(PROJECT_DIR)}/ (Ctrl+C stops dev mode)")
            for changes in watchfiles.watch(
                PACKAGE_DIR,
                watch_filter=is_watched,
                stop_event=stopping,
                rust_timeout=TICK_MS,
                yield_on_timeout=True,
                raise_interrupt=False,
            ):
                if vite.poll() is not None:
                    say(f"Vite exited with code {vite.returncode}: dev mode stops")
                    return 1
                if os.getppid() != parent:  # npm was killed and passed no signal on
                    return 0
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
        prog=f"python -m {PACKAGE}.plumbing.dev", description="Vite, the app, a restart per save."
    )
    parser.add_argument("--port", type=int, default=1420, help="Vite's (vite.config.ts: 1420)")
    parser.add_argument(
        "--app-command", help="run this instead of `python -m <package>` (the e2e test does)"
    )
    args = parser.parse_args(argv)
    return run(args.port, app_command(args.app_command) if args.app_command else None)


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


def write_atomically(path: Path, text: str) -> None:
    # Through a temporary file: the app may be killed mid-write, the supervisor
    # may read mid-write; either would find half a file.
    scratch = path.with_name(f"{path.name}.tmp")
    scratch.write_text(text, encoding="utf-8")
    scratch.replace(path)


def follow_window(window: WebviewWindow, path: Path) -> None:
    """Put the window where the last one was, and record where this one goes."""
    from pytauri import Position, Size, WindowEvent, WindowEventType

    place = read_geometry(path)
    if place is not None:
        window.set_size(Size.Physical((place.width, place.height)))
        window.set_position(Position.Physical((place.x, place.y)))

    def record(event: WindowEventType) -> None:
        # Each time: the app is killed at the next restart, so no "last" event comes.
        if isinstance(event, (WindowEvent.Moved, WindowEvent.Resized)):
            (x, y), (width, height) = window.outer_position(), window.inner_size()
            if width and height:  # 0 x 0 while minimised
                with contextlib.suppress(OSError):
                    write_atomically(path, json.dumps(asdict(Geometry(x, y, width, height))))

    window.on_window_event(record)


def instrument(
    invoke_handler: Callable[[Invoke], None],
    on_setup: Callable[[AppHandle], None],
    window_label: str,
) -> tuple[Callable[[Invoke], None], Callable[[AppHandle], None]]:
    """The app's hooks in dev mode: keep the window's place, tell when it first answers."""
    window_file = os.environ.get(WINDOW_FILE_ENV)
    ready_file = os.environ.get(READY_FILE_ENV)
    calls = itertools.count()  # next() on it is atomic: Tauri calls from several threads

    def timed(invoke: Invoke) -> None:
        invoke_handler(invoke)
        if ready_file and next(calls) == 0:
            # The command is on the loop now; its answer follows within a millisecond.
            with contextlib.suppress(OSError):
                write_atomically(Path(ready_file), repr(time.time()))

    def setup_and_follow(app_handle: AppHandle) -> None:
        from pytauri import Manager

        on_setup(app_handle)
        window = Manager.get_webview_window(app_handle, window_label)
        if window is not None and window_file:
            follow_window(window, Path(window_file))

    return timed, setup_and_follow


if __name__ == "__main__":
    sys.exit(main())
