"""The typed client (``with_typed_client``): current in every fresh bake, and strict.

The template ships the generated client (``web/python/<example>/``), so a
fresh bake must already hold exactly what its own ``npm run gen`` writes, for
every combination of examples. The baked project's own checks must work both
ways: its drift test fails on a stale client (saying to regenerate) and
passes after ``npm run gen``; its negative type tests see each wrong call
refused. After changing the template's Python code, refresh the template's
copy of the client with ``scripts/gen-client``.

These run the baked code with the template's tools venv (it has pytauri) and
the ``node_modules`` shared by the fast tier (it has json2ts and tsc).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .conftest import ALL_FLAG_COMBINATIONS, EXAMPLE_FLAGS, TYPED_CLIENT, bake, combination_id

PACKAGE = "my_pytauri_app"
REGENERATE_TEMPLATE = "the template's web/python/ is stale: run scripts/gen-client"


def baked_env() -> dict[str, str]:
    """Run the baked package from src/ with this venv's Python (also as `python`)."""
    return {
        **os.environ,
        "PYTHONPATH": "src",
        "PYTHONDONTWRITEBYTECODE": "1",  # the cached bakes stay as baked
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }


def run_in(project: Path, command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=project,
        env=baked_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def baked_pytest(project: Path, *tests: str) -> subprocess.CompletedProcess[str]:
    return run_in(project, [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *tests])


@contextmanager
def linked_node_modules(project: Path, node_modules: Path) -> Iterator[None]:
    link = project / "node_modules"
    link.symlink_to(node_modules, target_is_directory=True)
    try:
        yield
    finally:
        link.unlink()


@pytest.mark.parametrize("flags", ALL_FLAG_COMBINATIONS, ids=combination_id)
def test_a_fresh_bake_holds_what_its_generator_writes(
    baked: Callable[..., Path], flags: dict[str, bool], node_modules: Path
) -> None:
    project = baked(**flags)
    with linked_node_modules(project, node_modules):
        result = run_in(project, [sys.executable, "-m", f"{PACKAGE}.plumbing.codegen", "--check"])
    assert result.returncode == 0, f"{REGENERATE_TEMPLATE}\n{result.stderr}"
    assert "web/python/ is up to date" in result.stdout


@pytest.mark.parametrize(
    "flags",
    [dict.fromkeys(EXAMPLE_FLAGS, True), dict.fromkeys(EXAMPLE_FLAGS, False)],
    ids=combination_id,
)
def test_the_baked_drift_and_negative_type_tests_pass(
    baked: Callable[..., Path], flags: dict[str, bool], node_modules: Path
) -> None:
    project = baked(**flags)
    with linked_node_modules(project, node_modules):
        result = baked_pytest(
            project, "tests/plumbing/test_codegen.py", "tests/plumbing/test_type_errors.py"
        )
    assert result.returncode == 0, result.stdout[-6000:]
    assert " passed" in result.stdout
    assert "skipped" not in result.stdout


def test_the_drift_test_fails_on_a_stale_client_and_passes_once_regenerated(
    tmp_path: Path, node_modules: Path
) -> None:
    project = bake(tmp_path)
    (project / "node_modules").symlink_to(node_modules, target_is_directory=True)
    drift_test = "tests/plumbing/test_codegen.py::test_the_committed_client_matches_the_python_code"
    assert baked_pytest(project, drift_test).returncode == 0

    # A model changes, and nobody regenerates the client.
    commands_py = project / "src" / PACKAGE / "commands.py"
    source = commands_py.read_text()
    changed = source.replace(
        "class UserOutput(StrictModel):\n", "class UserOutput(StrictModel):\n    nick_name: str\n"
    )
    assert changed != source
    commands_py.write_text(changed)

    stale = baked_pytest(project, drift_test)
    assert stale.returncode == 1, stale.stdout[-6000:]
    assert "is stale" in stale.stdout
    assert "Run `npm run gen`" in stale.stdout
    assert "commands/_apiTypes.d.ts" in stale.stdout

    generated = run_in(project, ["npm", "run", "gen"])
    assert generated.returncode == 0, generated.stderr
    # StrictModel: the field keeps its Python name on the wire.
    assert "nick_name: string" in (project / "web/python/commands/_apiTypes.d.ts").read_text()
    assert baked_pytest(project, drift_test).returncode == 0


def test_with_the_flag_off_no_generator_remains(baked: Callable[..., Path]) -> None:
    typed, untyped = baked(), baked(**{TYPED_CLIENT: False})

    typed_package = json.loads((typed / "package.json").read_text())
    assert typed_package["scripts"]["gen"] == f"node python.mjs -m {PACKAGE}.plumbing.codegen"
    # Pinned exactly: json2ts's output must not change under a committed client.
    assert typed_package["devDependencies"]["json-schema-to-typescript"][0].isdigit()

    package = json.loads((untyped / "package.json").read_text())
    assert "gen" not in package["scripts"]
    assert "json-schema-to-typescript" not in package["devDependencies"]
    for gone in [
        f"src/{PACKAGE}/plumbing/codegen.py",
        "tests/plumbing/test_codegen.py",
        "tests/types",
    ]:
        assert not (untyped / gone).exists(), gone
    sources = [*untyped.glob("src/**/*.py"), *untyped.glob("tests/**/*.py"), untyped / "README.md"]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert "experimental_gen_ts" not in text, path
        assert "npm run gen" not in text, path
    assert "npm run gen" in (typed / "README.md").read_text()


def test_unicode_names_bake_the_same_client(baked: Callable[..., Path]) -> None:
    # The generated files hold no project or package name: one copy fits every bake.
    default, unicode = baked(), baked(project_name="Café Ünïcode App")
    for path in sorted((default / "web" / "python").rglob("*")):
        if path.is_file():
            relative = path.relative_to(default)
            assert (unicode / relative).read_bytes() == path.read_bytes(), relative
