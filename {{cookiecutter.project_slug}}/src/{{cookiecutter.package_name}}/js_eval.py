"""JS eval: Python runs JavaScript in the page, and can get a value back.

``webview_window.eval(js)`` runs a script and returns nothing: JS values and
JS errors never reach Python (in pytauri 0.8 it is not awaitable either).

``run_js`` is the seed's form: three scripts, fire and forget (log, change
the DOM, call a page function). For anything that carries data, use the two
helpers after it:

* ``call_js`` calls a JS function with arguments encoded as JSON, never
  formatted into the source, so quotes or ``</script>`` in a value cannot
  turn into code.
* ``JsEvaluator.evaluate`` also returns the function's result: the script
  sends it back through the ``js_eval_result`` command, tagged with a request
  id, while Python awaits that id (with a timeout).

Page side: ``web/js_eval.{{ cookiecutter.__page_ext }}``.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Annotated, Any

import anyio
from pydantic import Field, JsonValue, ValidationError, WithJsonSchema
from pytauri import AppHandle, Commands, Manager, State
from pytauri.ipc import InvokeException
from pytauri.webview import WebviewWindow

from .plumbing.errors import readable
from .plumbing.guards import guarded_command
from .plumbing.models import CamelModel

commands = Commands({{ "experimental_gen_ts=True" if cookiecutter.with_typed_client else "" }})

EVAL_TIMEOUT_SECONDS = 5.0


def js_call_source(function_js: str, *args: Any) -> str:
    """JS source that calls ``function_js`` with JSON-encoded ``args``."""
    return f"({function_js})(...{json.dumps(list(args))});"


def call_js(window: WebviewWindow, function_js: str, *args: Any) -> None:
    """Run a JS function in the page; fire and forget."""
    window.eval(js_call_source(function_js, *args))


@commands.command()
@guarded_command
async def run_js(webview_window: WebviewWindow) -> None:
    """The seed's three uses of eval, as literal scripts (no data spliced in)."""
    webview_window.eval("console.log('Hello from Python!');")
    webview_window.eval("document.getElementById('status').textContent = 'Updated from backend';")
    webview_window.eval("window.updateUI({ data: 'new value' });")


class EvalResult(CamelModel):
    request_id: str = Field(min_length=1, max_length=64)
    ok: bool
    # Any JSON value. The schema {} keeps it `unknown` in TypeScript; pydantic's
    # default for JsonValue reads there as an object.
    value: Annotated[JsonValue, WithJsonSchema({})] = None
    error: str | None = None


_REPORTING_WRAPPER = """(async (requestId) => {
  let reply;
  try {
    reply = { requestId, ok: true, value: (await CALL) ?? null };
  } catch (error) {
    reply = { requestId, ok: false, error: String(error) };
  }
  await window.__TAURI__.pytauri.pyInvoke("js_eval_result", reply);
})(REQUEST_ID);"""
_PLACEHOLDERS = re.compile("CALL|REQUEST_ID")


class _Pending:
    def __init__(self) -> None:
        self.done = anyio.Event()
        self.result: EvalResult | None = None


class JsEvaluator:
    """Pairs each evaluation with its result, which comes back as a command.

    Lives on the async portal's thread only (commands run there), so the
    pending table needs no lock.
    """

    def __init__(self) -> None:
        self._pending: dict[str, _Pending] = {}

    def wrap(self, request_id: str, function_js: str, *args: Any) -> str:
        """JS that runs the function and reports its value or its error."""
        values = {
            "CALL": js_call_source(function_js, *args).rstrip(";"),
            "REQUEST_ID": json.dumps(request_id),
        }
        # One pass over the template: inserted text (the call may contain any
        # text) is never scanned for placeholders again.
        return _PLACEHOLDERS.sub(lambda match: values[match[0]], _REPORTING_WRAPPER)

    async def evaluate(
        self,
        window: WebviewWindow,
        function_js: str,
        *args: Any,
        timeout: float = EVAL_TIMEOUT_SECONDS,
    ) -> JsonValue:
        request_id = uuid.uuid4().hex
        pending = self._pending[request_id] = _Pending()
        try:
            window.eval(self.wrap(request_id, function_js, *args))
            with anyio.fail_after(timeout):
                await pending.done.wait()
        except TimeoutError as exc:
            raise InvokeException(f"The page did not answer within {timeout:g} s.") from exc
        finally:
            del self._pending[request_id]
        assert pending.result is not None
        if not pending.result.ok:
            raise InvokeException(f"JavaScript error: {pending.result.error}")
        return pending.result.value

    def resolve(self, result: EvalResult) -> bool:
        """Hand a result to its waiting ``evaluate``; False if nobody waits."""
        pending = self._pending.get(result.request_id)
        if pending is None:
            return False
        pending.result = result
        pending.done.set()
        return True


def manage_evaluator(app_handle: AppHandle) -> None:
    Manager.manage(app_handle, JsEvaluator())


@commands.command()
@guarded_command
async def js_eval_result(body: EvalResult, evaluator: Annotated[JsEvaluator, State()]) -> bool:
    """Called by the page-side script that ``JsEvaluator.evaluate`` injected."""
    return evaluator.resolve(body)


class EvalDemoRequest(CamelModel):
    text: str = Field(max_length=500)


class PageFacts(CamelModel):
    title: str
    panel_count: int


@commands.command()
@guarded_command
async def run_eval_demo(
    body: EvalDemoRequest,
    webview_window: WebviewWindow,
    evaluator: Annotated[JsEvaluator, State()],
) -> PageFacts:
    """Python writes into the page, then reads two facts back from it."""
    call_js(
        webview_window,
        "(text) => { document.getElementById('eval-target').textContent = text; }",
        body.text,
    )
    value = await evaluator.evaluate(
        webview_window,
        "(selector) => ({ title: document.title,"
        " panelCount: document.querySelectorAll(selector).length })",
        "section.panel",
    )
    try:
        return PageFacts.model_validate(value)
    except ValidationError as exc:
        raise InvokeException(f"The page answered an unexpected value: {readable(exc)}") from exc
