"""Negative type tests: wrong uses of the typed client do not compile.

Each file in tests/types/ calls the client in ways it must refuse, each call
under a ``// expect TSxxxx`` comment. ``tsc -p tests/types`` (a project of
its own, outside the app's build) must report exactly those errors, on those
lines: a wrong body field, event payload or channel message that compiled
would fail here. Needs ``npm install`` (for tsc), as the page's build does.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
TYPE_TESTS = PROJECT / "tests" / "types"
EXPECT = re.compile(r"\s*// expect (TS\d+)\b")
TSC_ERROR = re.compile(r"^(?P<file>[^(\s]+)\((?P<line>\d+),\d+\): error (?P<code>TS\d+):", re.M)

Error = tuple[str, int, str]
"""(file name, line, error code)"""


def expected_errors() -> set[Error]:
    """The error each ``// expect TSxxxx`` comment announces for the line below it."""
    expected = set()
    for path in sorted(TYPE_TESTS.glob("*.ts")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = EXPECT.match(line)
            if match:
                expected.add((path.name, number + 1, match[1]))
    return expected


def tsc_errors() -> tuple[set[Error], str]:
    tsc = PROJECT / "node_modules" / ".bin" / ("tsc.cmd" if os.name == "nt" else "tsc")
    if not tsc.exists():
        pytest.fail("node_modules/ is missing: run `npm install` first")
    result = subprocess.run(
        [str(tsc), "--noEmit", "--pretty", "false", "-p", str(TYPE_TESTS)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    errors = {
        (Path(m["file"]).name, int(m["line"]), m["code"]) for m in TSC_ERROR.finditer(result.stdout)
    }
    return errors, result.stdout


def test_every_file_expects_errors() -> None:
    files = {name for name, _, _ in expected_errors()}

    assert files == {path.name for path in TYPE_TESTS.glob("*.ts")}


def test_each_wrong_call_fails_with_its_expected_error() -> None:
    expected = expected_errors()

    actual, output = tsc_errors()

    unexpected, missing = sorted(actual - expected), sorted(expected - actual)
    assert not unexpected, f"unexpected errors {unexpected}:\n{output}"
    assert not missing, f"these wrong calls compiled (file, line, expected error): {missing}"
