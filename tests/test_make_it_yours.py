"""The baked README's "Make it yours" guide and AGENTS.md, followed to the letter.

The guide's code blocks are read out of the rendered README, so the guide and
these tests cannot drift apart. A block whose first line is a comment naming a
path is that new file, whole; a ``diff`` block is a patch (``git apply``); a
``bash`` block is commands to run; a ``ts`` block whose first line starts with
``// In a panel`` is page code to type-check as it stands.

Fast tier: the guide's steps for a command, an event and a channel apply to
bakes of every frontend, client and plumbing variant the README renders for,
and the result passes the project's linters and page type check; removing an
example by hand gives the bake made without it; renaming by the guide gives
the bake made with the new name (AGENTS.md and the README's other paths:
``test_agents_and_readme.py``).

Build tier (``test_a_new_command_end_to_end``): on a fresh bake of the
default frontend, with real npm and pip installs, the steps for a
new command, end to end (its ``npm run gen``, ``npm run build`` and its unit
and e2e tests, E2E_REQUIRED=1), then the project's checks as AGENTS.md lists
them and all its unit tests.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .conftest import (
    ALL_OFF,
    BENCH,
    CHAT,
    EXAMPLE_FLAGS,
    EXAMPLE_OF_FLAG,
    FRONTENDS,
    TYPED_CLIENT,
    bake,
    run,
)

PACKAGE = "my_pytauri_app"
GUIDE = "Make it yours"
COMMAND, EVENT, CHANNEL = "Add a command", "Add an event", "Add a channel"
REMOVE, RENAME = "Remove an example by hand", "Rename the app"
PATH_COMMENT = re.compile(r"^(?:#|//|<!--)\s*(?P<path>[\w.-]+(?:/[\w.-]+)+)\s*(?:-->)?$")
"""A new file's first line: ``# src/pkg/x.py``, ``// web/x.ts``, ``<!-- web/x.vue -->``."""
SNIPPET = "// In a panel"
FENCE = re.compile(r"^```(?P<lang>[\w-]*)\n(?P<body>.*?)^```$", re.M | re.S)


@dataclass(frozen=True)
class Block:
    lang: str
    body: str

    @property
    def path(self) -> str | None:
        """The new file this block is, if its first line names one."""
        match = PATH_COMMENT.match(self.body.split("\n", 1)[0])
        return match["path"] if match and self.lang != "diff" else None

    @property
    def kind(self) -> str:
        if self.lang == "diff":
            return "patch"
        if self.path:
            return "file"
        if self.lang == "bash":
            return "shell"
        if self.lang == "ts" and self.body.startswith(SNIPPET):
            return "snippet"
        return "other"


def section(readme: str, title: str) -> str:
    """The text of one ``###`` section of the guide, up to the next heading."""
    guide = readme[readme.index(f"\n## {GUIDE}\n") :]
    guide = guide[: guide.find("\n## ", 1)] if "\n## " in guide[1:] else guide
    start = guide.index(f"\n### {title}\n")
    end = guide.find("\n### ", start + 1)
    return guide[start : end if end != -1 else None]


def blocks(readme: str, title: str) -> list[Block]:
    return [Block(m["lang"], m["body"]) for m in FENCE.finditer(section(readme, title))]


def readme_of(project: Path) -> str:
    return (project / "README.md").read_text(encoding="utf-8")


HUNK = re.compile(r"^@@ -\d+(?:,(?P<old>\d+))? \+\d+(?:,(?P<new>\d+))? @@", re.M)


def check_hunk_sizes(patch: str) -> None:
    """Each hunk holds as many lines as its header says: git apply would silently
    drop the lines past a count that is too small."""
    for hunk in re.split(r"^(?=@@ )", patch, flags=re.M)[1:]:
        header, *lines = hunk.removesuffix("\n").split("\n")
        match = HUNK.match(header)
        assert match, header
        old = sum(1 for line in lines if not line.startswith("+"))
        new = sum(1 for line in lines if not line.startswith("-"))
        said = (int(match["old"] or 1), int(match["new"] or 1))
        assert (old, new) == said, f"{header} holds -{old} +{new} lines:\n{hunk}"


def git_apply(project: Path, patch: str, check: bool = False) -> None:
    check_hunk_sizes(patch)
    command = ["git", "apply", "--verbose", *(["--check"] if check else []), "-"]
    result = subprocess.run(
        command, cwd=project, input=patch, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        pytest.fail(f"the guide's patch does not apply in {project}:\n{result.stderr}\n{patch}")


def follow(project: Path, steps: list[Block], run_shell: Callable[[str], None] | None) -> None:
    """Do what the blocks say: write new files, apply patches, type snippets, run commands."""
    for number, block in enumerate(steps):
        if block.kind == "file":
            assert block.path is not None
            target = project / block.path
            assert not target.exists(), f"the guide creates {block.path}, which exists already"
            assert target.parent.is_dir(), f"the guide writes {block.path} into no folder"
            target.write_text(block.body, encoding="utf-8")
        elif block.kind == "patch":
            git_apply(project, block.body)
        elif block.kind == "snippet":
            # Page code as it stands in the README: a module of its own, type-checked.
            (project / "web" / f"guide_snippet_{number}.ts").write_text(block.body)
        elif block.kind == "shell" and run_shell is not None:
            run_shell(block.body)


def tools_env() -> dict[str, str]:
    """Run the baked package from src/ with the tools venv's Python (also as `python`)."""
    return {
        **os.environ,
        "PYTHONPATH": "src",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }


def run_env(command: list[str], cwd: Path, env: dict[str, str], timeout: float = 900) -> str:
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        pytest.fail(
            f"`{' '.join(command)}` exited {result.returncode} in {cwd}\n"
            f"--- stdout ---\n{result.stdout[-8000:]}\n--- stderr ---\n{result.stderr[-4000:]}"
        )
    return result.stdout


@contextmanager
def linked(project: Path, node_modules: Path) -> Iterator[None]:
    link = project / "node_modules"
    link.symlink_to(node_modules, target_is_directory=True)
    try:
        yield
    finally:
        link.unlink()


# --- the guide applies to every variant it is rendered for ----------------------------

NO_EVENTS_NO_STREAMS = {**ALL_OFF, BENCH: True}
"""typed_events stays (the benchmark's batching uses it); no streams, no events capability."""
VARIANTS: dict[str, dict[str, Any]] = {
    "default": {},
    "untyped": {TYPED_CLIENT: False},
    **{frontend: {"frontend": frontend} for frontend in FRONTENDS[1:]},
    "chat-alone": {**ALL_OFF, CHAT: True},
    "bench-but-no-example": NO_EVENTS_NO_STREAMS,
    "untyped-bench-but-no-example": {**NO_EVENTS_NO_STREAMS, TYPED_CLIENT: False},
    # typed_events only for the client generator; no streams, no events capability.
    "typed-smallest": {**ALL_OFF, BENCH: False},
    # No typed_events, no streams, no events capability, the hand-written client.
    "smallest": {**ALL_OFF, BENCH: False, TYPED_CLIENT: False},
}
MYPY_VARIANTS = {"default", "untyped", "smallest", "typed-smallest"}


def plumbing(project: Path, name: str) -> bool:
    return (project / "src" / PACKAGE / "plumbing" / f"{name}.py").is_file()


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_guide_applies_and_passes_the_checks(
    variant: str,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    frontend_node_modules: Callable[[str], Path],
) -> None:
    answers = VARIANTS[variant]
    project = bake(tmp_path, **answers)
    readme = readme_of(project)
    typed = answers.get(TYPED_CLIENT, True)

    # The guide says which plumbing this project has: it must be right.
    event_section = section(readme, EVENT)
    assert ("no `plumbing/typed_events.py`" in event_section) != plumbing(project, "typed_events")
    channel_section = section(readme, CHANNEL)
    assert ("streams.open()" in channel_section) == plumbing(project, "streams")
    capability = project / "src" / PACKAGE / "capabilities" / "events.toml"
    assert ("capabilities/events.toml" in event_section) != capability.is_file()

    steps = [*blocks(readme, COMMAND), *blocks(readme, EVENT), *blocks(readme, CHANNEL)]
    assert {step.kind for step in steps} >= {"file", "patch", "shell", "snippet"}
    follow(project, steps, run_shell=None)
    assert (project / "src" / PACKAGE / "text_tools.py").is_file()
    assert capability.is_file()

    node_modules = frontend_node_modules(answers.get("frontend", FRONTENDS[0]))
    with linked(project, node_modules):
        if typed:
            run_env([sys.executable, "-m", f"{PACKAGE}.plumbing.codegen"], project, tools_env())
            assert (project / "web" / "python" / "text_tools" / "index.ts").is_file()
        run(["npm", "run", "--silent", "typecheck"], project)
    run([sys.executable, "-m", "ruff", "check", "--no-cache", "."], project)
    run([sys.executable, "-m", "ruff", "format", "--check", "--no-cache", "."], project)
    if variant in MYPY_VARIANTS:
        cache = tmp_path_factory.getbasetemp() / "mypy-cache"
        # As configured in pyproject.toml: strict, over the package and tests/.
        run([sys.executable, "-m", "mypy", "--cache-dir", str(cache)], project)


# --- removing an example by hand -----------------------------------------------------


def remove_by_hand(project: Path, example: str) -> None:
    """Steps 1-3 of "Remove an example by hand": the README's rm line, then the edits."""
    [shell] = [b for b in blocks(readme_of(project), REMOVE) if b.kind == "shell"]
    [line] = [line for line in shell.body.splitlines() if f" src/{PACKAGE}/{example}.py " in line]
    run(["bash", "-euo", "pipefail", "-c", line], project)

    # The events example is two modules: events and windows.
    for module in [example, *COMPANIONS.get(example, ())]:
        remove_module_by_hand(project, module)


COMPANIONS = {"events": ["windows"]}


def remove_module_by_hand(project: Path, module: str) -> None:
    """Steps 2-3 for one module: app.py and web/panels.ts, edited as the guide says."""
    # app.py: out of the `from . import` line, out of EXAMPLE_MODULES, every call into it.
    app = project / "src" / PACKAGE / "app.py"
    source = app.read_text()
    source, imported = re.subn(
        r"^from \. import (.*)$",
        lambda m: "from . import " + ", ".join(n for n in m[1].split(", ") if n != module),
        source,
        count=1,
        flags=re.M,
    )
    source, listed = re.subn(rf"^    {module},\n", "", source, flags=re.M)
    source = re.sub(rf"^ +[^#\n]*\b{module}\.\w+\(.*\n", "", source, flags=re.M)
    assert (imported, listed) == (1, 1), "app.py no longer reads as the guide says"
    app.write_text(source)

    # web/panels.ts: its import line and its entries (a window may list it too).
    panels = project / "web" / "panels.ts"
    text = panels.read_text()
    match = re.search(rf'^import (\w+) from "\./{module}(\.\w+)?";\n', text, re.M)
    assert match, "web/panels.ts no longer reads as the guide says"
    text = text.replace(match[0], "")
    text, entries = re.subn(rf"^  {match[1]},\n", "", text, flags=re.M)
    assert entries >= 1
    panels.write_text(text)


def project_files(project: Path) -> set[str]:
    return {
        p.relative_to(project).as_posix()
        for p in project.rglob("*")
        if p.is_file() and "node_modules" not in p.parts and "__pycache__" not in p.parts
    }


@pytest.mark.parametrize("flag", EXAMPLE_FLAGS, ids=EXAMPLE_OF_FLAG.get)
def test_removing_an_example_by_hand_leaves_the_bake_made_without_it(
    flag: str, tmp_path: Path, baked: Callable[..., Path]
) -> None:
    example = EXAMPLE_OF_FLAG[flag]
    project = bake(tmp_path)
    remove_by_hand(project, example)

    without = baked(**{flag: False})
    # The guide lets unused plumbing stay: compare all the rest.
    kept_plumbing = {
        f
        for f in project_files(project) - project_files(without)
        if f.startswith((f"src/{PACKAGE}/plumbing/", "tests/plumbing/", "web/lib/"))
        or f.endswith("capabilities/events.toml")
    }
    assert project_files(project) - kept_plumbing == project_files(without)
    for edited in (f"src/{PACKAGE}/app.py", "web/panels.ts"):
        assert (project / edited).read_text() == (without / edited).read_text(), edited


# --- renaming ---------------------------------------------------------------------------


def test_renaming_by_the_guide_gives_the_bake_made_with_the_new_name(
    tmp_path: Path, baked: Callable[..., Path]
) -> None:
    project = bake(tmp_path)
    [shell] = [b for b in blocks(readme_of(project), RENAME) if b.kind == "shell"]
    names = dict(re.findall(r'(\w+)="([^"]*)"', shell.body.splitlines()[0]))
    assert names["new_slug"] == "my-new-app", names

    run(["bash", "-euo", "pipefail", "-c", shell.body], project)

    renamed = baked(project_name=names["new_name"])
    assert project_files(project) == project_files(renamed)
    for name in sorted(project_files(renamed)):
        ours, theirs = (project / name).read_bytes(), (renamed / name).read_bytes()
        assert ours == theirs, f"{name} differs from a bake named {names['new_name']!r}"


# --- AGENTS.md ----------------------------------------------------------------------------


# --- build tier: a new command, end to end ---------------------------------------------------


@pytest.mark.build
def test_a_new_command_end_to_end(tmp_path: Path) -> None:
    # The default frontend: the fast tier applies the same steps to every frontend.
    project = bake(tmp_path)
    venv = project / ".venv"
    env = {
        **os.environ,
        "E2E_REQUIRED": "1",
        "VIRTUAL_ENV": str(venv),
        "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
    }
    run_env(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"], project, env)
    run_env([sys.executable, "-m", "venv", ".venv"], project, env)
    run_env(["python", "-m", "pip", "install", "-q", "-e", ".[dev]"], project, env)

    ran: list[str] = []

    def shell(script: str) -> None:
        ran.append(script)
        print(run_env(["bash", "-euo", "pipefail", "-c", script], project, env))

    follow(project, blocks(readme_of(project), COMMAND), run_shell=shell)
    script = "\n".join(ran)
    for expected in ("npm run gen", "npm run build", "tests/e2e/test_text_tools_e2e.py"):
        assert expected in script, f"the guide's steps no longer run {expected}"
    assert (project / "web" / "python" / "text_tools" / "apiClient.ts").is_file()

    # The project's checks, as AGENTS.md lists them, and the page's build.
    agents = (project / "AGENTS.md").read_text()
    checks = next(
        m["body"]
        for m in FENCE.finditer(agents)
        if "ruff check" in m["body"] and m["lang"] == "bash"
    )
    for line in filter(None, (line.split("#")[0].strip() for line in checks.splitlines())):
        run_env(["bash", "-euo", "pipefail", "-c", line], project, env)
    run_env(["npm", "run", "build"], project, env)
    # Its own unit tests, all of them (the guide ran the new e2e test; the whole e2e suite
    # is test_build's).
    report = run_env(
        ["python", "-m", "pytest", "-p", "no:cacheprovider", "-m", "not e2e"], project, env
    )
    print(report)
    assert " passed" in report
