"""Unit tests for plumbing/dev.py (``npm run dev``), without a display: small dummy
programs stand in for the app, Vite and the client generator. The real thing is
tested end to end in tests/e2e/test_dev_e2e.py."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from pytauri import WindowEvent

from {{ cookiecutter.package_name }} import app
from {{ cookiecutter.package_name }}.plumbing import dev
from {{ cookiecutter.package_name }}.plumbing.dev import PACKAGE_DIR, Geometry, Supervisor

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="process groups are POSIX")


def eventually(condition: Callable[[], object], timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {condition}"
        time.sleep(0.02)


def poll_until(supervisor: Supervisor, capsys: pytest.CaptureFixture[str], text: str) -> None:
    """Poll as the supervisor's loop does until it has printed ``text``."""
    seen: list[str] = []

    def printed() -> bool:
        supervisor.poll()
        seen.append(capsys.readouterr().out)
        return text in "".join(seen)

    eventually(printed)


def running(process: subprocess.Popen[bytes] | None) -> bool:
    return process is not None and process.poll() is None


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has exited; only its parent has not collected it yet.
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "State:\tZ" in status.read_text())


# --- what is watched ------------------------------------------------------------


@pytest.mark.parametrize(
    ("relative", "watched"),
    [
        ("commands.py", True),
        ("plumbing/dispatch.py", True),
        ("Tauri.toml", True),
        ("capabilities/default.toml", True),
        ("capabilities/more.json", True),
        ("frontend/index.html", False),  # Vite's build: the page comes from Vite
        ("frontend/assets/x.py", False),
        ("__pycache__/commands.cpython-311.pyc", False),
        ("plumbing/__pycache__/dev.cpython-311.pyc", False),
        (".#commands.py", False),  # an editor's lock file
        ("commands.py~", False),
        ("commands.py.swp", False),
        ("icons/icon.png", False),
    ],
)
def test_the_watch_filter_keeps_what_the_app_reads_at_start(relative: str, watched: bool) -> None:
    assert dev.is_watched(None, str(PACKAGE_DIR / relative)) is watched


def test_the_watch_filter_ignores_files_outside_the_package() -> None:
    assert not dev.is_watched(None, str(dev.PROJECT_DIR / "web" / "main.ts"))
    assert not dev.is_watched(None, str(dev.PROJECT_DIR / "tests" / "test_app.py"))


# --- the syntax check -----------------------------------------------------------


def test_a_file_that_compiles_has_no_error(tmp_path: Path) -> None:
    good = tmp_path / "good.py"
    good.write_text("def greet(name: str) -> str:\n    return name\n")
    assert dev.syntax_error(good) is None


def test_a_syntax_error_is_reported_as_python_prints_it(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("x = 1\ndef broken(:\n    pass\n")
    error = dev.syntax_error(bad)
    assert error is not None
    assert str(bad) in error
    assert "line 2" in error
    assert "SyntaxError" in error


def test_the_check_runs_nothing_and_skips_what_is_not_python(tmp_path: Path) -> None:
    runs = tmp_path / "runs.py"
    runs.write_text(f"open({str(tmp_path / 'ran')!r}, 'w')\nundefined_name\n")
    assert dev.syntax_error(runs) is None  # compiles; the mistake shows only when it runs
    assert not (tmp_path / "ran").exists()
    (tmp_path / "Tauri.toml").write_text("not = python (")
    assert dev.syntax_error(tmp_path / "Tauri.toml") is None
    assert dev.syntax_error(tmp_path / "deleted.py") is None
    (tmp_path / "nul.py").write_bytes(b"x = 1\x00\n")
    assert dev.syntax_error(tmp_path / "nul.py") is not None


# --- command lines and names ----------------------------------------------------


def test_vite_runs_from_node_modules_on_the_chosen_port() -> None:
    command = dev.vite_command(1431)
    assert Path(command[0]).parent == dev.PROJECT_DIR / "node_modules" / ".bin"
    assert Path(command[0]).name in ("vite", "vite.cmd")
    assert command[1:] == ["--port", "1431", "--strictPort"]


def test_the_app_is_the_package_unless_another_command_is_given() -> None:
    assert app.__package__ == dev.PACKAGE
    assert dev.app_command() == [sys.executable, "-m", dev.PACKAGE]
    assert dev.app_command("python relay.py 'a b'") == ["python", "relay.py", "a b"]


def test_the_client_is_regenerated_only_where_there_is_a_generator() -> None:
    has_generator = (PACKAGE_DIR / "plumbing" / "codegen.py").is_file()
    command = dev.codegen_command()
    assert (command is not None) == has_generator
    if command is not None:
        assert command == [sys.executable, "-m", f"{dev.PACKAGE}.plumbing.codegen"]


def test_the_dev_server_variable_is_the_apps() -> None:
    assert dev.DEV_SERVER_ENV == app.DEV_SERVER_ENV


def test_a_save_is_timed_from_the_newest_files_mtime(tmp_path: Path) -> None:
    old, new = tmp_path / "old.py", tmp_path / "new.py"
    old.write_text("")
    new.write_text("")
    os.utime(old, (1000, 1000))
    os.utime(new, (2000, 2000))
    assert dev.saved_at([old, new, tmp_path / "gone.py"]) == 2000
    assert abs(dev.saved_at([tmp_path / "gone.py"]) - time.time()) < 5


# --- processes ------------------------------------------------------------------

PARENT_OF_A_SLEEPER = """
import subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
print(child.pid, flush=True)
time.sleep(60)
"""


@posix_only
def test_stop_ends_the_childs_children_too() -> None:
    parent = dev.start([sys.executable, "-c", PARENT_OF_A_SLEEPER], capture=True)
    assert parent.stdout is not None
    grandchild = int(parent.stdout.readline())
    assert os.getpgid(parent.pid) == parent.pid != os.getpgid(0)  # a group of its own
    dev.stop(parent)
    assert parent.returncode == -signal.SIGTERM
    eventually(lambda: not alive(grandchild))


@posix_only
def test_a_child_that_ignores_sigterm_is_killed_after_the_timeout() -> None:
    stubborn = (
        "import signal, time\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "print('ignoring', flush=True)\n"
        "time.sleep(60)\n"
    )
    child = dev.start([sys.executable, "-c", stubborn], capture=True)
    assert child.stdout is not None
    child.stdout.readline()  # its handler is in place
    started = time.monotonic()
    dev.stop(child, timeout=0.5)
    assert child.returncode == -signal.SIGKILL
    assert time.monotonic() - started < 5


def test_stopping_a_child_that_has_exited_is_harmless() -> None:
    child = dev.start([sys.executable, "-c", "pass"])
    child.wait()
    dev.stop(child)


def test_a_spare_that_gets_no_go_exits_without_running_the_app() -> None:
    spare = dev.start([sys.executable, "-c", dev.SPARE], stdin=subprocess.PIPE, capture=True)
    assert spare.stdin is not None
    spare.stdin.close()  # the supervisor went away
    assert spare.wait(timeout=60) == 0, spare.communicate()[0]


# --- the supervisor, with a dummy app ---------------------------------------------

DUMMY_APP = f"""
import os, sys, time
if os.environ.get("CRASH"):
    sys.exit(int(os.environ["CRASH"]))
ready = os.environ[{dev.READY_FILE_ENV!r}]
open(ready + ".tmp", "w").write(repr(time.time()))
os.replace(ready + ".tmp", ready)  # as the app does: the supervisor never reads half of it
time.sleep(60)
"""


@pytest.fixture
def supervisor(tmp_path: Path) -> Iterator[Supervisor]:
    made = Supervisor([sys.executable, "-c", DUMMY_APP], {}, tmp_path / "ready")
    made.codegen = None
    yield made
    made.close()


def test_a_save_that_compiles_restarts_the_app(
    supervisor: Supervisor, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    supervisor.start_app()
    first = supervisor.app
    assert first is not None
    saved = tmp_path / "commands.py"
    saved.write_text("x = 1\n")
    assert supervisor.on_save([saved], time.time())
    assert first.returncode is not None  # stopped
    assert running(supervisor.app)
    poll_until(supervisor, capsys, "answered its first command")


def test_a_save_that_does_not_compile_keeps_the_old_app_until_it_is_fixed(
    supervisor: Supervisor, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    supervisor.start_app()
    old = supervisor.app
    broken, other = tmp_path / "broken.py", tmp_path / "other.py"
    broken.write_text("def broken(:\n")
    other.write_text("y = 2\n")
    assert not supervisor.on_save([broken], time.time())
    out = capsys.readouterr().out
    assert "does not compile" in out
    assert "SyntaxError" in out
    assert supervisor.app is old
    assert running(old)
    # Saving another file does not restart either: the broken one is checked again.
    assert not supervisor.on_save([other], time.time())
    broken.write_text("def fixed() -> None:\n    pass\n")
    assert supervisor.on_save([broken], time.time())
    assert supervisor.app is not old
    assert running(supervisor.app)


@pytest.mark.parametrize(("code", "goes_on"), [("1", True), ("0", False)])
def test_an_app_that_exits_is_reported_and_the_next_save_starts_it(
    supervisor: Supervisor,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    code: str,
    goes_on: bool,
) -> None:
    supervisor.env["CRASH"] = code
    supervisor.start_app()
    assert supervisor.app is not None
    supervisor.app.wait(timeout=30)
    assert supervisor.poll() is goes_on  # a crash waits for a save; a closed window ends
    out = capsys.readouterr().out
    assert ("exited with code 1" in out) if goes_on else ("window was closed" in out)
    del supervisor.env["CRASH"]
    (tmp_path / "fixed.py").write_text("")
    assert supervisor.on_save([tmp_path / "fixed.py"], time.time())
    assert running(supervisor.app)


def test_the_client_is_regenerated_once_the_new_app_has_answered(
    supervisor: Supervisor, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    supervisor.codegen = [sys.executable, "-c", "print('updated: commands/index.ts')"]
    supervisor.start_app()
    (tmp_path / "x.py").write_text("")
    supervisor.on_save([tmp_path / "x.py"], time.time())
    assert supervisor.generator is None  # not beside the app's start
    poll_until(supervisor, capsys, "regenerated the typed client: updated: commands/index.ts")


def test_the_next_app_comes_from_a_spare_started_once_the_app_answered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "fakeapp").mkdir()
    (tmp_path / "fakeapp" / "__init__.py").write_text("")
    (tmp_path / "fakeapp" / "__main__.py").write_text(DUMMY_APP)
    monkeypatch.setattr(dev, "SPARE", dev.SPARE.replace(repr(dev.PACKAGE), repr("fakeapp")))
    monkeypatch.setattr(dev, "app_command", lambda: [sys.executable, "-m", "fakeapp"])
    supervisor = Supervisor(None, {"PYTHONPATH": str(tmp_path)}, tmp_path / "ready")
    supervisor.codegen = None
    try:
        supervisor.start_app()  # the first app: no spare yet
        poll_until(supervisor, capsys, "after launch")
        spare = supervisor.spare
        assert running(spare)
        assert supervisor.on_save([tmp_path / "fakeapp" / "__main__.py"], time.time())
        assert supervisor.app is spare
        poll_until(supervisor, capsys, "after the save")  # the spare ran the app's code
    finally:
        supervisor.close()


def test_close_stops_everything_it_started(supervisor: Supervisor) -> None:
    supervisor.codegen = [sys.executable, "-c", "import time; time.sleep(60)"]
    supervisor.client_due = True
    supervisor.start_app()
    eventually(lambda: supervisor.poll() and supervisor.generator is not None)
    started = [supervisor.app, supervisor.generator]
    supervisor.close()
    assert all(process is not None and process.poll() is not None for process in started)


# --- inside the app ------------------------------------------------------------------


def test_the_window_place_survives_a_round_trip(tmp_path: Path) -> None:
    path = tmp_path / ".dev-window.json"
    assert dev.read_geometry(path) is None
    dev.write_atomically(path, json.dumps({"x": 10, "y": -20, "width": 800, "height": 600}))
    assert dev.read_geometry(path) == Geometry(10, -20, 800, 600)
    assert [p.name for p in tmp_path.iterdir()] == [".dev-window.json"]  # no scratch file left
    path.write_text('{"x": 1}')
    assert dev.read_geometry(path) is None  # not ours: the default place


class FakeWindow:
    """What follow_window uses of a window."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.handler: Callable[[Any], None] | None = None

    def set_size(self, size: object) -> None:
        self.calls.append("set_size")

    def set_position(self, position: object) -> None:
        self.calls.append("set_position")

    def outer_position(self) -> tuple[int, int]:
        return (30, 40)

    def inner_size(self) -> tuple[int, int]:
        return (900, 700)

    def on_window_event(self, handler: Callable[[Any], None]) -> None:
        self.handler = handler


def test_the_window_goes_back_to_its_place_and_records_its_moves(tmp_path: Path) -> None:
    path = tmp_path / ".dev-window.json"
    window = FakeWindow()
    dev.follow_window(cast(Any, window), path)
    assert window.calls == []  # no place recorded yet: Tauri's default
    assert window.handler is not None
    window.handler(WindowEvent.Moved((30, 40)))
    assert dev.read_geometry(path) == Geometry(30, 40, 900, 700)
    again = FakeWindow()
    dev.follow_window(cast(Any, again), path)
    assert again.calls == ["set_size", "set_position"]


def test_the_first_command_is_timed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ready = tmp_path / "ready"
    monkeypatch.setenv(dev.READY_FILE_ENV, str(ready))
    monkeypatch.delenv(dev.WINDOW_FILE_ENV, raising=False)
    handled: list[object] = []
    timed, _ = dev.instrument(handled.append, lambda handle: None, "main")
    before = time.time()
    timed(cast(Any, "first"))
    first = float(ready.read_text())
    timed(cast(Any, "second"))
    assert handled == ["first", "second"]
    assert before <= first <= time.time()
    assert float(ready.read_text()) == first
