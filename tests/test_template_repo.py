"""The template as a maintained project: its own workflow, and dependency updates.

The workflow (.github/workflows/template.yml) must parse against GitHub's
schema (offline, check-jsonschema's own copy) and run what `.ci/run` runs. The
Renovate config (.github/renovate.json) must cover every file that pins a
version: the baked project's files are Jinja, which no package manager
parses, so regex managers read them, and a test here reads them the same way.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import TEMPLATE
from .test_tooling import lint_workflow

WORKFLOW = TEMPLATE / ".github" / "workflows" / "template.yml"
RENOVATE = TEMPLATE / ".github" / "renovate.json"
PROJECT = "{{cookiecutter.project_slug}}"

# Renovate's own default fileMatch of the built-in managers this config enables.
BUILT_IN_FILE_MATCH = {
    "github-actions": [
        r"(^|/)(workflow-templates|\.(?:github|gitea|forgejo)/(?:workflows|actions))/.+\.ya?ml$"
    ],
    "pep621": [r"(^|/)pyproject\.toml$"],
}
# The minors compiled into pytauri-wheel 0.8 (../shared/reference/pytauri-0.8-desktop-facts.md).
COMPILED_MINORS = {
    "@tauri-apps/api": "2.8",
    "@tauri-apps/plugin-notification": "2.3",
    "@tauri-apps/plugin-opener": "2.5",
}


def pinned_files() -> set[str]:
    """Every file of the repository that pins versions, found by name."""
    names = ("package.json", "pyproject.toml", ".pre-commit-config.yaml")
    found = {
        path.relative_to(TEMPLATE).as_posix()
        for path in TEMPLATE.rglob("*")
        if path.is_file()
        and (path.name in names or path.parent.name == "workflows")
        and not {".venv", "node_modules", "build", ".git"} & set(path.relative_to(TEMPLATE).parts)
    }
    return found


def pins(relative: str) -> set[str]:
    """The names of the packages (or actions) a file pins, read independently of Renovate."""
    text = (TEMPLATE / relative).read_text(encoding="utf-8")
    if relative.endswith("package.json"):
        # Lines of the dependency blocks: "name": "range".
        blocks = re.findall(r'"(?:dev)?[dD]ependencies": \{(.*?)\n  \}', text, re.S)
        return set(re.findall(r'^\s+"([^"]+)": "[^"]*\d', "\n".join(blocks), re.M))
    if relative.endswith("pyproject.toml"):
        return set(re.findall(r'^\s+"([A-Za-z0-9][A-Za-z0-9._-]*) ?(?:~=|>=|==)', text, re.M))
    if relative.endswith(".pre-commit-config.yaml"):
        return set(re.findall(r"([A-Za-z0-9][A-Za-z0-9._-]*)==\d", text))
    return set(re.findall(r"^\s+(?:- )?uses: ([^@\s]+)@", text, re.M))


def covered(config: dict[str, Any], relative: str) -> set[str]:
    """The pins of ``relative`` that some manager of ``config`` reads."""
    text = (TEMPLATE / relative).read_text(encoding="utf-8")
    read: set[str] = set()
    for manager in config.get("customManagers", []):
        if any(re.search(pattern, relative) for pattern in manager["fileMatch"]):
            for pattern in manager["matchStrings"]:
                # Renovate's named groups are JavaScript's: (?<name>...), Python's (?P<name>...).
                python_pattern = re.sub(r"\(\?<(?=\w)", "(?P<", pattern)
                read |= {m["depName"] for m in re.finditer(python_pattern, text)}
    for name, defaults in BUILT_IN_FILE_MATCH.items():
        if name not in config["enabledManagers"]:
            continue
        patterns = [*defaults, *config.get(name, {}).get("fileMatch", [])]
        if not any(re.search(pattern, relative) for pattern in patterns):
            continue
        if name == "pep621" and relative.startswith(PROJECT):
            continue  # Jinja: pep621 cannot parse it (a regex manager must)
        read |= pins(relative)
    return read


def renovate() -> dict[str, Any]:
    config: dict[str, Any] = json.loads(RENOVATE.read_text(encoding="utf-8"))
    return config


def test_the_pinned_files_are_the_ones_this_test_knows() -> None:
    assert pinned_files() == {
        "pyproject.toml",
        ".pre-commit-config.yaml",
        ".github/workflows/template.yml",
        f"{PROJECT}/package.json",
        f"{PROJECT}/pyproject.toml",
        f"{PROJECT}/.pre-commit-config.yaml",
        f"{PROJECT}/.github/workflows/ci.yml",
        f"{PROJECT}/.github/workflows/release.yml",
    }


@pytest.mark.parametrize("relative", sorted(pinned_files()))
def test_renovate_reads_every_pin_of_every_pinned_file(relative: str) -> None:
    expected = pins(relative)
    assert expected, f"found no pins in {relative}: the test's reader is stale"
    assert covered(renovate(), relative) >= expected


@pytest.mark.parametrize("manager", range(3), ids=["package.json", "pyproject", "pre-commit"])
def test_a_file_left_out_of_renovate_is_caught(manager: int) -> None:
    config = copy.deepcopy(renovate())
    patterns = config["customManagers"][manager]["fileMatch"]
    config["customManagers"][manager]["fileMatch"] = []
    left_out = [f for f in pinned_files() if any(re.search(p, f) for p in patterns)]

    assert left_out
    for relative in left_out:
        assert not covered(config, relative) >= pins(relative)


def test_updates_come_as_one_pull_request_per_ecosystem() -> None:
    rules = renovate()["packageRules"]
    groups = {rule["groupName"] for rule in rules if "groupName" in rule}
    assert {"npm packages", "Python packages", "GitHub Actions"} <= groups


@pytest.mark.parametrize("package", COMPILED_MINORS)
def test_tauri_js_packages_stay_on_the_minors_pytauri_wheel_compiles_in(package: str) -> None:
    [rule] = [r for r in renovate()["packageRules"] if r.get("matchPackageNames") == [package]]
    assert rule["description"]  # says why
    minor = COMPILED_MINORS[package]
    pinned = json.loads(
        re.sub(
            r"\{%.*?%\}|\{\{.*?\}\}",
            "",
            (TEMPLATE / PROJECT / "package.json").read_text(),
            flags=re.S,
        )
    )["dependencies"][package]
    assert re.fullmatch(rf"[~^]?{re.escape(minor)}\.\d+", pinned), pinned
    assert minor in rule["allowedVersions"]


# --- the workflow ------------------------------------------------------------


def test_the_workflow_passes_the_linter_offline() -> None:
    result = lint_workflow(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_broken_workflow_fails_the_linter(tmp_path: Path) -> None:
    broken = tmp_path / "template.yml"
    broken.write_text(WORKFLOW.read_text().replace("runs-on:", "runs_on:", 1))
    result = lint_workflow(broken)
    assert result.returncode != 0
    assert "Schema validation errors" in result.stdout


def test_the_workflow_runs_what_ci_runs_here() -> None:
    jobs = yaml.safe_load(WORKFLOW.read_text())["jobs"]
    assert jobs["fast"]["strategy"]["matrix"]["os"] == [
        "ubuntu-24.04",
        "macos-latest",
        "windows-latest",
    ]
    fast = "\n".join(step.get("run", "") for step in jobs["fast"]["steps"])
    assert 'python -m pytest -n auto -m "not build and not standalone"' in fast
    build = "\n".join(step.get("run", "") for step in jobs["build"]["steps"])
    assert "scripts/demo --check" in build
    assert 'scripts/test -m "build or standalone"' in build
    assert jobs["build"]["runs-on"].startswith("ubuntu")
    # Caches: pip (setup-python) and npm's download folder.
    for job in jobs.values():
        uses = {step.get("uses", "").split("@")[0]: step for step in job["steps"]}
        assert uses["actions/setup-python"]["with"]["cache"] == "pip"
        assert uses["actions/cache"]["with"]["path"] == "~/.npm"


def test_the_workflow_never_reaches_a_bake(baked: Any) -> None:
    project = baked()
    assert not (project / ".github" / "workflows" / "template.yml").exists()
    assert not (project / ".github" / "renovate.json").exists()


# --- the template's version --------------------------------------------------


def test_the_changelog_starts_at_the_templates_version() -> None:
    version = json.loads((TEMPLATE / "cookiecutter.json").read_text())["_template_version"]
    headings = re.findall(
        r"^## (\d+\.\d+\.\d+) — (\d{4}-\d{2}-\d{2})$",
        (TEMPLATE / "CHANGELOG.md").read_text(encoding="utf-8"),
        re.M,
    )
    assert headings, "CHANGELOG.md has no '## X.Y.Z — YYYY-MM-DD' heading"
    assert headings[0][0] == version
    assert [h[1] for h in headings] == sorted((h[1] for h in headings), reverse=True)


def test_the_changelog_stays_in_the_template(baked: Any) -> None:
    project = baked()
    assert not (project / "CHANGELOG.md").exists()  # the template's, not the app's
