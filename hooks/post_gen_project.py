"""Shape the baked project to the answers: install the chosen frontend, drop
disabled examples and tooling, pick the license.

Each example is a set of whole files (Python module, page module, tests,
capability), so turning one off deletes files instead of wrapping their contents
in Jinja conditions. The logic is plain functions that the template's tests import.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

# Frontend -> the file extension of its page modules. The template keeps each
# frontend's page in frontends/<name>/; the chosen one joins web/, beside the
# modules every frontend shares (the client in web/python/, panels.ts, styles...).
FRONTENDS = {"vanilla-ts": "ts", "react": "tsx", "vue": "vue", "svelte": "svelte"}
# Flag -> example name; each example's files are named after it.
EXAMPLES = {
    "with_channels": "channels",
    "with_events": "events",
    "with_state": "state",
    "with_js_eval": "js_eval",
    "with_chat_demo": "chat",
}
# Capability files that only one example needs (what the page may call).
CAPABILITIES = {"events": "events.toml"}
# Flag -> the files (or folders) of one piece of project tooling.
TOOLING = {
    "with_standalone": ["standalone.spec"],
    "with_github_actions": [".github"],
    "with_pre_commit": [".pre-commit-config.yaml"],
}


def install_frontend(project: Path, frontend: str) -> None:
    """Move the chosen frontend's page modules into web/ and delete the others."""
    frontends = project / "frontends"
    for path in sorted((frontends / frontend).iterdir()):
        path.replace(project / "web" / path.name)
    shutil.rmtree(frontends)


def example_files(example: str, answers: Mapping[str, Any]) -> list[Path]:
    """Every file (or folder) that belongs to one example, relative to the project."""
    package = Path("src") / answers["package_name"]
    files = [
        package / f"{example}.py",
        Path("web") / f"{example}.{FRONTENDS[answers['frontend']]}",
        # The page's client for it: generated (a folder), or written by hand.
        Path("web") / "python" / example,
        Path("web") / "python" / f"{example}.ts",
        Path("tests") / f"test_{example}.py",
        Path("tests") / "e2e" / f"test_{example}_e2e.py",
        Path("tests") / "types" / f"{example}.ts",
    ]
    if example in CAPABILITIES:
        files.append(package / "capabilities" / CAPABILITIES[example])
    return files


def remove_disabled_examples(project: Path, answers: Mapping[str, Any]) -> list[str]:
    """Delete the files of every example whose flag is off; return their names."""
    removed = []
    for flag, example in EXAMPLES.items():
        if answers[flag]:
            continue
        for relative in example_files(example, answers):
            path = project / relative
            if path.is_dir():
                shutil.rmtree(path)
            elif path.is_file():
                path.unlink()
            else:
                raise FileNotFoundError(f"template is missing {relative} (example {example})")
        removed.append(example)
    return removed


def typed_client_files(package_name: str) -> list[Path]:
    """The generator of the typed client and its checks (besides the client itself)."""
    return [
        Path("src") / package_name / "codegen.py",
        Path("tests") / "test_codegen.py",
        Path("tests") / "test_type_errors.py",
        Path("tests") / "types",
    ]


def keep_one_client(project: Path, answers: Mapping[str, Any]) -> list[Path]:
    """Keep the generated client (web/python/<example>/) or the hand-written one
    (web/python/<example>.ts): both export the same names, so the panels work
    with either. Return what was deleted, relative to the project."""
    clients = project / "web" / "python"
    if answers["with_typed_client"]:
        doomed = sorted(clients.glob("*.ts"))
    else:
        doomed = sorted(path for path in clients.iterdir() if path.is_dir())
        for relative in typed_client_files(answers["package_name"]):
            if not (project / relative).exists():
                raise FileNotFoundError(f"template is missing {relative} (with_typed_client)")
            doomed.append(project / relative)
    for path in doomed:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    return [path.relative_to(project) for path in doomed]


def remove_disabled_tooling(project: Path, answers: Mapping[str, Any]) -> list[str]:
    """Delete the files of every tooling flag that is off; return what was deleted."""
    removed = []
    for flag, relatives in TOOLING.items():
        if answers[flag]:
            continue
        for relative in relatives:
            path = project / relative
            if path.is_dir():
                shutil.rmtree(path)
            elif path.is_file():
                path.unlink()
            else:
                raise FileNotFoundError(f"template is missing {relative} ({flag})")
            removed.append(relative)
    return removed


def install_license(project: Path, license_name: str) -> None:
    """Keep the chosen text as LICENSE; the template ships them all in licenses/."""
    texts = project / "licenses"
    (texts / f"{license_name}.txt").replace(project / "LICENSE")
    shutil.rmtree(texts)


def next_steps(answers: Mapping[str, Any]) -> str:
    return "\n".join(
        [
            f"Created {answers['project_slug']}/. Next:",
            f"  cd {answers['project_slug']}",
            "  npm install && npm run build",
            '  python -m venv .venv && . .venv/bin/activate && pip install -e ".[dev]"',
            f"  python -m {answers['package_name']}    # the window opens",
            "  pytest                          # unit and end-to-end tests",
        ]
    )


def main(project: Path, answers: Mapping[str, Any]) -> int:
    install_frontend(project, answers["frontend"])
    remove_disabled_examples(project, answers)
    keep_one_client(project, answers)
    remove_disabled_tooling(project, answers)
    install_license(project, answers["license"])
    print(next_steps(answers))
    return 0


if __name__ == "__main__":
    # cookiecutter runs this hook inside the new project folder.
    sys.exit(main(Path.cwd(), json.loads(r"""{{ cookiecutter | tojson }}""")))
