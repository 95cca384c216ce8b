"""Fast tier: every flag combination bakes into a clean, self-consistent project.

All 32 combinations of the five example flags with the default frontend, and
for each other frontend all on, all off and the chat alone (41 bakes), plus a
few bakes with tooling flags off, are baked once and checked for the right
files (each example's and the plumbing its examples use, nothing else), no
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
    ALL_OFF,
    BENCH,
    CHAT,
    DESKTOP,
    DISTRIBUTIONS,
    EXAMPLE_FLAGS,
    EXAMPLE_OF_FLAG,
    FRONTENDS,
    SMOKE_COMBINATIONS,
    TEMPLATE,
    TOOLING_FILES,
    TOOLING_FLAGS,
    TYPED_CLIENT,
    combination_id,
    run,
    shipped_files,
)

# Tooling flags off, one at a time and together (examples on, then off too).
TOOLING_OFF = {
    "standalone-only": {"distribution": "standalone"},
    "wheel-only": {"distribution": "wheel"},
    "no-github-actions": {"with_github_actions": False},
    "no-pre-commit": {"with_pre_commit": False},
    "no-tooling": {**dict.fromkeys(TOOLING_FLAGS, False), "distribution": "wheel"},
    "no-tooling-commands-only": {
        **dict.fromkeys(EXAMPLE_FLAGS + TOOLING_FLAGS, False),
        "distribution": "wheel",
    },
    # Not tooling, but the same idea: the hand-written client instead of the generated one.
    "untyped": {TYPED_CLIENT: False},
    "untyped-commands-only": {**dict.fromkeys(EXAMPLE_FLAGS, False), TYPED_CLIENT: False},
    "no-bench": {BENCH: False},
    "untyped-chat-alone": {**ALL_OFF, CHAT: True, TYPED_CLIENT: False},
    # The smallest bake: every example and every tool off.
    "bare": {
        **dict.fromkeys(EXAMPLE_FLAGS + TOOLING_FLAGS, False),
        TYPED_CLIENT: False,
        "distribution": "wheel",
    },
}
COMBINATIONS = pytest.mark.parametrize(
    "flags",
    [
        pytest.param(combination, id=combination_id(combination))
        # The default frontend bakes without the answer, as most users will.
        for combination in ALL_FLAG_COMBINATIONS
    ]
    + [
        pytest.param(
            {**flags, "frontend": frontend}, id=combination_id({**flags, "frontend": frontend})
        )
        for frontend in FRONTENDS[1:]
        for flags in SMOKE_COMBINATIONS
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
    paths = module_paths(example, typed, frontend)
    if example == "events":  # several windows come with the events
        paths |= module_paths("windows", typed, frontend)
        paths.add(f"src/{PACKAGE}/capabilities/windows.toml")
    if example == "desktop":
        paths |= {f"src/{PACKAGE}/capabilities/desktop.toml", "tests/e2e/desktop_tools.py"}
    if example in ("channels", "events", "state", "js_eval"):
        paths.add(f"tests/e2e/test_{example}_seed_e2e.py")
    paths |= {f"tests/{name}" for name in MORE_UNIT_TESTS.get(example, ())}
    return paths


def module_paths(name: str, typed: bool, frontend: str) -> set[str]:
    """One module's Python, page, client and tests."""
    paths = {
        f"src/{PACKAGE}/{name}.py",
        f"web/{name}.{PAGE_EXTENSIONS[frontend]}",
        f"tests/test_{name}.py",
        f"tests/e2e/test_{name}_e2e.py",
    }
    if typed:  # the generated client and the wrong calls it must refuse
        paths |= {f"web/python/{name}/{file}" for file in GENERATED_CLIENT_FILES}
        paths.add(f"tests/types/{name}.ts")
    else:
        paths.add(f"web/python/{name}.ts")
    return paths


ALWAYS_PLUMBING = ("dispatch", "errors", "guards", "models", "dev")
MORE_UNIT_TESTS = {
    "channels": ["test_channels_seed.py"],
    "events": ["test_events_seed.py"],
    "chat": ["test_chat_service.py"],
}
MAX_LINES = 400
CODE_SUFFIXES = {".py", ".ts", ".tsx", ".vue", ".svelte", ".css", ".html", ".toml", ".json", ".yml"}


def plumbing_in_use(flags: dict[str, bool]) -> dict[str, bool]:
    """Each shared module -> whether the examples (or the benchmark) of these flags use it."""
    batching = flags["with_channels"] or flags.get(BENCH, True)
    return {
        "batching": batching,
        "typed_events": batching
        or flags["with_events"]
        or flags[CHAT]
        or flags[DESKTOP]
        or flags.get(TYPED_CLIENT, True),
        "streams": flags["with_channels"] or flags[CHAT],
        "history": flags[CHAT],
        "event_capability": flags["with_events"] or flags[CHAT],
        "desktop_env": flags[DESKTOP],
    }


def plumbing_paths(name: str, typed: bool) -> set[str]:
    if name == "event_capability":
        return {f"src/{PACKAGE}/capabilities/events.toml"}
    paths = {f"src/{PACKAGE}/plumbing/{name}.py", f"tests/plumbing/test_{name}.py"}
    if name == "batching":
        paths.add("web/lib/batching.ts")
        paths.add("web/python/batching/index.ts" if typed else "web/python/batching.ts")
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
        "python.mjs",  # npm run dev / gen: the project's .venv Python
        f"src/{PACKAGE}/app.py",
        f"src/{PACKAGE}/__main__.py",
        f"src/{PACKAGE}/Tauri.toml",
        *example_paths("commands", typed, frontend),
        "tests/e2e/test_commands_seed_e2e.py",
        # Plumbing every command needs: dispatch, readable errors, guards, models.
        *(f"src/{PACKAGE}/plumbing/{name}.py" for name in ALWAYS_PLUMBING),
        *(f"tests/plumbing/test_{name}.py" for name in ALWAYS_PLUMBING),
    ]:
        assert always in files
    for name, used in plumbing_in_use(flags).items():
        paths = plumbing_paths(name, typed)
        if used:
            assert paths <= files, f"{name} is used but {paths - files} are missing"
        else:
            assert not paths & files, f"{name} is unused but {paths & files} are there"
    # The examples sit at the top of the package, the plumbing in its own subpackage.
    top = {
        f.split("/")[2]
        for f in files
        if f.startswith(f"src/{PACKAGE}/") and f.count("/") == 2 and f.endswith(".py")
    }
    examples = {e for f, e in EXAMPLE_OF_FLAG.items() if flags[f]}
    examples |= {"windows"} if flags["with_events"] else set()
    assert top == {f"{name}.py" for name in {"__init__", "__main__", "app", "commands", *examples}}
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
    distribution = flags.get("distribution", DISTRIBUTIONS[0])
    shipped = shipped_files(distribution)
    assert shipped <= files, shipped - files
    unshipped = set().union(*map(shipped_files, DISTRIBUTIONS)) - shipped
    assert not unshipped & files, unshipped & files
    release = ".github/workflows/release.yml"
    assert (release in files) == (
        distribution == "installers" and flags.get("with_github_actions", True)
    )


@COMBINATIONS
def test_no_file_is_over_400_lines(baked: Callable[..., Path], flags: dict[str, bool]) -> None:
    """Small modules: a newcomer reads each file whole (docs and licenses aside)."""
    project = baked(**flags)
    long = {
        name: lines
        for name in project_files(project)
        if Path(name).suffix in CODE_SUFFIXES and "package-lock" not in name
        for lines in [len((project / name).read_text(encoding="utf-8").splitlines())]
        if lines > MAX_LINES
    }
    assert long == {}, f"over {MAX_LINES} lines: {long}"


@COMBINATIONS
def test_config_and_readme_match_the_tooling_flags(
    baked: Callable[..., Path], flags: dict[str, bool]
) -> None:
    project = baked(**flags)
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    extras = pyproject["project"]["optional-dependencies"]
    readme = (project / "README.md").read_text()

    standalone = flags.get("distribution", DISTRIBUTIONS[0]) != "wheel"
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
    components = [p for p in source.rglob("*") if p.suffix in UNRENDERED_SUFFIXES]
    assert components, f"no components in {source}"
    page = baked(frontend=frontend) / "web"
    for component in components:
        relative = component.relative_to(source)
        assert (page / relative).read_bytes() == component.read_bytes(), relative


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
