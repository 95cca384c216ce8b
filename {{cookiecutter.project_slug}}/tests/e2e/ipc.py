"""Call Python from inside the page, as the page's own code would, and see the answer.

These helpers skip the panels: the tests send exactly the bodies they want
(hostile ones included) through the real IPC path, ``pyInvoke`` in the real
webview, and get back what the page would have seen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from selenium.webdriver.remote.webdriver import WebDriver

# `arguments[0]`: the command; the body is a JS expression spliced in by
# `invoke`, so a test can build bodies no JSON can carry (bytes, huge or
# deeply nested values) inside the page instead of sending them over WebDriver.
_INVOKE = """
const done = arguments[arguments.length - 1];
const body = (BODY);
window.__TAURI__.pytauri.pyInvoke(arguments[0], body).then(
  (value) => done({ ok: true, value: value ?? null }),
  (error) => done({ ok: false, error: typeof error === "string" ? error : `non-string: ${error}` }),
);
"""


@dataclass(frozen=True)
class Answer:
    ok: bool
    value: Any = None
    error: str = ""


def invoke(page: WebDriver, command: str, body_js: str = "undefined") -> Answer:
    """Run ``pyInvoke(command, <body_js>)`` in the page and return its outcome."""
    result = page.execute_async_script(_INVOKE.replace("BODY", body_js), command)
    return Answer(ok=result["ok"], value=result.get("value"), error=result.get("error", ""))


def run_in_page(page: WebDriver, script: str, *args: Any, timeout_s: float = 120) -> Any:
    """Run an async script (it ends by calling ``done(result)``) with a longer timeout."""
    page.set_script_timeout(timeout_s)
    try:
        return page.execute_async_script(
            "const done = arguments[arguments.length - 1];\n" + script, *args
        )
    finally:
        page.set_script_timeout(30)


LEAKS = (
    "Traceback",
    'File "',
    " object at 0x",
    "site-packages",
    # pydantic's own report: the page gets one line per field instead.
    "validation error for",
    "errors.pydantic.dev",
    "input_value=",
    "[type=",
)
"""Signs that an error shows the app's internals instead of a message for the page."""

FIELD_LINE = re.compile(r"[\w.-]+: \S.*")
"""One line of a validation error: ``<field>: <what is wrong>`` (``body`` for the whole body)."""

MAX_ERROR_CHARS = 1000
"""A readable error is short, whatever the size of the input."""


def assert_clear_error(answer: Answer, *words: str) -> None:
    """The call failed with a readable message that leaks nothing internal."""
    assert not answer.ok, f"expected an error, got {answer.value!r}"
    assert answer.error.strip(), "the error message is empty"
    assert not answer.error.startswith("non-string"), answer.error
    for leak in LEAKS:
        assert leak not in answer.error, f"internal detail {leak!r} in {answer.error[:500]!r}"
    for word in words:
        assert word in answer.error, f"{word!r} not in {answer.error[:500]!r}"


def assert_field_errors(answer: Answer, *lines: str, echo: str = "") -> None:
    """The call failed with a validation error in the readable form.

    One short line per wrong field (``age: Input should be a valid integer``),
    each of ``lines`` among them, and nothing of pydantic's report (``LEAKS``).
    ``echo``: a piece of the input that must not be repeated back.
    """
    assert_clear_error(answer)
    error = answer.error
    assert len(error) <= MAX_ERROR_CHARS, f"{len(error)} characters: {error[:300]!r}…"
    shown = error.split("\n")
    for line in shown:
        assert FIELD_LINE.fullmatch(line), f"not a field-named line: {line!r} in {error!r}"
    for line in lines:
        assert any(shown_line.startswith(line) for shown_line in shown), (
            f"{line!r} is not a line of {error!r}"
        )
    if echo:
        assert echo not in error, f"the input {echo!r} is echoed in {error!r}"
