"""Shipping tiers: what a baked project ships runs on its own.

- `build`: the wheel carries the built page; installed into a fresh venv (not
  editable), its gui-script and `python -m PACKAGE` pass the project's
  commands e2e tests in the real webview.
- `standalone`: `pyinstaller standalone.spec` makes a slim one-folder app that,
  moved away from the project with its build venv deleted and no Python on
  PATH, passes the same e2e tests.

The e2e tests run from the template's tools venv (pytest, selenium) and launch
the program named by E2E_APP: that venv does not have the app installed, so the
tests can only pass against the program under test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from .conftest import bake, run

SMOKE = "tests/e2e/test_commands_e2e.py"
# What the app reads from its package directory at run time.
PACKAGE_DATA = ["frontend/index.html", "Tauri.toml", "capabilities/default.toml", "icons/icon.png"]
# Libraries of the system webview that the slim standalone build leaves out.
SYSTEM_WEBVIEW = ("libwebkit2gtk-4.1.so", "libjavascriptcoregtk-4.1.so", "libgtk-3.so")


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


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


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default bake with its page built (npm install && npm run build)."""
    project = bake(tmp_path_factory.mktemp("ship"))
    run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"], project)
    run(["npm", "run", "build"], project)
    return project


def package_of(project: Path) -> str:
    return next(p.name for p in (project / "src").iterdir() if p.is_dir())


@pytest.mark.build
def test_wheel_carries_the_page_and_runs_from_a_fresh_venv(
    built_project: Path, tmp_path: Path
) -> None:
    project, package = built_project, package_of(built_project)
    run([sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path / "dist")], project)
    (wheel,) = (tmp_path / "dist").glob("*.whl")

    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        scripts = archive.read(entry_points).decode()
    for data in PACKAGE_DATA:
        assert f"{package}/{data}" in names, data
    assets = {n.rsplit(".", 1)[-1] for n in names if n.startswith(f"{package}/frontend/assets/")}
    assert {"js", "css"} <= assets
    assert not any(n.startswith(("tests/", "web/", "node_modules/")) for n in names)
    assert "[gui_scripts]" in scripts
    assert f"{project.name} = {package}.app:main" in scripts

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)], tmp_path)
    python = venv / "bin" / "python"
    run([str(python), "-m", "pip", "install", "-q", str(wheel)], tmp_path)
    location = run([str(python), "-c", f"import {package}; print({package}.__file__)"], tmp_path)
    assert "site-packages" in location.stdout  # installed, not a link to the checkout

    gui_script = venv / "bin" / project.name
    print(f"wheel {wheel.stat().st_size / 1000:.0f} kB; fresh venv {mib(folder_size(venv))}")
    print("gui-script:", e2e_smoke(project, gui_script))
    # WebKitWebDriver starts a program without arguments: wrap `python -m`.
    module = tmp_path / "run-module"
    module.write_text(f'#!/bin/sh\nexec "{python}" -m {package}\n')
    module.chmod(0o755)
    print("python -m:", e2e_smoke(project, module))


@pytest.mark.standalone
def test_standalone_app_runs_without_python(built_project: Path, tmp_path: Path) -> None:
    project, package, name = built_project, package_of(built_project), built_project.name
    venv = tmp_path / "build-venv"
    run([sys.executable, "-m", "venv", str(venv)], tmp_path)
    python = venv / "bin" / "python"
    run([str(python), "-m", "pip", "install", "-q", ".[standalone]"], project)

    start = time.monotonic()
    work, dist = tmp_path / "work", tmp_path / "dist"
    command = [str(python), "-m", "PyInstaller", "--noconfirm", "standalone.spec"]
    run([*command, "--workpath", str(work), "--distpath", str(dist)], project)
    build_seconds = time.monotonic() - start

    internal = dist / name / "_internal"
    assert (dist / name / name).is_file()
    assert (internal / package / "frontend" / "index.html").is_file()
    assert list(internal.glob("pytauri_wheel-*.dist-info/entry_points.txt"))
    bundled = {p.name for p in internal.rglob("*.so*")}
    assert not [lib for lib in bundled for w in SYSTEM_WEBVIEW if lib.startswith(w)], bundled
    assert any(lib.startswith("libpython3") for lib in bundled)  # Python travels with it

    # Ship it: the folder alone, away from the project, its build venv gone.
    shipped = tmp_path / "shipped" / name
    shutil.move(dist / name, shipped)
    shutil.rmtree(venv)
    # A PATH with only the e2e tools: no python, no venv.
    tools = tmp_path / "path"
    tools.mkdir()
    for tool in ("Xvfb", "WebKitWebDriver"):
        found = shutil.which(tool)
        assert found is not None, f"{tool} is not installed"
        (tools / tool).symlink_to(found)
    assert shutil.which("python3", path=str(tools)) is None
    assert shutil.which("python", path=str(tools)) is None

    size = folder_size(shipped)
    print(f"standalone: {mib(size)}, built in {build_seconds:.0f} s")
    print("frozen app:", e2e_smoke(project, shipped / name, path=str(tools)))
    assert size < 200 * 2**20  # slim: the system webview (~280 MB) is not inside
