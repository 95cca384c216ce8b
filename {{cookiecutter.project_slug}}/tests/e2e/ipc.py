"""Call Python from inside the page, as the page's own code would, and see the answer.

These helpers skip the panels: the tests send exactly the bodies they want
(hostile ones included) through the real IPC path, ``pyInvoke`` in the real
webview, and get back what the page would have seen.
"""

from __future__ import annotations

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


LEAKS = ("Traceback", 'File "', " object at 0x", "site-packages")
"""Signs that an error shows the app's internals instead of a message for the page."""


def assert_clear_error(answer: Answer, *words: str) -> None:
    """The call failed with a readable message that leaks nothing internal."""
    assert not answer.ok, f"expected an error, got {answer.value!r}"
    assert answer.error.strip(), "the error message is empty"
    assert not answer.error.startswith("non-string"), answer.error
    for leak in LEAKS:
        assert leak not in answer.error, f"internal detail {leak!r} in {answer.error[:500]!r}"
    for word in words:
        assert word in answer.error, f"{word!r} not in {answer.error[:500]!r}"
