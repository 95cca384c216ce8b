"""Unit tests for js_eval.py: running JavaScript from Python, safely.

``FakeWindow`` stands in for the webview: it records every script Python asks
it to run and, like the page would, can answer an evaluation through
``JsEvaluator.resolve``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, cast

import anyio
import pytest
from pydantic import JsonValue, ValidationError
from pytauri import AppHandle
from pytauri.ipc import InvokeException
from pytauri.webview import WebviewWindow

from {{ cookiecutter.package_name }} import js_eval
from {{ cookiecutter.package_name }}.js_eval import (
    EvalDemoRequest,
    EvalResult,
    JsEvaluator,
    PageFacts,
    call_js,
    js_call_source,
)

# pytauri's `@commands.command()` hides a command's signature from mypy (its
# TypeVar uses `infer_variance`, which mypy does not support), so the tests
# restate the signatures they call.
run_js: Callable[[WebviewWindow], Awaitable[None]] = js_eval.run_js
js_eval_result: Callable[[EvalResult, JsEvaluator], Awaitable[bool]] = js_eval.js_eval_result
run_eval_demo: Callable[[EvalDemoRequest, WebviewWindow, JsEvaluator], Awaitable[PageFacts]] = (
    js_eval.run_eval_demo
)

T = TypeVar("T")

FUNCTION = "(value) => value"

TRICKY_VALUES: list[Any] = [
    "He said \"hi\" and 'bye'",
    "</script><script>alert(1)</script>",
    "back\\slash \\n not a newline",
    'x"); alert("pwned"); ("',
    "`${document.cookie}`",
    "ünïcødé ✓ 😀 中文",
    "line\u2028separator\u2029paragraph",
    "CALL REQUEST_ID",
    {"nested": [1, 2.5, None, True, 'q"uote']},
    "",
]


def call_arguments(source: str, function_js: str) -> Any:
    """The arguments a ``js_call_source`` script passes, decoded back from JSON."""
    prefix, suffix = f"({function_js})(...", ");"
    assert source.startswith(prefix)
    assert source.endswith(suffix)
    return json.loads(source[len(prefix) : -len(suffix)])


def request_id_of(script: str) -> str | None:
    """The request id an evaluation script reports back with (its last argument)."""
    match = re.search(r'\}\)\(("(?:[^"\\]|\\.)*")\);\Z', script)
    return None if match is None else cast(str, json.loads(match.group(1)))


class FakeWindow:
    """Records scripts; answers evaluations with ``answer`` when one is set."""

    def __init__(self, evaluator: JsEvaluator, answer: dict[str, Any] | None = None) -> None:
        self.evaluator = evaluator
        self.answer = answer
        self.scripts: list[str] = []

    def eval(self, script: str) -> None:
        self.scripts.append(script)
        request_id = request_id_of(script)
        if self.answer is not None and request_id is not None:
            reply = EvalResult.model_validate({"requestId": request_id, **self.answer})
            assert self.evaluator.resolve(reply)


def as_window(fake: FakeWindow) -> WebviewWindow:
    return cast(WebviewWindow, fake)


# --- run_js: the seed's form --------------------------------------------------

SEED_SCRIPTS = [
    "console.log('Hello from Python!');",
    "document.getElementById('status').textContent = 'Updated from backend';",
    "window.updateUI({ data: 'new value' });",
]


@pytest.mark.anyio
async def test_run_js_evaluates_the_seeds_three_scripts_in_order() -> None:
    window = FakeWindow(JsEvaluator())

    await run_js(as_window(window))

    assert window.scripts == SEED_SCRIPTS


@pytest.mark.anyio
async def test_run_js_waits_for_no_answer() -> None:
    # Fire and forget: nothing is registered that a reply could resolve.
    evaluator = JsEvaluator()
    window = FakeWindow(evaluator)

    with anyio.fail_after(1):
        await run_js(as_window(window))

    assert all(request_id_of(script) is None for script in window.scripts)
    assert evaluator.resolve(EvalResult(request_id="any", ok=True)) is False


@pytest.mark.anyio
async def test_run_js_needs_no_body() -> None:
    window = FakeWindow(JsEvaluator())

    answer = await js_eval.commands["run_js"].handler(webview_window=as_window(window))

    assert json.loads(answer) is None
    assert len(window.scripts) == len(SEED_SCRIPTS)


# --- js_call_source / call_js ----------------------------------------------


@pytest.mark.parametrize("value", TRICKY_VALUES)
def test_arguments_survive_as_data(value: Any) -> None:
    source = js_call_source(FUNCTION, value)

    assert call_arguments(source, FUNCTION) == [value]


def test_several_arguments_keep_their_order() -> None:
    source = js_call_source(FUNCTION, *TRICKY_VALUES)

    assert call_arguments(source, FUNCTION) == TRICKY_VALUES


def test_no_arguments() -> None:
    assert call_arguments(js_call_source(FUNCTION), FUNCTION) == []


def test_a_value_json_cannot_encode_is_refused() -> None:
    # Better an error than str(value) formatted into the source.
    with pytest.raises(TypeError):
        js_call_source(FUNCTION, object())


def test_call_js_runs_the_source_in_the_window() -> None:
    window = FakeWindow(JsEvaluator())

    call_js(as_window(window), FUNCTION, "a", 1)

    assert window.scripts == [js_call_source(FUNCTION, "a", 1)]


# --- JsEvaluator.wrap -------------------------------------------------------


def test_wrap_reports_back_through_a_registered_command() -> None:
    script = JsEvaluator().wrap("id-1", FUNCTION, 1)

    [command] = re.findall(r'pyInvoke\("(\w+)"', script)
    assert command in js_eval.commands


@pytest.mark.parametrize("request_id", ["abc123", 'quote"and\\slash', "CALL"])
def test_wrap_embeds_the_request_id_as_json(request_id: str) -> None:
    script = JsEvaluator().wrap(request_id, FUNCTION)

    assert request_id_of(script) == request_id


def test_wrap_inserts_the_call_untouched() -> None:
    # Text that looks like the wrapper's placeholders must stay data.
    function_js = "(a, b) => 'CALL' + 'REQUEST_ID' + a + b"
    args = ["REQUEST_ID", "CALL"]

    script = JsEvaluator().wrap("id-1", function_js, *args)

    call = js_call_source(function_js, *args).rstrip(";")
    assert script.count(call) == 1
    assert request_id_of(script) == "id-1"


# --- JsEvaluator.evaluate / resolve -----------------------------------------


@pytest.mark.anyio
async def test_evaluate_returns_the_page_answer() -> None:
    evaluator = JsEvaluator()
    window = FakeWindow(evaluator, answer={"ok": True, "value": {"title": "T", "n": [1, 2]}})

    value = await evaluator.evaluate(as_window(window), FUNCTION, "arg")

    assert value == {"title": "T", "n": [1, 2]}
    [script] = window.scripts
    assert js_call_source(FUNCTION, "arg").rstrip(";") in script


@pytest.mark.anyio
async def test_evaluate_raises_the_javascript_error() -> None:
    evaluator = JsEvaluator()
    window = FakeWindow(evaluator, answer={"ok": False, "error": "ReferenceError: nope"})

    with pytest.raises(InvokeException) as raised:
        await evaluator.evaluate(as_window(window), FUNCTION)

    assert "ReferenceError: nope" in raised.value.value


@pytest.mark.anyio
async def test_evaluate_times_out_and_forgets_the_request() -> None:
    evaluator = JsEvaluator()
    window = FakeWindow(evaluator)  # the page never answers

    with anyio.fail_after(5), pytest.raises(InvokeException) as raised:
        await evaluator.evaluate(as_window(window), FUNCTION, timeout=0.05)

    assert "0.05" in raised.value.value
    request_id = request_id_of(window.scripts[0])
    assert request_id is not None
    late = EvalResult(request_id=request_id, ok=True, value=1)
    assert evaluator.resolve(late) is False  # nobody waits any more: no leak


@pytest.mark.anyio
async def test_evaluate_forgets_the_request_when_eval_fails() -> None:
    evaluator = JsEvaluator()
    scripts: list[str] = []

    class ClosedWindow:
        def eval(self, script: str) -> None:
            scripts.append(script)
            raise RuntimeError("window closed")

    with pytest.raises(RuntimeError):
        await evaluator.evaluate(cast(WebviewWindow, ClosedWindow()), FUNCTION)

    request_id = request_id_of(scripts[0])
    assert request_id is not None
    assert evaluator.resolve(EvalResult(request_id=request_id, ok=True)) is False


@pytest.mark.anyio
async def test_concurrent_evaluations_get_their_own_answers() -> None:
    evaluator = JsEvaluator()
    window = FakeWindow(evaluator)  # answers are sent below, in reverse order
    results: dict[str, JsonValue] = {}

    async def evaluate(name: str) -> None:
        results[name] = await evaluator.evaluate(as_window(window), FUNCTION, name)

    with anyio.fail_after(5):
        async with anyio.create_task_group() as group:
            group.start_soon(evaluate, "first")
            group.start_soon(evaluate, "second")
            while len(window.scripts) < 2:
                await anyio.sleep(0)
            for script in reversed(window.scripts):
                request_id = request_id_of(script)
                assert request_id is not None
                [name] = call_arguments_of_wrapped(script)
                reply = EvalResult(request_id=request_id, ok=True, value=f"answer to {name}")
                assert await js_eval_result(reply, evaluator) is True

    assert results == {"first": "answer to first", "second": "answer to second"}


def call_arguments_of_wrapped(script: str) -> Any:
    """The arguments inside a wrapped evaluation script."""
    match = re.search(re.escape(f"({FUNCTION})(...") + r"(.*?)\)\) \?\? null", script)
    assert match is not None
    return json.loads(match.group(1))


@pytest.mark.anyio
async def test_js_eval_result_for_an_unknown_request_is_false() -> None:
    reply = EvalResult(request_id="nobody", ok=True, value=None)

    assert await js_eval_result(reply, JsEvaluator()) is False


def test_eval_result_reads_the_page_reply() -> None:
    result = EvalResult.model_validate({"requestId": "r1", "ok": True, "value": [1, "two"]})

    assert (result.request_id, result.value, result.error) == ("r1", [1, "two"], None)


@pytest.mark.parametrize("request_id", ["", "x" * 65])
def test_eval_result_bounds_the_request_id(request_id: str) -> None:
    with pytest.raises(ValidationError):
        EvalResult.model_validate({"requestId": request_id, "ok": True})


# --- run_eval_demo ----------------------------------------------------------


@pytest.mark.anyio
async def test_run_eval_demo_writes_then_reads_the_page() -> None:
    evaluator = JsEvaluator()
    window = FakeWindow(evaluator, answer={"ok": True, "value": {"title": "App", "panelCount": 5}})
    text = '</script>"quoted" ünïcødé'

    facts = await run_eval_demo(EvalDemoRequest(text=text), as_window(window), evaluator)

    assert facts == PageFacts(title="App", panel_count=5)
    write, read = window.scripts
    assert request_id_of(write) is None  # fire and forget
    function_js = write[1 : write.index(")(...")]
    assert call_arguments(write, function_js) == [text]
    assert request_id_of(read) is not None


@pytest.mark.anyio
async def test_run_eval_demo_refuses_an_unexpected_answer() -> None:
    evaluator = JsEvaluator()
    window = FakeWindow(evaluator, answer={"ok": True, "value": {"title": 3}})

    with pytest.raises(InvokeException) as raised:
        await run_eval_demo(EvalDemoRequest(text="x"), as_window(window), evaluator)

    assert "unexpected" in raised.value.value


def test_manage_evaluator(monkeypatch: pytest.MonkeyPatch) -> None:
    managed: list[object] = []

    class FakeManager:
        @staticmethod
        def manage(_handle: object, value: object) -> bool:
            managed.append(value)
            return True

    monkeypatch.setattr(js_eval, "Manager", FakeManager)

    js_eval.manage_evaluator(cast(AppHandle, object()))

    [evaluator] = managed
    assert isinstance(evaluator, JsEvaluator)
