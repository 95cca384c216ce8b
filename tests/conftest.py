"""Shared by the template's tests: bake the template, load its hooks."""

from __future__ import annotations

import importlib.util
import itertools
import subprocess
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from cookiecutter.main import cookiecutter

TEMPLATE = Path(__file__).resolve().parents[1]
EXAMPLE_OF_FLAG = {
    "with_channels": "channels",
    "with_events": "events",
    "with_state": "state",
    "with_js_eval": "js_eval",
    "with_chat_demo": "chat",
    "with_desktop": "desktop",
}
EXAMPLE_FLAGS = tuple(EXAMPLE_OF_FLAG)
"""Every example stands alone: each combination is allowed (see ALL_FLAG_COMBINATIONS)."""
CHAT = "with_chat_demo"
DESKTOP = "with_desktop"
IPC_FLAGS = tuple(flag for flag in EXAMPLE_FLAGS if flag != DESKTOP)
"""The examples of the five ways data moves (and the chat that uses them all)."""
BENCH = "with_bench"
# Project tooling, each on by default: flag -> the files it adds to a bake.
TOOLING_FILES = {
    "with_github_actions": [".github/workflows/ci.yml"],
    "with_pre_commit": [".pre-commit-config.yaml"],
    BENCH: [
        "src/my_pytauri_app/bench/__main__.py",
        "src/my_pytauri_app/bench/bare/frontend/index.html",
        "web/lib/bench.ts",
        "tests/test_bench.py",
    ],
}
TOOLING_FLAGS = tuple(TOOLING_FILES)
DISTRIBUTIONS = ("installers", "standalone", "wheel")
"""The `distribution` answers, each shipping less than the one before; installers is the default."""
DISTRIBUTION_FILES = {
    "installers": [
        "ship/__main__.py",
        "ship/linux.py",
        "ship/windows.py",
        "ship/windows.nsi",
        "ship/macos.py",
        "ship/linux_files.py",
        "tests/shipping/test_linux.py",
        "tests/shipping/test_windows.py",
    ],
    "standalone": ["standalone.spec"],
    "wheel": [
        "ship/project.py",
        "ship/version.py",
        "ship/icons.py",
        "ship/app-icon.png",
        "ship/icons/icon.ico",
        "ship/icons/icon.icns",
        "ship/icons/256x256.png",
        "tests/shipping/test_version.py",
        "tests/shipping/test_icons.py",
    ],
}
"""What each distribution adds to the one after it (and the release workflow, with
GitHub Actions on): a bake holds its own files and every later one's."""


def shipped_files(distribution: str) -> set[str]:
    """The files of the ship/ tools and builds a bake with this distribution has."""
    kinds = list(DISTRIBUTION_FILES)
    return {f for kind in kinds[kinds.index(distribution) :] for f in DISTRIBUTION_FILES[kind]}


FRONTENDS = ("vanilla-ts", "react", "vue", "svelte")
"""The `frontend` answers; vanilla-ts is the default."""
TYPED_CLIENT = "with_typed_client"
"""On by default: the page's client is generated from Python (off: written by hand)."""

ALL_ON = dict.fromkeys(EXAMPLE_FLAGS, True)
ALL_OFF = dict.fromkeys(EXAMPLE_FLAGS, False)
CHAT_ALONE = {**ALL_OFF, CHAT: True}
ALL_FLAG_COMBINATIONS = [
    {**dict(zip(IPC_FLAGS, values, strict=True)), DESKTOP: True}
    for values in itertools.product([True, False], repeat=len(IPC_FLAGS))
] + [
    {**ALL_ON, DESKTOP: False},
    {**ALL_OFF, "with_events": True},
    CHAT_ALONE,
    ALL_OFF,
]
"""All 32 combinations of the five IPC example flags with the desktop example
on (its default), and four with it off: all on, events alone, chat alone, all
off. The desktop example meets the others only through the events one (File >
New window) and the shared plumbing, which these four cover."""
SMOKE_COMBINATIONS = [ALL_ON, ALL_OFF, CHAT_ALONE]
"""What every other frontend bakes: all on, all off, and the chat alone."""


def combination_id(flags: dict[str, Any]) -> str:
    """A readable test id: the frontend (if not the default), then the examples
    that are on, or 'commands-only'."""
    on = [example for flag, example in EXAMPLE_OF_FLAG.items() if flags.get(flag, True)]
    frontend = flags.get("frontend", FRONTENDS[0])
    prefix = "" if frontend == FRONTENDS[0] else f"{frontend}:"
    return prefix + ("+".join(on) or "commands-only")


def load_hook(name: str) -> ModuleType:
    """Import hooks/<name>.py as a module (its Jinja lives only under __main__)."""
    spec = importlib.util.spec_from_file_location(name, TEMPLATE / "hooks" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def pre_gen() -> ModuleType:
    return load_hook("pre_gen_project")


@pytest.fixture(scope="session")
def post_gen() -> ModuleType:
    return load_hook("post_gen_project")


def bake(output_dir: Path, **answers: Any) -> Path:
    """Bake the template without prompts; return the project folder."""
    return Path(
        cookiecutter(str(TEMPLATE), no_input=True, extra_context=answers, output_dir=output_dir)
    )


@pytest.fixture(scope="session")
def baked(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """Bake once per set of answers for the whole session (bakes are read-only)."""
    cache: dict[tuple[tuple[str, Any], ...], Path] = {}

    def get(**answers: Any) -> Path:
        key = tuple(sorted(answers.items()))
        if key not in cache:
            cache[key] = bake(tmp_path_factory.mktemp("bake"), **answers)
        return cache[key]

    return get


def run(command: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run a command; on failure, fail the test with its output."""
    result = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        pytest.fail(
            f"`{' '.join(command)}` exited {result.returncode} in {cwd}\n"
            f"--- stdout ---\n{result.stdout[-6000:]}\n--- stderr ---\n{result.stderr[-6000:]}"
        )
    return result


@pytest.fixture(scope="session")
def frontend_node_modules(
    tmp_path_factory: pytest.TempPathFactory, baked: Callable[..., Path]
) -> Callable[[str], Path]:
    """One `npm install` per frontend, shared by every bake's type check.

    package.json depends on the frontend only (the typed client adds a dev tool
    that the hand-written client's bakes do not use), so one install serves all
    bakes of a frontend.
    """
    installed: dict[str, Path] = {}

    def get(frontend: str) -> Path:
        if frontend not in installed:
            folder = tmp_path_factory.mktemp(f"npm-{frontend}")
            package_json = baked(frontend=frontend) / "package.json"
            (folder / "package.json").write_bytes(package_json.read_bytes())
            run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"], folder)
            installed[frontend] = folder / "node_modules"
        return installed[frontend]

    return get


@pytest.fixture(scope="session")
def node_modules(frontend_node_modules: Callable[[str], Path]) -> Path:
    """The default frontend's node_modules (tsc, json2ts): for checks of the client."""
    return frontend_node_modules(FRONTENDS[0])
