"""Build tier: a newcomer's path with uv, timed on a cold uv cache.

Bake the default project, ``npm install && npm run build``, ``uv sync`` (uv
resolves from the registry, writes uv.lock and makes .venv) and ``uv run
pytest``: the unit tests and two end-to-end files (the commands panel and the
seed's command snippets), E2E_REQUIRED=1. UV_CACHE_DIR is a fresh folder, so
uv downloads every package, as on a newcomer's machine; each step's time is
printed (npm's own cache is left as it is).

Then a bake without pre-commit and without the standalone build (the Jinja
blocks of pyproject.toml): it resolves, and ``uv sync`` installs it.
The whole suite with pip is tests/test_build.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from .conftest import bake
from .test_build import first_problem, junit_counts

pytestmark = pytest.mark.build

E2E_FILES = ["tests/e2e/test_commands_e2e.py", "tests/e2e/test_commands_seed_e2e.py"]


def find_uv() -> str:
    """uv from the template's tools venv (its `test` group has it), else from PATH."""
    beside = Path(sys.executable).with_name("uv")
    if beside.is_file():
        return str(beside)
    found = shutil.which("uv")
    if found is None:
        pytest.fail("uv not found beside sys.executable nor on PATH (scripts/test installs it)")
    return found


def run(command: list[str], cwd: Path, env: dict[str, str], timeout: float = 900) -> str:
    """Run a command; on failure, fail with its output."""
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        pytest.fail(
            f"`{' '.join(command)}` exited {result.returncode} in {cwd}\n"
            f"{first_problem(result.stdout)}"
            f"--- stdout ---\n{result.stdout[-6000:]}\n--- stderr ---\n{result.stderr[-6000:]}"
        )
    return result.stdout


def uv_env(**extra: str) -> dict[str, str]:
    """The environment of a shell outside any venv (the tests run in the tools venv)."""
    env = {key: value for key, value in os.environ.items() if key != "VIRTUAL_ENV"}
    return {**env, "UV_NO_PROGRESS": "1", **extra}


def test_newcomer_path_with_uv_on_a_cold_cache(tmp_path: Path) -> None:
    uv = find_uv()
    env = uv_env(UV_CACHE_DIR=str(tmp_path / "uv-cache"), E2E_REQUIRED="1")
    times: dict[str, float] = {}

    def timed(step: str, command: list[str], cwd: Path) -> str:
        started = time.monotonic()
        output = run(command, cwd, env)
        times[step] = time.monotonic() - started
        return output

    started = time.monotonic()
    project = bake(tmp_path / "out")
    times["bake"] = time.monotonic() - started
    package = next(p.name for p in (project / "src").iterdir() if p.is_dir())

    timed("npm install", ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"], project)
    timed("npm run build", ["npm", "run", "build"], project)
    assert not (project / "uv.lock").exists()  # the bake needs no network: no lock yet
    timed("uv sync", [uv, "sync"], project)

    # uv made .venv and wrote the lock the user commits; the lock matches pyproject.toml.
    assert "uv = " in (project / ".venv" / "pyvenv.cfg").read_text()
    lock = tomllib.loads((project / "uv.lock").read_text())
    locked = {entry["name"] for entry in lock["package"]}
    assert {project.name, "pytauri", "pytest", "watchfiles", "pre-commit", "pyinstaller"} <= locked
    run([uv, "lock", "--locked"], project, env)

    report = tmp_path / "junit.xml"
    unit = sorted(str(p.relative_to(project)) for p in (project / "tests").glob("test_*.py"))
    command = [uv, "run", "pytest", "-p", "no:cacheprovider", f"--junitxml={report}"]
    timed("uv run pytest", [*command, "tests/plumbing", *unit, *E2E_FILES], project)

    counts = junit_counts(report)
    for module in ("tests.e2e.test_commands_e2e", "tests.e2e.test_commands_seed_e2e"):
        assert counts.get(module, {}).get("ran", 0) > 0, f"{module} did not run: {counts}"
        assert counts[module]["skipped"] == 0, counts
    assert counts.get("tests.test_commands", {}).get("ran", 0) > 0, counts
    assert counts.get("tests.plumbing.test_dispatch", {}).get("ran", 0) > 0, counts
    assert all(c["failed"] == 0 for c in counts.values()), counts
    ran = sum(c["ran"] for c in counts.values())

    steps = ", ".join(f"{step} {seconds:.0f} s" for step, seconds in times.items())
    print(
        f"uv newcomer path (cold uv cache, {ran} tests): {steps}; total {sum(times.values()):.0f} s"
    )

    # The standalone extra, the uv way (the CI workflow's package job).
    run([uv, "sync", "--no-editable", "--extra", "standalone"], project, env)
    run([uv, "run", "--no-sync", "pyinstaller", "--version"], project, env)
    run([uv, "run", "--no-sync", "python", "-c", f"import {package}"], project, env)


def test_uv_sync_without_pre_commit_and_standalone(tmp_path: Path) -> None:
    uv = find_uv()
    env = uv_env()  # the user's uv cache: warm after the first run
    project = bake(tmp_path, with_pre_commit=False, distribution="wheel")
    run([uv, "sync"], project, env)

    lock = tomllib.loads((project / "uv.lock").read_text())
    locked = {entry["name"] for entry in lock["package"]}
    assert {"pytest", "watchfiles", "ruff"} <= locked
    assert not {"pre-commit", "pyinstaller"} & locked
    installed = run([uv, "pip", "list", "--format=freeze"], project, env)
    names = {line.split("==")[0] for line in installed.splitlines()}
    assert {"pytest", "selenium", "ruff", "mypy", "build", "watchfiles"} <= names
    assert "pre-commit" not in names
    run(
        [uv, "run", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_commands.py"],
        project,
        env,
    )
