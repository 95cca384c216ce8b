"""Unit tests for desktop_env.py: each missing piece is one line, never a crash."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pytest

from {{ cookiecutter.package_name }}.plumbing import desktop_env


@pytest.fixture(autouse=True)
def on_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(desktop_env, "on_linux", lambda: True)
    desktop_env.tray_problem.cache_clear()


def test_no_tray_library_is_one_line_that_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def missing(name: str) -> None:
        raise OSError(f"{name}: cannot open shared object file")

    monkeypatch.setattr(ctypes, "CDLL", missing)

    problem = desktop_env.tray_problem()

    assert problem is not None
    assert "\n" not in problem
    assert "libayatana-appindicator3-1" in problem


def test_either_tray_library_will_do(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded: list[str] = []

    def only_the_older_one(name: str) -> None:
        loaded.append(name)
        if name != "libappindicator3.so.1":
            raise OSError(name)

    monkeypatch.setattr(ctypes, "CDLL", only_the_older_one)

    assert desktop_env.tray_problem() is None
    assert loaded == list(desktop_env.TRAY_LIBRARIES)


def test_no_session_bus_is_reported_by_every_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(desktop_env, "_bus_found", lambda: False)

    bus = desktop_env.session_bus_problem()

    assert bus == "No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)."
    assert desktop_env.notification_problem() == f"Notifications cannot be shown: {bus}"
    single = desktop_env.single_instance_problem()
    assert single is not None
    assert single.startswith("One instance is not enforced")


def test_a_bus_that_does_not_answer_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")

    problem = desktop_env.session_bus_problem()

    assert problem is not None
    assert problem.startswith("The D-Bus session bus does not answer")


@pytest.mark.parametrize(
    ("owned", "activatable", "problem"),
    [(True, False, False), (False, True, False), (False, False, True)],
    ids=["running", "started-on-demand", "none"],
)
def test_a_notification_service_is_looked_for_on_the_bus(
    monkeypatch: pytest.MonkeyPatch, owned: bool, activatable: bool, problem: bool
) -> None:
    monkeypatch.setattr(desktop_env, "session_bus_problem", lambda: None)
    monkeypatch.setattr(desktop_env, "_has_owner", lambda _name: owned)
    monkeypatch.setattr(desktop_env, "_activatable", lambda _name: activatable)

    found = desktop_env.notification_problem()

    assert (found is not None) == problem
    if found is not None:
        assert "no notification service runs" in found


def test_elsewhere_than_linux_nothing_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(desktop_env, "on_linux", lambda: False)
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)

    assert desktop_env.tray_problem() is None
    assert desktop_env.session_bus_problem() is None
    assert desktop_env.notification_problem() is None
    assert desktop_env.single_instance_problem() is None


@pytest.mark.parametrize(
    ("argv", "args"),
    [
        (["/usr/bin/python3", "-m", "my_app", "a.txt"], ["a.txt"]),
        (["/opt/app/app", "a.txt", "b.txt"], ["a.txt", "b.txt"]),
        (["/opt/app/app"], []),
    ],
    ids=["python-m", "installed", "none"],
)
def test_launch_arguments_leave_out_the_program(argv: list[str], args: list[str]) -> None:
    assert desktop_env.launch_arguments(argv) == args


def test_files_in_keeps_existing_files_relative_to_the_launch(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hi", encoding="utf-8")
    (tmp_path / "folder").mkdir()

    found = desktop_env.files_in(
        ["--verbose", "notes.txt", "missing.txt", "folder", ""], str(tmp_path)
    )

    assert found == [(tmp_path / "notes.txt").resolve()]
