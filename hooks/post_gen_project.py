"""Shape the baked project to the answers: install the chosen frontend, drop
disabled examples, the plumbing no example uses any more, and tooling, pick
the license.

Each example is a set of whole files (Python module, page module, tests), so
turning one off deletes files instead of wrapping their contents in Jinja
conditions. So is each plumbing module: it leaves with the last example that
uses it. The logic is plain functions that the template's tests import.
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
    "with_desktop": "desktop",
}
# More modules an example brings, each a Python module with its page module,
# client and tests, named after it: several windows come with the events.
COMPANIONS = {"events": ["windows"]}
# The examples whose API the seed page documents with snippets of its own.
SEED_EXAMPLES = ("channels", "events", "state", "js_eval")
# Unit tests of an example beyond tests/test_<example>.py (kept under 400 lines a file).
MORE_UNIT_TESTS = {
    "channels": ["test_channels_seed.py"],
    "events": ["test_events_seed.py"],
    "chat": ["test_chat_service.py"],
}
# Flag -> the files (or folders) of one piece of project tooling.
TOOLING = {
    "with_bench": [
        "src/{package}/bench",
        "web/lib/bench.ts",
        "tests/test_bench.py",
    ],
    "with_github_actions": [".github"],
    "with_pre_commit": [".pre-commit-config.yaml"],
}


# What each way of shipping adds; `distribution` keeps its own and every later one's.
# The wheel needs nothing more: `python -m build` makes it from pyproject.toml.
SHIPPING = {
    "installers": [
        "ship/__main__.py",
        "ship/linux.py",
        "ship/windows.py",
        "ship/windows.nsi",
        "ship/macos.py",
        "ship/linux_files.py",
        "tests/shipping/test_linux.py",
        "tests/shipping/test_windows.py",
        ".github/workflows/release.yml",
    ],
    "standalone": ["standalone.spec"],
    "wheel": [],
}


def install_frontend(project: Path, frontend: str) -> None:
    """Move the chosen frontend's page modules into web/ and delete the others."""
    frontends = project / "frontends"
    chosen = frontends / frontend
    # Files keep their place: frontends/<name>/lib/ui.ts becomes web/lib/ui.ts,
    # beside the helpers every frontend shares.
    for path in sorted(p for p in chosen.rglob("*") if p.is_file()):
        target = project / "web" / path.relative_to(chosen)
        target.parent.mkdir(parents=True, exist_ok=True)
        path.replace(target)
    shutil.rmtree(frontends)


def module_files(name: str, answers: Mapping[str, Any]) -> list[Path]:
    """One module's files: Python, page, client and tests, all named after it."""
    return [
        Path("src") / answers["package_name"] / f"{name}.py",
        Path("web") / f"{name}.{FRONTENDS[answers['frontend']]}",
        # The page's client for it: generated (a folder), or written by hand.
        Path("web") / "python" / name,
        Path("web") / "python" / f"{name}.ts",
        Path("tests") / f"test_{name}.py",
        Path("tests") / "e2e" / f"test_{name}_e2e.py",
        Path("tests") / "types" / f"{name}.ts",
    ]


def example_files(example: str, answers: Mapping[str, Any]) -> list[Path]:
    """Every file (or folder) that belongs to one example, relative to the project."""
    files = module_files(example, answers)
    for companion in COMPANIONS.get(example, ()):
        files += module_files(companion, answers)
    if example == "events":
        # What the windows opened at runtime may call.
        files.append(Path("src") / answers["package_name"] / "capabilities" / "windows.toml")
    if example == "desktop":
        # What only the desktop example asks for: its permissions, its test tools.
        files += [
            Path("src") / answers["package_name"] / "capabilities" / "desktop.toml",
            Path("tests") / "e2e" / "desktop_tools.py",
        ]
    if example in SEED_EXAMPLES:
        # The seed page's own snippets for this API, run verbatim in the app.
        files.append(Path("tests") / "e2e" / f"test_{example}_seed_e2e.py")
    files += [Path("tests") / name for name in MORE_UNIT_TESTS.get(example, ())]
    return files


def remove_disabled_examples(project: Path, answers: Mapping[str, Any]) -> list[str]:
    """Delete the files of every example whose flag is off; return their names."""
    removed = []
    for flag, example in EXAMPLES.items():
        if answers[flag]:
            continue
        for relative in example_files(example, answers):
            _delete(project, relative, f"example {example}")
        removed.append(example)
    return removed


def plumbing_in_use(answers: Mapping[str, Any]) -> dict[str, bool]:
    """Each shared module (or file) -> whether an example or tool still uses it."""
    batching = bool(answers["with_channels"] or answers["with_bench"])
    return {
        # The batched stream of the channels example, and the benchmark.
        "batching": batching,
        # Events declared once: the events and chat examples, batched events, and
        # the client generator, which writes the page's side from the declarations.
        "typed_events": bool(
            batching
            or answers["with_events"]
            or answers["with_chat_demo"]
            or answers["with_desktop"]
            or answers["with_typed_client"]
        ),
        # Stoppable streams: the channels example and the chat's replies.
        "streams": bool(answers["with_channels"] or answers["with_chat_demo"]),
        # The chat's history on disk.
        "history": bool(answers["with_chat_demo"]),
        # The capability that lets the page listen and emit: events and chat.
        "event_capability": bool(answers["with_events"] or answers["with_chat_demo"]),
        # What the desktop example checks on the machine (tray library, D-Bus).
        "desktop_env": bool(answers["with_desktop"]),
    }


def plumbing_files(name: str, package_name: str) -> list[Path]:
    """Every file (or folder) of one shared module, relative to the project."""
    package = Path("src") / package_name
    if name == "event_capability":
        return [package / "capabilities" / "events.toml"]
    files = [package / "plumbing" / f"{name}.py", Path("tests") / "plumbing" / f"test_{name}.py"]
    if name == "batching":
        # Its page side, and the page's client for its one command (both kinds).
        files += [
            Path("web") / "lib" / "batching.ts",
            Path("web") / "python" / "batching",
            Path("web") / "python" / "batching.ts",
        ]
    return files


def remove_unused_plumbing(project: Path, answers: Mapping[str, Any]) -> list[str]:
    """Delete the shared modules no example uses any more; return their names."""
    removed = []
    for name, used in plumbing_in_use(answers).items():
        if used:
            continue
        for relative in plumbing_files(name, answers["package_name"]):
            _delete(project, relative, f"plumbing {name}")
        removed.append(name)
    return removed


def _delete(project: Path, relative: Path, owner: str) -> None:
    path = project / relative
    if path.is_dir():
        shutil.rmtree(path)
    elif path.is_file():
        path.unlink()
    else:
        raise FileNotFoundError(f"template is missing {relative} ({owner})")


def typed_client_files(package_name: str) -> list[Path]:
    """The generator of the typed client and its checks (besides the client itself)."""
    return [
        Path("src") / package_name / "plumbing" / "codegen.py",
        Path("src") / package_name / "plumbing" / "codegen_ts.py",
        Path("tests") / "plumbing" / "test_codegen.py",
        Path("tests") / "plumbing" / "test_type_errors.py",
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
            relative = relative.format(package=answers["package_name"])
            _delete(project, Path(relative), flag)
            removed.append(relative)
    return removed


def remove_unshipped(project: Path, answers: Mapping[str, Any]) -> list[str]:
    """Delete what the chosen distribution does not build; return what was deleted.

    installers builds the standalone app and packs it; standalone builds it only;
    wheel neither. Runs before the tooling flags: the release workflow sits in
    .github/, which with_github_actions may remove whole.
    """
    kinds = list(SHIPPING)
    removed = []
    for kind in kinds[: kinds.index(answers["distribution"])]:
        for relative in SHIPPING[kind]:
            _delete(project, Path(relative), f"distribution {kind}")
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
    remove_unused_plumbing(project, answers)
    keep_one_client(project, answers)
    remove_unshipped(project, answers)
    remove_disabled_tooling(project, answers)
    install_license(project, answers["license"])
    print(next_steps(answers))
    return 0


if __name__ == "__main__":
    # cookiecutter runs this hook inside the new project folder.
    sys.exit(main(Path.cwd(), json.loads(r"""{{ cookiecutter | tojson }}""")))
