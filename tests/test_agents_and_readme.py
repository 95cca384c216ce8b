"""AGENTS.md and the baked README name only what the bake has.

Every command AGENTS.md tells a coding assistant to run exists (npm scripts,
``python -m`` modules, tools the dev dependencies bring), every path it or
the README names is in the bake (the "Make it yours" guide's own paths are
the ones it creates: ``test_make_it_yours.py`` follows it).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import ALL_OFF, BENCH, TYPED_CLIENT
from .test_make_it_yours import FENCE, GUIDE, PACKAGE, VARIANTS, readme_of

AGENT_VARIANTS = {
    "default": {},
    "smallest": {**ALL_OFF, BENCH: False, TYPED_CLIENT: False},
    "react": {"frontend": "react"},
}
VENV_TOOLS = {"pytest", "ruff", "mypy", "pip", "python"}
BUILT = ("dist/", f"src/{PACKAGE}/frontend", "frontend/")
"""Paths the README and AGENTS.md name that a build makes."""


@pytest.mark.parametrize("variant", AGENT_VARIANTS)
def test_every_command_and_path_agents_md_names_exists(
    variant: str, baked: Callable[..., Path]
) -> None:
    project = baked(**AGENT_VARIANTS[variant])
    agents = (project / "AGENTS.md").read_text(encoding="utf-8")
    scripts = json.loads((project / "package.json").read_text())["scripts"]
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    dev = " ".join(pyproject["project"]["optional-dependencies"]["dev"])

    for script in re.findall(r"\bnpm run (\w+)", agents):
        assert script in scripts, (
            f"AGENTS.md names `npm run {script}`, package.json has no such script"
        )
    for module in re.findall(r"\bpython -m ([\w.]+)", agents):
        if module in {"venv", "pip"}:
            continue
        # The app's modules sit under src/; the shipping tools at the root (ship/).
        root = project if module.split(".")[0] == "ship" else project / "src"
        path = root / Path(*module.split("."))
        assert path.with_suffix(".py").is_file() or (path / "__main__.py").is_file(), module
    commands = [
        line.split("#")[0].strip()
        for block in FENCE.finditer(agents)
        if block["lang"] == "bash"
        for line in block["body"].splitlines()
    ]
    for command in filter(None, commands):
        for part in re.split(r"&&|\|", command):
            words = [w for w in part.split() if "=" not in w]
            tool = words[0] if words else ""
            if tool in {"npm", "python", "."}:
                continue
            assert tool in VENV_TOOLS, f"AGENTS.md runs {tool!r}, which the project does not bring"
            if tool != "python":
                assert tool in dev or tool == "pip", f"{tool} is not a dev dependency"
    for cited in re.findall(r"`([^`\s]+)`", agents):
        if "<" in cited or cited.startswith(("@", "http", "-", *BUILT)):
            continue
        if "/" not in cited and not re.search(r"\.(py|ts|md|html|toml|json)$", cited):
            continue
        # Paths from the project folder, or (plumbing/...) from the package's.
        places = [project / cited.rstrip("/"), project / "src" / PACKAGE / cited.rstrip("/")]
        assert any(p.exists() for p in places), f"AGENTS.md names {cited}, not in the bake"
    # The checks it lists are the ones CI runs, plus the page's.
    assert re.search(r"^mypy\b", agents, re.M), "AGENTS.md lists no type check"
    assert ("npm run gen" in agents) == AGENT_VARIANTS[variant].get(TYPED_CLIENT, True)


# --- the rest of the README --------------------------------------------------------------

APP_DATA = {"chat/"}
"""Folders in the app's data folder, not in the project."""


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_path_the_readme_names_exists(variant: str, baked: Callable[..., Path]) -> None:
    project = baked(**VARIANTS[variant])
    readme = readme_of(project)
    # The guide's own paths are those it creates: the tests above follow it.
    guide = readme[readme.index(f"\n## {GUIDE}\n") : readme.index("\n## Checks\n")]
    rest = readme.replace(guide, "")
    missing = []
    for cited in sorted(set(re.findall(r"`([\w./-]+)`", rest))):
        if "/" not in cited or cited.startswith(("http", "/", "-", ".")) or "..." in cited:
            continue
        if cited.startswith(BUILT) or cited in APP_DATA:
            continue
        places = [project / cited, project / "src" / PACKAGE / cited, project / "web" / cited]
        if not any(p.exists() for p in places):
            missing.append(cited)
    assert missing == [], f"the README names paths that are not in the bake: {missing}"
