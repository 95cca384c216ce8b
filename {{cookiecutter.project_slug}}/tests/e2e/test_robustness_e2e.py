"""Hostile input and load through the real IPC path: clear errors, nothing lost, still up.

Every case goes through ``pyInvoke`` in the real webview, exactly as a buggy
or malicious page would send it. Each must be answered with a readable error
that leaks no internals, and afterwards the app must still answer normally.
"""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from .ipc import assert_clear_error, assert_field_errors, invoke, run_in_page
from .ui import wait_until

NESTED_10K = "JSON.parse('['.repeat(10000) + ']'.repeat(10000))"
"""10,000 levels of arrays: deeper than any parser should follow."""


def text_bytes(text: str) -> str:
    """A JS expression for the UTF-8 bytes of ``text``: a raw, unparsed body."""
    return f"new TextEncoder().encode({text!r})"


ECHO = "ECHO-7f3a"
"""A marker in hostile inputs: an error must never repeat it back."""

STRING = "Input should be a valid string"
INTEGER = "Input should be a valid integer"
OBJECT = "body: Input should be an object"
BAD_JSON = "body: Invalid JSON"
EXTRA = "Extra inputs are not permitted"

# Validation errors: (case id, JS expression for the body, a line the error
# must hold). Each is answered with one short line per wrong field.
HOSTILE_GREET_BODIES = [
    # greet takes a string
    ("number", "42", f"body: {STRING}"),
    ("null", "null", f"body: {STRING}"),
    ("bool", "true", f"body: {STRING}"),
    ("array", "['" + ECHO + "']", f"body: {STRING}"),
    ("object", "{ name: '" + ECHO + "' }", f"body: {STRING}"),
    ("deep", NESTED_10K, BAD_JSON),
    ("invalid-utf8", "new Uint8Array([0x22, 0xff, 0xfe, 0x22])", BAD_JSON),
    ("truncated-json", text_bytes('"' + ECHO), BAD_JSON),
    ("bare-word", text_bytes(ECHO), BAD_JSON),
]
HOSTILE_USER_BODIES = [
    # create_user takes {name: str 1..100, age: int 0..150}, nothing else
    ("null", "null", OBJECT),
    ("string", "'" + ECHO + "'", OBJECT),
    ("array", "[1, 2]", OBJECT),
    ("empty", "{}", "name: Field required"),
    ("no-age", "{ name: '" + ECHO + "' }", "age: Field required"),
    ("no-name", "{ age: 36 }", "name: Field required"),
    ("camel-case", "{ displayName: 'A', age: 3 }", "name: Field required"),
    ("age-text", "{ name: 'Ada', age: '" + ECHO + "' }", f"age: {INTEGER}"),
    ("age-float", "{ name: 'Ada', age: 36.5 }", f"age: {INTEGER}"),
    ("age-negative", "{ name: 'Ada', age: -1 }", "age: Input should be greater than or equal to 0"),
    ("age-151", "{ name: 'Ada', age: 151 }", "age: Input should be less than or equal to 150"),
    ("age-huge", "{ name: 'Ada', age: 1e300 }", "age: "),
    ("age-infinity", "{ name: 'Ada', age: Infinity }", f"age: {INTEGER}"),
    ("age-nan", text_bytes('{"name":"A","age":NaN}'), "age: "),
    ("age-null", "{ name: 'Ada', age: null }", f"age: {INTEGER}"),
    ("age-array", "{ name: 'Ada', age: [36] }", f"age: {INTEGER}"),
    ("name-empty", "{ name: '', age: 36 }", "name: String should have at least 1 character"),
    ("name-number", "{ name: 7, age: 36 }", f"name: {STRING}"),
    ("name-long", "{ name: 'x'.repeat(101), age: 36 }", "name: String should have at most 100"),
    ("name-huge", "{ name: 'x'.repeat(5e6), age: 36 }", "name: String should have at most 100"),
    ("name-object", "{ name: { a: '" + ECHO + "' }, age: 36 }", f"name: {STRING}"),
    ("extra-field", "{ name: 'A', age: 3, isAdmin: true }", f"isAdmin: {EXTRA}"),
    ("proto", 'JSON.parse(\'{"name":"A","age":3,"__proto__":{"x":1}}\')', f"__proto__: {EXTRA}"),
    ("deep-name", "{ name: " + NESTED_10K + ", age: 1 }", BAD_JSON),
    ("deep-body", NESTED_10K, BAD_JSON),
    ("invalid-utf8", "new Uint8Array([0x7b, 0xff, 0x7d])", BAD_JSON),
    ("truncated-json", text_bytes('{"name": "' + ECHO + '", "age":'), BAD_JSON),
    ("trailing-garbage", text_bytes('{"name":"A","age":1} x'), BAD_JSON),
    ("empty-bytes", "new Uint8Array(0)", BAD_JSON),
]
HOSTILE_BODIES = [("greet-" + case, "greet", *rest) for case, *rest in HOSTILE_GREET_BODIES] + [
    ("user-" + case, "create_user", *rest) for case, *rest in HOSTILE_USER_BODIES
]

# Other refusals: (case id, command, JS expression for the body, words the error must contain)
HOSTILE_COMMAND_CALLS = [
    ("greet-no-body", "greet", "undefined", ""),
    ("greet-empty", "greet", "''", "Please enter a name."),
    ("greet-blank", "greet", "' \\t '", "Please enter a name."),
    ("greet-long", "greet", "'x'.repeat(101)", "at most 100"),
    ("greet-huge", "greet", "'x'.repeat(5_000_000)", "at most 100"),
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
    ("risky", "risky_operation", "undefined", "Something went wrong!"),
]


@pytest.fixture(scope="module")
def loaded(app: WebDriver) -> WebDriver:
    """The app with its page loaded once; hostile calls need no fresh page each."""
    app.refresh()
    wait_until(app, lambda d: d.execute_script("return document.body.dataset.ready"))
    return app


@pytest.mark.parametrize(
    ("command", "body_js", "line"),
    [case[1:] for case in HOSTILE_BODIES],
    ids=[case[0] for case in HOSTILE_BODIES],
)
def test_hostile_body_gets_one_readable_line_per_field(
    loaded: WebDriver, command: str, body_js: str, line: str
) -> None:
    assert_field_errors(invoke(loaded, command, body_js), line, echo=ECHO)


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
    assert answer.value == "Hello, Ada!"


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
              answer.value !== `Hello, ${names[i]}!`,
          );
          done({ total: answers.length, wrongCount: wrong.length });
        })();
        """,
        1000,
    )
    elapsed = time.perf_counter() - started
    print(f"1000 concurrent commands answered in {elapsed * 1000:.0f} ms")
    assert result == {"total": 1000, "wrongCount": 0}
