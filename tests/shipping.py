"""The default bake, its page built and frozen by PyInstaller once per test run.

The standalone and installer tests all start from the same frozen app: the
freeze takes minutes, so it is made once and shared. Each test copies what it
changes (the app folder stays as PyInstaller wrote it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import bake, run

SMOKE = "tests/e2e/test_commands_e2e.py"


@dataclass(frozen=True)
class Frozen:
    project: Path
    """The bake it was built from (its own tests run against the app)."""
    app: Path
    """The one-folder app, dist/NAME: read only, copy it to change it."""
    seconds: float
    """How long `pyinstaller standalone.spec` took (with its venv's install)."""


BUMPED = "1.4.2-rc.1"
"""The shared bake's version, set by `python -m ship.version` before anything is built:
every installer must then say it (in the form each format takes: 1.4.2~rc.1 in a .deb)."""
_built: dict[str, Path] = {}
_frozen: dict[str, Frozen] = {}


def built_project(factory: pytest.TempPathFactory) -> Path:
    """The default bake, its version bumped and its page built (npm run build), once."""
    if "default" not in _built:
        project = bake(factory.mktemp("ship"))
        run([sys.executable, "-m", "ship.version", BUMPED], project)
        run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"], project)
        run(["npm", "run", "build"], project)
        _built["default"] = project
    return _built["default"]


def frozen_app(factory: pytest.TempPathFactory) -> Frozen:
    """The default bake frozen by standalone.spec from a fresh venv, once.

    The venv is deleted right after: the frozen app must not need it.
    """
    if "default" not in _frozen:
        project = built_project(factory)
        build = factory.mktemp("freeze")
        venv = build / "venv"
        start = time.monotonic()
        run([sys.executable, "-m", "venv", str(venv)], build)
        python = venv / "bin" / "python"
        run([str(python), "-m", "pip", "install", "-q", ".[standalone]"], project)
        command = [str(python), "-m", "PyInstaller", "--noconfirm", "standalone.spec"]
        dist = build / "dist"
        run([*command, "--workpath", str(build / "work"), "--distpath", str(dist)], project)
        seconds = time.monotonic() - start
        shutil.rmtree(venv)
        _frozen["default"] = Frozen(project, dist / project.name, seconds)
    return _frozen["default"]


def tools_only_path(folder: Path) -> str:
    """A PATH with only the e2e tools (Xvfb, WebKitWebDriver): no python, no venv."""
    folder.mkdir()
    for tool in ("Xvfb", "WebKitWebDriver"):
        found = shutil.which(tool)
        assert found is not None, f"{tool} is not installed"
        (folder / tool).symlink_to(found)
    assert shutil.which("python3", path=str(folder)) is None
    assert shutil.which("python", path=str(folder)) is None
    return str(folder)


def e2e_smoke(project: Path, app: Path, path: str | None = None) -> str:
    """Run the project's commands e2e tests against ``app``; fail unless all pass."""
    env = {
        **os.environ,
        "E2E_APP": str(app),
        "E2E_REQUIRED": "1",  # a missing WebKitWebDriver or Xvfb fails, never skips
    }
    for variable in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"):
        env.pop(variable, None)
    if path is not None:
        env["PATH"] = path
    command = [sys.executable, "-m", "pytest", SMOKE, "-p", "no:cacheprovider", "-q"]
    result = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert " passed" in result.stdout
    assert "skipped" not in result.stdout
    return result.stdout.strip().splitlines()[-1]


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"
