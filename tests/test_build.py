"""Build tier: bake, build for real, and run the baked project's own checks and tests.

For each build below (every frontend with all flags on and all off, and a
mixed unicode-named bake): ``npm install``, ``npm run build``, a fresh
venv with ``pip install -e ".[dev]"``, the project's linters and type
checkers, then its own pytest — which must include end-to-end tests that
really ran in the webview (none skipped) — and then the project's shipped
benchmark, once, in quick mode (it must measure everything and write its JSON).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .conftest import BENCH, CHAT, EXAMPLE_FLAGS, EXAMPLE_OF_FLAG, FRONTENDS, TYPED_CLIENT, bake

pytestmark = pytest.mark.build

# all-on uses the generated typed client; all-off and mixed-unicode the
# hand-written one (with_typed_client off), so every page works with either.
# all-off is the smallest app: no example but commands, no benchmark.
ALL_ON: dict[str, object] = dict.fromkeys(EXAMPLE_FLAGS, True)
ALL_OFF: dict[str, object] = {
    **dict.fromkeys(EXAMPLE_FLAGS, False),
    TYPED_CLIENT: False,
    BENCH: False,
}
BUILDS: dict[str, dict[str, object]] = {
    "all-on": ALL_ON,
    "all-off": ALL_OFF,
    "mixed-unicode": {
        "project_name": "Café Ünïcode App",
        # The chat without the events example it used to need: it stands alone.
        "with_channels": True,
        "with_events": False,
        "with_state": True,
        "with_js_eval": False,
        CHAT: True,
        TYPED_CLIENT: False,
    },
    # The other frontends: the same e2e suite, unchanged, against each page
    # with every example on (the fast tier type-checks their other bakes).
    **{f"{frontend}-all-on": {"frontend": frontend, **ALL_ON} for frontend in FRONTENDS[1:]},
}
# What tests Python or the system rather than the page runs with the default
# frontend only: the `slow` tests (the fault loops, kill -9 while the chat writes
# its history; the desktop tests that drive dialogs, the tray and restarts) and
# the hostile-input and load tests (robustness: raw pyInvoke, whatever the page).
# The other frontends run the desktop panel's page-level tests and the windows'.
# Dev mode runs for two frontends (vanilla-ts and react). The others run every
# panel's e2e tests and the seed's snippets.
PYTEST_ARGS: dict[str, list[str]] = {
    f"{frontend}-all-on": [
        "-m",
        "not slow",
        "--ignore=tests/e2e/test_robustness_e2e.py",
        *([] if frontend == "react" else ["--ignore=tests/e2e/test_dev_e2e.py"]),
    ]
    for frontend in FRONTENDS[1:]
}
SEED_APIS = ("commands", "channels", "events", "state", "js_eval")
"""The examples whose API the seed page documents with snippets of its own."""
BENCHED = {"all-on"}
"""The builds whose benchmark runs once (its page side is the same for every frontend)."""


def first_problem(pytest_output: str) -> str:
    """The first error or failure a pytest run reports, in full.

    When one broken fixture fails a hundred tests, the tail of the output is
    only their names: the cause is in the first report.
    """
    starts = [pytest_output.find(f" {section} ") for section in ("ERRORS", "FAILURES")]
    found = [start for start in starts if start != -1]
    if not found:
        return ""
    return f"--- first problem ---\n{pytest_output[min(found) :][:6000]}\n"


def run(command: list[str], cwd: Path, timeout: float = 900) -> str:
    """Run a command; on failure, fail with its output."""
    env = {**os.environ, "E2E_REQUIRED": "1"}
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        pytest.fail(
            f"`{' '.join(command)}` exited {result.returncode} in {cwd}\n"
            f"{first_problem(result.stdout)}"
            f"--- stdout ---\n{result.stdout[-6000:]}\n--- stderr ---\n{result.stderr[-6000:]}"
        )
    return result.stdout


def junit_counts(report: Path) -> dict[str, dict[str, int]]:
    """Per test module: how many cases ran, were skipped, failed."""
    counts: dict[str, dict[str, int]] = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        # classname is "tests.e2e.test_x_e2e", plus ".TestClass" for tests in a class.
        parts = case.attrib["classname"].split(".")
        while not parts[-1].startswith("test_"):
            parts.pop()
        module = ".".join(parts)
        entry = counts.setdefault(module, {"ran": 0, "skipped": 0, "failed": 0})
        entry["ran"] += 1
        if case.find("skipped") is not None:
            entry["skipped"] += 1
        if case.find("failure") is not None or case.find("error") is not None:
            entry["failed"] += 1
    return counts


@pytest.mark.parametrize("build", BUILDS)
def test_baked_app_builds_and_passes_its_own_tests(build: str, tmp_path: Path) -> None:
    answers = BUILDS[build]
    project = bake(tmp_path, **answers)
    package = next(p.name for p in (project / "src").iterdir() if p.is_dir())

    started = time.monotonic()
    run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"], project)
    run(["npm", "run", "build"], project)  # type check, then vite build into the package
    assert (project / "src" / package / "frontend" / "index.html").is_file()
    page_s = time.monotonic() - started

    run([sys.executable, "-m", "venv", ".venv"], project)
    python = str(project / ".venv" / "bin" / "python")
    run([python, "-m", "pip", "install", "-q", "-e", ".[dev]"], project)

    run([python, "-m", "ruff", "check", "."], project)
    run([python, "-m", "ruff", "format", "--check", "."], project)
    run([python, "-m", "mypy"], project)

    report = tmp_path / "junit.xml"
    started = time.monotonic()
    pytest_args = PYTEST_ARGS.get(build, [])
    run(
        [python, "-m", "pytest", "-p", "no:cacheprovider", f"--junitxml={report}", *pytest_args],
        project,
    )
    tests_s = time.monotonic() - started
    counts = junit_counts(report)

    expected = ["commands"] + [EXAMPLE_OF_FLAG[f] for f in EXAMPLE_FLAGS if answers.get(f, True)]
    if "events" in expected:  # several windows come with the events
        expected.append("windows")
    for example in expected:
        e2e = counts.get(f"tests.e2e.test_{example}_e2e")
        assert e2e is not None, f"no e2e test ran for {example}: {counts}"
        assert e2e["ran"] > 0, f"no e2e test ran for {example}: {counts}"
        assert e2e["skipped"] == 0, f"e2e tests for {example} were skipped: {counts}"
    # The seed page's own snippets, verbatim, for every API of the bake.
    for example in [e for e in expected if e in SEED_APIS]:
        seed = counts.get(f"tests.e2e.test_{example}_seed_e2e", {})
        assert seed.get("ran", 0) > 0, f"the seed's {example} snippets did not run: {counts}"
        assert seed["skipped"] == 0, counts
    for flag, example in EXAMPLE_OF_FLAG.items():
        if not answers.get(flag, True):
            assert f"tests.e2e.test_{example}_e2e" not in counts
    # With the typed client, the drift check and the negative type tests ran too.
    for module in ("tests.plumbing.test_codegen", "tests.plumbing.test_type_errors"):
        if answers.get(TYPED_CLIENT, True):
            assert counts.get(module, {}).get("ran", 0) > 0, f"{module} did not run: {counts}"
            assert counts[module]["skipped"] == 0, counts
        else:
            assert module not in counts
    assert all(c["failed"] == 0 for c in counts.values()), counts
    print(f"{build}: {sum(c['ran'] for c in counts.values())} tests ran: {counts}")
    print(f"{build}: npm install + build {page_s:.0f} s, the project's pytest {tests_s:.0f} s")

    if not answers.get(BENCH, True):
        assert not (project / "src" / package / "bench").exists()
        return
    if build not in BENCHED:
        return
    # The shipped benchmark, once, in quick mode (a few seconds): every measurement
    # ran and the JSON is whole. Figures are printed, never asserted.
    figures = tmp_path / "bench.json"
    table = run([python, "-m", f"{package}.bench", "--quick", "--json", str(figures)], project)
    print(table)
    summary = json.loads(figures.read_text())
    assert summary["quick"] is True
    assert summary["errors"] == {}
    unmeasured = [name for name, value in summary["figures"].items() if value is None]
    assert unmeasured == [], f"not measured: {unmeasured}"
    assert {goal["met"] for goal in summary["goals"]} <= {True, False}
