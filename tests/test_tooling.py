"""Fast tier: the tooling a baked project comes with works as its README says.

- the GitHub Actions workflow passes a real workflow linter (which rejects
  broken ones), is copied without rendering and runs the checks and builds;
- `pre-commit run --all-files` passes on a fresh bake, and catches problems;
- a project made with `cruft create` takes a later template change through
  `cruft update`, keeping its own edits;
- uv and pip install the same dev tools: uv's `dev` group is the pip extra
  (tests/test_uv.py runs `uv sync` and `uv run pytest` for real).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from .conftest import TEMPLATE, bake, run

WORKFLOW = Path(".github/workflows/ci.yml")
TOOLS_BIN = Path(sys.executable).parent
# Any attempt to reach the network through these fails at once.
OFFLINE = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"}
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
}


def run_with(
    command: list[str], cwd: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """Run a command with extra environment variables; return it, whatever its exit code."""
    return subprocess.run(
        command,
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def git(*args: str, cwd: Path) -> None:
    result = run_with(["git", *args], cwd, GIT_IDENTITY)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stdout}{result.stderr}"


def lint_workflow(path: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema with the GitHub workflow schema it ships (no download)."""
    command = [sys.executable, "-m", "check_jsonschema"]
    command += ["--builtin-schema", "vendor.github-workflows", str(path)]
    return run_with(command, path.parent, OFFLINE)


# --- the GitHub Actions workflow ---------------------------------------------


def test_workflow_passes_the_linter_offline(baked: Callable[..., Path]) -> None:
    result = lint_workflow(baked() / WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    runs-on: ubuntu-24.04", "    runs_on: ubuntu-24.04"),  # misspelt key
        ("  pull_request:", "  pull_requests:"),  # no such event
        ("    shell: bash", "    shell: [bash]"),  # wrong type
    ],
    ids=["misspelt-key", "unknown-event", "wrong-type"],
)
def test_the_linter_rejects_a_broken_workflow(
    baked: Callable[..., Path], tmp_path: Path, old: str, new: str
) -> None:
    text = (baked() / WORKFLOW).read_text()
    assert old in text
    broken = tmp_path / "ci.yml"
    broken.write_text(text.replace(old, new, 1))
    result = lint_workflow(broken)
    assert result.returncode != 0
    assert "Schema validation errors" in result.stdout


def test_workflow_is_copied_unrendered_and_names_no_project(
    baked: Callable[..., Path],
) -> None:
    project = baked(project_name="Workflow Naming Check")
    text = (project / WORKFLOW).read_text()
    assert text == (TEMPLATE / "{{cookiecutter.project_slug}}" / WORKFLOW).read_text()
    assert "${{ matrix.os }}" in text  # GitHub's expressions survive as written
    assert not re.search(r"workflow[-_]naming[-_]check", text, re.IGNORECASE)


def test_workflow_runs_the_checks_and_builds_on_three_systems(
    baked: Callable[..., Path],
) -> None:
    workflow = yaml.safe_load((baked() / WORKFLOW).read_text())
    jobs = workflow["jobs"]

    checks = "\n".join(step.get("run", "") for step in jobs["checks"]["steps"])
    for command in ["npm run build", "uv sync --locked", "uv sync"] + [
        f"uv run {tool}" for tool in ["ruff check .", "ruff format --check .", "mypy", "pytest"]
    ]:
        assert re.search(rf"^\s*{re.escape(command)}$", checks, re.MULTILINE), command
    for package in ["libwebkit2gtk-4.1-0", "xvfb", "webkit2gtk-driver"]:
        assert package in checks
    assert jobs["checks"]["runs-on"].startswith("ubuntu")

    package = jobs["package"]
    systems = package["strategy"]["matrix"]["os"]
    assert {system.split("-")[0] for system in systems} == {"ubuntu", "macos", "windows"}
    builds = "\n".join(step.get("run", "") for step in package["steps"])
    assert "uv build --wheel" in builds
    assert "pyinstaller --noconfirm --distpath dist/standalone standalone.spec" in builds
    uploads = [s for s in package["steps"] if "actions/upload-artifact" in s.get("uses", "")]
    assert {u["with"]["name"].split("-")[0] for u in uploads} == {"wheel", "standalone"}


def test_workflow_sets_up_uv_with_its_cache_and_no_pip(baked: Callable[..., Path]) -> None:
    workflow = yaml.safe_load((baked() / WORKFLOW).read_text())
    for name, job in workflow["jobs"].items():
        setup = [s for s in job["steps"] if s.get("uses", "").startswith("astral-sh/setup-uv@")]
        assert len(setup) == 1, name
        # setup-uv publishes exact tags only since v8: a bare @v9 does not resolve.
        assert re.fullmatch(r"astral-sh/setup-uv@v\d+\.\d+\.\d+", setup[0]["uses"]), name
        assert setup[0]["with"]["enable-cache"] is True, name
        runs = "\n".join(step.get("run", "") for step in job["steps"])
        assert not re.search(r"\bpip install\b", runs), name


def test_workflow_finds_the_project_name_as_its_smoke_test_expects(
    baked: Callable[..., Path],
) -> None:
    # The smoke test's one-liner reads the name that the app folder is named after.
    project = baked(project_name="Café Ünïcode App")
    text = (project / WORKFLOW).read_text()
    match = re.search(r'name=\$\(python -c "(.+)"\)', text)
    assert match is not None
    printed = run([sys.executable, "-c", match.group(1)], project).stdout.strip()
    assert printed == project.name == "cafe-unicode-app"


# --- uv and pip: one list of dev tools ----------------------------------------


@pytest.mark.parametrize(
    "flags",
    [{}, {"with_pre_commit": False}, {"distribution": "wheel", "with_pre_commit": False}],
    ids=["default", "no-pre-commit", "wheel-no-pre-commit"],
)
def test_uv_dev_group_is_the_pip_dev_extra(
    baked: Callable[..., Path], flags: dict[str, bool]
) -> None:
    pyproject = tomllib.loads((baked(**flags) / "pyproject.toml").read_text())
    name = pyproject["project"]["name"]
    # `uv sync` installs the dev group, `pip install -e ".[dev]"` the extra:
    # the group names the extra through the project, so the two cannot drift.
    assert pyproject["dependency-groups"] == {"dev": [f"{name}[dev]"]}
    extras = pyproject["project"]["optional-dependencies"]
    tools = {re.split(r"[ <>=~!;\[]", requirement, maxsplit=1)[0] for requirement in extras["dev"]}
    assert {"pytest", "selenium", "ruff", "mypy", "build", "watchfiles"} <= tools
    assert ("pre-commit" in tools) == flags.get("with_pre_commit", True)
    assert ("standalone" in extras) == (flags.get("distribution", "installers") != "wheel")


# --- pre-commit --------------------------------------------------------------


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's cache (the hook environments), shared by the session."""
    return tmp_path_factory.mktemp("pre-commit-home")


def pre_commit(project: Path, home: Path) -> subprocess.CompletedProcess[str]:
    # ruff and mypy are `language: system` hooks: they come from the venv on
    # PATH, here the template's tools (which include the app's dependencies).
    env = {"PRE_COMMIT_HOME": str(home), "PATH": f"{TOOLS_BIN}{os.pathsep}{os.environ['PATH']}"}
    return run_with([sys.executable, "-m", "pre_commit", "run", "--all-files"], project, env)


def test_pre_commit_passes_on_a_fresh_bake(tmp_path: Path, pre_commit_home: Path) -> None:
    project = bake(tmp_path)
    git("init", "-q", cwd=project)
    git("add", ".", cwd=project)
    result = pre_commit(project, pre_commit_home)
    assert result.returncode == 0, result.stdout + result.stderr
    for hook in ["ruff check", "ruff format", "mypy (strict)", "check yaml", "check toml"]:
        assert re.search(rf"^{re.escape(hook)}\.+Passed$", result.stdout, re.MULTILINE), hook


def test_pre_commit_catches_problems(tmp_path: Path, pre_commit_home: Path) -> None:
    project = bake(tmp_path)
    package = next(p for p in (project / "src").iterdir() if p.is_dir())
    (project / "NOTES.md").write_text("Trailing spaces   \n")
    (package / "oops.py").write_text('"""A type error."""\n\nANSWER: int = "forty-two"\n')
    git("init", "-q", cwd=project)
    git("add", ".", cwd=project)
    result = pre_commit(project, pre_commit_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"^trim trailing whitespace\.+Failed$", result.stdout, re.MULTILINE)
    assert re.search(r"^mypy \(strict\)\.+Failed$", result.stdout, re.MULTILINE)
    assert (project / "NOTES.md").read_text() == "Trailing spaces\n"  # fixed in place


# --- template updates with cruft ----------------------------------------------


def test_cruft_update_brings_a_template_change_into_a_project(tmp_path: Path) -> None:
    # A copy of this template in its own git repository, as a user would clone it.
    template = tmp_path / "template"
    skip = shutil.ignore_patterns(
        ".git", ".venv", "build", "node_modules", "__pycache__", ".*_cache"
    )
    shutil.copytree(TEMPLATE, template, ignore=skip)
    git("init", "-q", cwd=template)
    git("add", ".", cwd=template)
    git("commit", "-q", "-m", "template v1", cwd=template)

    cruft = [sys.executable, "-m", "cruft"]
    run([*cruft, "create", str(template), "--no-input", "--output-dir", "out"], tmp_path)
    project = tmp_path / "out" / "my-pytauri-app"
    assert (project / ".cruft.json").is_file()  # the template, its commit, the answers
    readme = project / "README.md"
    readme.write_text("Our own first line.\n\n" + readme.read_text())  # a local edit
    git("init", "-q", cwd=project)
    git("add", ".", cwd=project)
    git("commit", "-q", "-m", "project from template v1", cwd=project)
    assert run_with([*cruft, "check"], project, {}).returncode == 0

    # The template improves: a new line, rendered with the project's answers.
    template_readme = template / "{{cookiecutter.project_slug}}" / "README.md"
    template_readme.write_text(
        template_readme.read_text() + "\nUpdated template for {{ cookiecutter.project_name }}.\n"
    )
    git("commit", "-q", "-am", "template v2", cwd=template)
    assert run_with([*cruft, "check"], project, {}).returncode == 1  # out of date

    run([*cruft, "update", "--skip-apply-ask"], project)

    text = readme.read_text()
    assert text.startswith("Our own first line.\n")
    assert text.endswith("\nUpdated template for My PyTauri App.\n")
    assert run_with([*cruft, "check"], project, {}).returncode == 0
