"""Hostile input and load through the real IPC path: clear errors, nothing lost, still up.

Every case goes through ``pyInvoke`` in the real webview, exactly as a buggy
or malicious page would send it. Each must be answered with a readable error
that leaks no internals, and afterwards the app must still answer normally.
"""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from .ipc import assert_clear_error, invoke, run_in_page
from .ui import wait_until

NESTED_10K = "JSON.parse('['.repeat(10000) + ']'.repeat(10000))"
"""10,000 levels of arrays: deeper than any parser should follow."""


def text_bytes(text: str) -> str:
    """A JS expression for the UTF-8 bytes of ``text``: a raw, unparsed body."""
    return f"new TextEncoder().encode({text!r})"


# (case id, command, JS expression for the body, words the error must contain)
HOSTILE_COMMAND_CALLS = [
    # greet takes a string
    ("greet-number", "greet", "42", "valid string"),
    ("greet-null", "greet", "null", "valid string"),
    ("greet-bool", "greet", "true", "valid string"),
    ("greet-array", "greet", "['a']", "valid string"),
    ("greet-object", "greet", "{ name: 'a' }", "valid string"),
    ("greet-no-body", "greet", "undefined", ""),
    ("greet-empty", "greet", "''", "Please enter a name."),
    ("greet-blank", "greet", "' \\t '", "Please enter a name."),
    ("greet-long", "greet", "'x'.repeat(101)", "at most 100"),
    ("greet-huge", "greet", "'x'.repeat(5_000_000)", "at most 100"),
    ("greet-deep", "greet", NESTED_10K, ""),
    ("greet-invalid-utf8", "greet", "new Uint8Array([0x22, 0xff, 0xfe, 0x22])", ""),
    ("greet-truncated-json", "greet", text_bytes('"Ada'), ""),
    ("greet-bare-word", "greet", text_bytes("Ada"), ""),
    # create_user takes {displayName: str 1..100, age: int 0..150}, nothing else
    ("user-null", "create_user", "null", ""),
    ("user-string", "create_user", "'Ada'", ""),
    ("user-array", "create_user", "[1, 2]", ""),
    ("user-empty", "create_user", "{}", "Field required"),
    ("user-no-age", "create_user", "{ displayName: 'Ada' }", "age"),
    ("user-no-name", "create_user", "{ age: 36 }", "displayName"),
    ("user-age-text", "create_user", "{ displayName: 'Ada', age: 'old' }", "valid integer"),
    ("user-age-float", "create_user", "{ displayName: 'Ada', age: 36.5 }", "integer"),
    ("user-age-negative", "create_user", "{ displayName: 'Ada', age: -1 }", "greater than"),
    ("user-age-151", "create_user", "{ displayName: 'Ada', age: 151 }", "less than"),
    ("user-age-huge", "create_user", "{ displayName: 'Ada', age: 1e300 }", ""),
    ("user-age-infinity", "create_user", "{ displayName: 'Ada', age: Infinity }", ""),
    ("user-age-null", "create_user", "{ displayName: 'Ada', age: null }", "integer"),
    ("user-age-array", "create_user", "{ displayName: 'Ada', age: [36] }", "integer"),
    ("user-name-empty", "create_user", "{ displayName: '', age: 36 }", "at least 1"),
    ("user-name-number", "create_user", "{ displayName: 7, age: 36 }", "valid string"),
    ("user-name-long", "create_user", "{ displayName: 'x'.repeat(101), age: 36 }", "at most 100"),
    ("user-name-huge", "create_user", "{ displayName: 'x'.repeat(5e6), age: 36 }", "at most 100"),
    ("user-name-object", "create_user", "{ displayName: { a: 1 }, age: 36 }", "valid string"),
    ("user-extra-field", "create_user", "{ displayName: 'A', age: 3, isAdmin: true }", "isAdmin"),
    (
        "user-proto",
        "create_user",
        'JSON.parse(\'{"displayName":"A","age":3,"__proto__":{"x":1}}\')',
        "__proto__",
    ),
    ("user-deep-name", "create_user", "{ displayName: " + NESTED_10K + ", age: 1 }", ""),
    ("user-deep-body", "create_user", NESTED_10K, ""),
    ("user-invalid-utf8", "create_user", "new Uint8Array([0x7b, 0xff, 0x7d])", ""),
    ("user-truncated-json", "create_user", text_bytes('{"displayName": "Ada", "age":'), ""),
    ("user-trailing-garbage", "create_user", text_bytes('{"displayName":"A","age":1} x'), ""),
    ("user-nan", "create_user", text_bytes('{"displayName":"A","age":NaN}'), ""),
    ("user-empty-bytes", "create_user", "new Uint8Array(0)", ""),
    # upload_file takes bytes, at most 5 MiB
    ("upload-oversize", "upload_file", "new Uint8Array(5 * 1024 * 1024 + 1)", "File too large"),
    ("upload-20mb", "upload_file", "new Uint8Array(20 * 1024 * 1024)", "File too large"),
    # commands that do not exist
    ("unknown", "no_such_command", "undefined", ""),
    ("unknown-empty-name", "", "undefined", ""),
    ("unknown-case", "GREET", "'Ada'", ""),
    ("unknown-dunder", "__init__", "undefined", ""),
    ("unknown-path", "../../etc/passwd", "undefined", ""),
    ("unknown-plugin", "plugin:fs|read_file", "undefined", ""),
    ("unknown-huge-name", "x" * 10_000, "undefined", ""),
    ("risky", "risky_operation", "undefined", "Something went wrong (on purpose)"),
]


@pytest.fixture(scope="module")
def loaded(app: WebDriver) -> WebDriver:
    """The app with its page loaded once; hostile calls need no fresh page each."""
    app.refresh()
    wait_until(app, lambda d: d.execute_script("return document.body.dataset.ready"))
    return app


@pytest.mark.parametrize(
    ("command", "body_js", "words"),
    [case[1:] for case in HOSTILE_COMMAND_CALLS],
    ids=[case[0] for case in HOSTILE_COMMAND_CALLS],
)
def test_hostile_command_call_gets_a_clear_error(
    loaded: WebDriver, command: str, body_js: str, words: str
) -> None:
    answer = invoke(loaded, command, body_js)
    assert_clear_error(answer, *([words] if words else []))


def test_app_still_answers_after_every_hostile_call(loaded: WebDriver) -> None:
    # Runs after the hostile cases (pytest keeps file order).
    answer = invoke(loaded, "greet", "'Ada'")
    assert answer.ok, answer.error
    assert answer.value == "Hello, Ada! This answer comes from Python."


def test_a_thousand_concurrent_commands_all_answered_correctly(loaded: WebDriver) -> None:
    started = time.perf_counter()
    result = run_in_page(
        loaded,
        """
        (async () => {
          const { pyInvoke } = window.__TAURI__.pytauri;
          const names = Array.from({ length: arguments[0] }, (_, i) => `user ${i}`);
          const answers = await Promise.allSettled(names.map((name) => pyInvoke("greet", name)));
          const wrong = answers.filter(
            (answer, i) =>
              answer.status !== "fulfilled" ||
              answer.value !== `Hello, ${names[i]}! This answer comes from Python.`,
          );
          done({ total: answers.length, wrongCount: wrong.length });
        })();
        """,
        1000,
    )
    elapsed = time.perf_counter() - started
    print(f"1000 concurrent commands answered in {elapsed * 1000:.0f} ms")
    assert result == {"total": 1000, "wrongCount": 0}
