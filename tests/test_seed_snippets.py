"""The seed page's JavaScript runs verbatim against a default bake.

`../shared/reference/pytauri-data-sharing-apis.md` is the page users read
beside this template. The baked project's e2e tests
(`tests/e2e/test_<api>_seed_e2e.py`) run its snippets in the real app; each
snippet is a module constant named `SEED_...`. This test holds those
constants against the page itself: each must be a verbatim part of one of its
JavaScript blocks, and together they must cover every line of code the page
shows, so a snippet cannot be quietly edited to make it pass, nor left out.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import TEMPLATE

SEED_PAGE = TEMPLATE.parent / "shared" / "reference" / "pytauri-data-sharing-apis.md"
JAVASCRIPT_BLOCK = re.compile(r"```javascript\n(.*?)```", re.DOTALL)
# The page's "auto-generated functions" lines call `greet({ name })` and read
# `.message`, which contradicts its own `pyInvoke("greet", "World")` answering
# "Hello, World!"; the app follows the pyInvoke form (the client it generates
# is `greet(body: string)`). Its import path `@/python/apiClient` is a bundler
# alias the page does not define either.
EXCUSED = (
    'const greeting = await greet({ name: "World" });',
    'console.log(greeting.message); // "Hello, World!"',
    "const version = await getVersion();",
    "console.log(version); // Python version string",
)


def javascript_blocks() -> list[str]:
    if not SEED_PAGE.is_file():
        pytest.skip(f"the seed page is not beside the template ({SEED_PAGE})")
    return JAVASCRIPT_BLOCK.findall(SEED_PAGE.read_text(encoding="utf-8"))


def seed_constants(project: Path) -> dict[str, str]:
    """Every module-level `SEED_* = "..."` of the baked seed e2e tests, by name."""
    found: dict[str, str] = {}
    for path in sorted((project / "tests" / "e2e").glob("test_*_seed_e2e.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)):
                continue
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id.startswith("SEED_"):
                    assert isinstance(node.value.value, str), target.id
                    found[f"{path.name}:{target.id}"] = node.value.value
    return found


def code_lines(block: str) -> list[str]:
    """The lines that do something: no imports, comments or blank lines."""
    return [
        line.strip()
        for line in block.splitlines()
        if line.strip() and not line.strip().startswith(("import ", "//"))
    ]


def test_every_seed_snippet_is_verbatim_from_the_seed_page(baked: Callable[..., Path]) -> None:
    blocks = javascript_blocks()
    constants = seed_constants(baked())
    assert constants, "the baked e2e tests hold no SEED_ snippets"
    for name, snippet in constants.items():
        assert any(snippet.strip("\n") in block for block in blocks), (
            f"{name} is not a verbatim part of the seed page:\n{snippet}"
        )


def test_the_seed_snippets_cover_every_line_of_the_seed_page(baked: Callable[..., Path]) -> None:
    snippets = "\n".join(seed_constants(baked()).values())
    covered = {line.strip() for line in snippets.splitlines()}
    missing = [
        line
        for block in javascript_blocks()
        for line in code_lines(block)
        if line not in covered and line not in EXCUSED
    ]
    assert missing == [], "seed page lines no e2e test runs:\n" + "\n".join(missing)


def test_the_excused_lines_are_still_on_the_seed_page() -> None:
    """If the page changes, the excuse above must be looked at again."""
    lines = {line for block in javascript_blocks() for line in code_lines(block)}
    assert set(EXCUSED) <= lines
