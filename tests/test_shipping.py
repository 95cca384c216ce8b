"""Shipping tiers: what a baked project ships runs on its own.

- `build`: the wheel carries the built page; installed into a fresh venv (not
  editable), its gui-script and `python -m PACKAGE` pass the project's
  commands e2e tests in the real webview.
- `standalone`: `pyinstaller standalone.spec` makes a slim one-folder app that,
  copied away from the project with its build venv deleted and no Python on
  PATH, passes the same e2e tests (the freeze is shared with
  test_installers.py: tests/shipping.py makes it once per run).

The e2e tests run from the template's tools venv (pytest, selenium) and launch
the program named by E2E_APP: that venv does not have the app installed, so the
tests can only pass against the program under test.
"""

from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from . import shipping
from .conftest import run
from .shipping import e2e_smoke, folder_size, mib

# What the app reads from its package directory at run time.
PACKAGE_DATA = ["frontend/index.html", "Tauri.toml", "capabilities/default.toml", "icons/icon.png"]
# Libraries of the system webview that the slim standalone build leaves out.
SYSTEM_WEBVIEW = ("libwebkit2gtk-4.1.so", "libjavascriptcoregtk-4.1.so", "libgtk-3.so")


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default bake with its page built (npm install && npm run build)."""
    return shipping.built_project(tmp_path_factory)  # shared with the standalone tier


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
def test_standalone_app_runs_without_python(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    # Built once per run from a fresh venv, deleted after (tests/shipping.py).
    frozen = shipping.frozen_app(tmp_path_factory)
    project, package, name = frozen.project, package_of(frozen.project), frozen.project.name

    internal = frozen.app / "_internal"
    assert (frozen.app / name).is_file()
    assert (internal / package / "frontend" / "index.html").is_file()
    assert list(internal.glob("pytauri_wheel-*.dist-info/entry_points.txt"))
    bundled = {p.name for p in internal.rglob("*.so*")}
    assert not [lib for lib in bundled for w in SYSTEM_WEBVIEW if lib.startswith(w)], bundled
    assert any(lib.startswith("libpython3") for lib in bundled)  # Python travels with it

    # Ship it: a copy of the folder alone, away from the project (the installer
    # tests package the same build).
    shipped = tmp_path / "shipped" / name
    shutil.copytree(frozen.app, shipped, symlinks=True)
    tools = shipping.tools_only_path(tmp_path / "path")

    size = folder_size(shipped)
    print(f"standalone: {mib(size)}, built in {frozen.seconds:.0f} s")
    print("frozen app:", e2e_smoke(project, shipped / name, path=tools))
    assert size < 200 * 2**20  # slim: the system webview (~280 MB) is not inside
