"""Fast tier: every flag combination bakes into a clean, self-consistent project.

Each of the 16 combinations of the four stand-alone example flags (tooling
flags on; the chat example on where the examples it builds on are), for each of
the four frontends (64 bakes), a bake without the chat example, and a few bakes
with tooling flags off, is baked once and checked for the right files, no
leftover Jinja, files that parse, and the project's own linters, type checker
and page type check (`npm run typecheck`: tsc, vue-tsc or svelte-check) passing.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from .conftest import (
    ALL_FLAG_COMBINATIONS,
    CHAT,
    EXAMPLE_FLAGS,
    EXAMPLE_OF_FLAG,
    FRONTENDS,
    TEMPLATE,
    TOOLING_FILES,
    TOOLING_FLAGS,
    TYPED_CLIENT,
    combination_id,
    run,
)

# Tooling flags off, one at a time and together (examples on, then off too).
TOOLING_OFF = {
    "no-standalone": {"with_standalone": False},
    "no-github-actions": {"with_github_actions": False},
    "no-pre-commit": {"with_pre_commit": False},
    "no-tooling": dict.fromkeys(TOOLING_FLAGS, False),
    "no-tooling-commands-only": dict.fromkeys(EXAMPLE_FLAGS + TOOLING_FLAGS, False),
    # Not tooling, but the same idea: the hand-written client instead of the generated one.
    "untyped": {TYPED_CLIENT: False},
    "untyped-commands-only": {**dict.fromkeys(EXAMPLE_FLAGS, False), TYPED_CLIENT: False},
    # Nor this: the chat example off while the examples it builds on stay on.
    "no-chat": {CHAT: False},
}
COMBINATIONS = pytest.mark.parametrize(
    "flags",
    [
        pytest.param(combination, id=combination_id(combination))
        for frontend in FRONTENDS
        for flags in ALL_FLAG_COMBINATIONS
        # The default frontend bakes without the answer, as most users will.
        for combination in [flags if frontend == FRONTENDS[0] else {**flags, "frontend": frontend}]
    ]
    + [
        pytest.param({**dict.fromkeys(EXAMPLE_FLAGS, True), **off}, id=name)
        for name, off in TOOLING_OFF.items()
    ],
)
PACKAGE = "my_pytauri_app"
GENERATED_CLIENT_FILES = ("index.ts", "apiClient.ts", "_apiTypes.d.ts")
# Frontend -> the extension of its page modules (web/<example>.<ext>).
PAGE_EXTENSIONS = {"vanilla-ts": "ts", "react": "tsx", "vue": "vue", "svelte": "svelte"}
JINJA = re.compile(r"\{\{|\{%|\{#|cookiecutter\.")
# Workflows are copied without rendering: their ${{ }} are GitHub's expressions.
GITHUB_EXPRESSION = re.compile(r"\$\{\{.*?\}\}")
# Framework components are copied without rendering too: their {{ }} and {#if}
# are Vue's and Svelte's. What must not be there is a cookiecutter variable.
UNRENDERED_SUFFIXES = {".tsx", ".vue", ".svelte"}
COOKIECUTTER_VARIABLE = re.compile(r"cookiecutter\.")
TEXT_SUFFIXES = {
    ".py",
    ".ts",
    ".tsx",
    ".vue",
    ".svelte",
    ".toml",
    ".json",
    ".md",
    ".html",
    ".css",
    ".txt",
    ".yml",
    ".yaml",
    ".spec",
    "",
}


def project_files(project: Path) -> set[str]:
    return {
        p.relative_to(project).as_posix()
        for p in project.rglob("*")
        if p.is_file() and "node_modules" not in p.parts
    }


def example_paths(example: str, typed: bool = True, frontend: str = FRONTENDS[0]) -> set[str]:
    paths = {
        f"src/{PACKAGE}/{example}.py",
        f"web/{example}.{PAGE_EXTENSIONS[frontend]}",
        f"tests/test_{example}.py",
        f"tests/e2e/test_{example}_e2e.py",
    }
    if example == "events":
        paths.add(f"src/{PACKAGE}/capabilities/events.toml")
    if typed:  # the generated client and the wrong calls it must refuse
        paths |= {f"web/python/{example}/{name}" for name in GENERATED_CLIENT_FILES}
        paths.add(f"tests/types/{example}.ts")
    else:
        paths.add(f"web/python/{example}.ts")
    return paths


def imports_example(example: str) -> re.Pattern[str]:
    """Python (`from . import x`, `from .x import`) or page (`from "./x"`, `"./x.vue"`) imports."""
    return re.compile(
        rf"from [\w.]*\.{example} import|from \.+ import (\w+, )*{example}\b"
        rf"|from \"\./{example}(\.\w+)?\""
    )


@COMBINATIONS
def test_files_match_the_flags(baked: Callable[..., Path], flags: dict[str, bool]) -> None:
    files = project_files(baked(**flags))
    typed = flags.get(TYPED_CLIENT, True)
    frontend = flags.get("frontend", FRONTENDS[0])
    for always in [
        "README.md",
        "LICENSE",
        "pyproject.toml",
        "package.json",
        f"src/{PACKAGE}/app.py",
        f"src/{PACKAGE}/__main__.py",
        f"src/{PACKAGE}/Tauri.toml",
        *example_paths("commands", typed, frontend),
        # Performance, whatever the flags: batching helpers, the invoke handler, the benchmark.
        f"src/{PACKAGE}/batching.py",
        f"src/{PACKAGE}/dispatch.py",
        f"src/{PACKAGE}/bench/__main__.py",
        f"src/{PACKAGE}/bench/bare/frontend/index.html",
        "web/batching.ts",
        "web/bench.ts",
        "tests/test_batching.py",
    ]:
        assert always in files
    for example in ["commands", *EXAMPLE_OF_FLAG.values()]:
        other_client = example_paths(example, not typed) - example_paths(example, typed)
        assert not other_client & files, other_client & files
        other_pages = {f"web/{example}.{ext}" for ext in PAGE_EXTENSIONS.values()}
        other_pages.discard(f"web/{example}.{PAGE_EXTENSIONS[frontend]}")
        assert not other_pages & files, other_pages & files
    assert not any(f.startswith("frontends/") for f in files)
    for flag, example in EXAMPLE_OF_FLAG.items():
        paths = example_paths(example, typed, frontend)
        if flags[flag]:
            assert paths <= files, paths - files
        else:
            assert not paths & files, paths & files
            importers = [
                f
                for f in files
                if f.endswith((".py", ".ts", ".tsx", ".vue", ".svelte"))
                and imports_example(example).search((baked(**flags) / f).read_text())
            ]
            assert importers == [], f"{example} is off but still imported by {importers}"
    assert not any(f.startswith("licenses/") for f in files)
    for flag, paths in TOOLING_FILES.items():
        if flags.get(flag, True):
            assert set(paths) <= files, set(paths) - files
        else:
            assert not set(paths) & files, set(paths) & files
    if not flags.get("with_github_actions", True):
        assert not (baked(**flags) / ".github").exists()


@COMBINATIONS
def test_config_and_readme_match_the_tooling_flags(
    baked: Callable[..., Path], flags: dict[str, bool]
) -> None:
    project = baked(**flags)
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    extras = pyproject["project"]["optional-dependencies"]
    readme = (project / "README.md").read_text()

    standalone = flags.get("with_standalone", True)
    assert ("standalone" in extras) == standalone
    assert ("*.spec" in pyproject["tool"]["ruff"].get("extend-include", [])) == standalone
    assert ("standalone.spec" in readme) == standalone

    pre_commit = flags.get("with_pre_commit", True)
    assert any(d.startswith("pre-commit") for d in extras["dev"]) == pre_commit
    assert ("pre-commit install" in readme) == pre_commit

    assert ("ci.yml" in readme) == flags.get("with_github_actions", True)


@COMBINATIONS
def test_no_jinja_left_and_every_config_parses(
    baked: Callable[..., Path], flags: dict[str, bool]
) -> None:
    project = baked(**flags)
    for name in sorted(project_files(project)):
        path = project / name
        if path.suffix not in TEXT_SUFFIXES:
            continue
        text = path.read_text(encoding="utf-8")
        if name.startswith(".github/workflows/"):
            text = GITHUB_EXPRESSION.sub("", text)
        leftover = COOKIECUTTER_VARIABLE if path.suffix in UNRENDERED_SUFFIXES else JINJA
        assert not leftover.search(text), f"unrendered Jinja in {name}"
        if path.suffix == ".toml":
            tomllib.loads(text)
        elif path.suffix == ".json":
            json.loads(text)
        elif path.suffix in (".yml", ".yaml"):
            yaml.safe_load(text)


@pytest.mark.parametrize("frontend", FRONTENDS[1:])
def test_framework_components_are_copied_byte_for_byte(
    baked: Callable[..., Path], frontend: str
) -> None:
    """`_copy_without_render` covers every component: Jinja never touches them."""
    source = TEMPLATE / "{{cookiecutter.project_slug}}" / "frontends" / frontend
    components = [p for p in source.iterdir() if p.suffix in UNRENDERED_SUFFIXES]
    assert components, f"no components in {source}"
    page = baked(frontend=frontend) / "web"
    for component in components:
        assert (page / component.name).read_bytes() == component.read_bytes(), component.name


@COMBINATIONS
def test_ruff_passes(baked: Callable[..., Path], flags: dict[str, bool]) -> None:
    project = baked(**flags)
    run([sys.executable, "-m", "ruff", "check", "--no-cache", "."], project)
    run([sys.executable, "-m", "ruff", "format", "--check", "--no-cache", "."], project)


@COMBINATIONS
def test_mypy_strict_passes(
    baked: Callable[..., Path],
    flags: dict[str, bool],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    project = baked(**flags)
    # One cache per worker: the dependencies' types are read once, not 16 times.
    cache = tmp_path_factory.getbasetemp() / "mypy-cache"
    run([sys.executable, "-m", "mypy", "--cache-dir", str(cache)], project)


@COMBINATIONS
def test_page_typecheck_passes(
    baked: Callable[..., Path],
    flags: dict[str, bool],
    frontend_node_modules: Callable[[str], Path],
) -> None:
    """The project's own `npm run typecheck`: tsc, vue-tsc or svelte-check."""
    project = baked(**flags)
    node_modules = frontend_node_modules(str(flags.get("frontend", FRONTENDS[0])))
    (project / "node_modules").symlink_to(node_modules, target_is_directory=True)
    try:
        run(["npm", "run", "--silent", "typecheck"], project)
    finally:
        (project / "node_modules").unlink()
