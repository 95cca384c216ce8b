"""A baked project's ship/ tools, run in the bake as its users run them.

One version: `python -m ship.version NEW` bumps pyproject.toml, and every
copy and installer then says NEW (the .deb and .rpm: tests/test_installers.py).
"""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import DISTRIBUTIONS, bake, run

PACKAGE = "my_pytauri_app"


def ship(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m <args>` in the project, whatever its exit code."""
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=project, capture_output=True, text=True, check=False
    )


def versions(project: Path) -> dict[str, str]:
    """Every place a bake writes its version, read the way each tool reads it."""
    tauri = project / "src" / PACKAGE / "Tauri.toml"
    return {
        "pyproject.toml": tomllib.loads((project / "pyproject.toml").read_text())["project"][
            "version"
        ],
        "Tauri.toml": tomllib.loads(tauri.read_text())["version"],
        "package.json": json.loads((project / "package.json").read_text())["version"],
    }


@pytest.mark.parametrize("distribution", DISTRIBUTIONS)
def test_a_bumped_version_is_found_everywhere(tmp_path: Path, distribution: str) -> None:
    project = bake(tmp_path, version="0.3.0", distribution=distribution)
    assert set(versions(project).values()) == {"0.3.0"}

    bumped = ship(project, "ship.version", "4.5.6-rc.2")

    assert bumped.returncode == 0, bumped.stderr
    assert set(versions(project).values()) == {"4.5.6-rc.2"}
    shown = ship(project, "ship.version")
    assert (shown.returncode, shown.stdout, shown.stderr) == (0, "4.5.6-rc.2\n", "")
    if distribution == "installers":
        # The Windows installer, compiled by makensis from a stand-in app folder,
        # is named after the new version and carries it in its version resource:
        # as text, and as the four numbers Windows compares (4.5.6.0, packed as
        # two 32-bit words). The .deb and .rpm: tests/test_installers.py.
        app = tmp_path / "app"
        app.mkdir()
        (app / f"{project.name}.exe").write_bytes(b"MZ stand-in")
        made = ship(project, "ship.windows", "--app", str(app), "--out", str(tmp_path))
        assert made.returncode == 0, made.stdout + made.stderr
        setup = (tmp_path / f"{project.name}-4.5.6-rc.2-setup.exe").read_bytes()
        assert "4.5.6-rc.2".encode("utf-16-le") in setup
        assert struct.pack("<II", 4 << 16 | 5, 6 << 16 | 0) in setup


def test_a_copy_edited_by_hand_is_caught_in_one_line(tmp_path: Path) -> None:
    project = bake(tmp_path)
    package = project / "package.json"
    package.write_text(package.read_text().replace('"version": "0.1.0"', '"version": "0.2.0"'))

    shown = ship(project, "ship.version")
    assert shown.returncode == 1
    assert shown.stderr.splitlines() == [
        "error: package.json says '0.2.0', pyproject.toml says '0.1.0'; "
        "`python -m ship.version VERSION` sets them all"
    ]
    # The installers refuse to build from disagreeing files, before any work.
    refused = ship(project, "ship", "--no-freeze")
    assert refused.returncode == 1
    assert refused.stderr.startswith("error: package.json says '0.2.0'")


def test_the_ship_tools_answer_without_the_app_installed(
    baked: Callable[..., Path],
) -> None:
    """ship/ reads files only: a fresh clone can ask its version before any install."""
    project = baked()
    shown = run([sys.executable, "-S", "-m", "ship.version"], project)
    assert shown.stdout == "0.1.0\n"
