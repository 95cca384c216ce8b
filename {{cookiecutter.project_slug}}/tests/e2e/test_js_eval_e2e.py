"""The JS eval panel: Python changes the page, then reads values back."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from .ipc import assert_field_errors, invoke
from .ui import element, fill, run_seed, wait_for_text

# --- the seed's form: run_js, fire and forget -----------------------------------


def test_seed_run_js_changes_the_page_and_calls_update_ui(page: WebDriver) -> None:
    assert element(page, "status").text == ""
    assert run_seed(page, "js-eval") == ['updateUI({"data":"new value"})']
    assert element(page, "status").text == "Updated from backend"


def test_update_ui_is_the_page_s_function_whoever_calls_it(page: WebDriver) -> None:
    # Python may call it at any time, not only after the button: it always shows its argument.
    page.execute_script("window.updateUI({ data: [1, 'two'] })")
    assert element(page, "seed-js-eval-output").text == 'updateUI({"data":[1,"two"]})'


# --- at scale: JSON arguments, a value read back ----------------------------------


def test_python_writes_into_the_page_and_reads_back(page: WebDriver) -> None:
    fill(page, "eval-text", "set by Python")
    element(page, "eval-button").click()
    wait_for_text(page, "eval-target", lambda t: t == "set by Python")
    text = wait_for_text(page, "eval-output", lambda t: t.startswith("Python read back"))
    panels = len(page.find_elements(By.CSS_SELECTOR, "section.panel"))
    assert text == f'Python read back: title "{page.title}", {panels} panels.'


def test_hostile_text_stays_text(page: WebDriver) -> None:
    hostile = "\"'); document.body.dataset.pwned = 'yes'; ('</script>"
    fill(page, "eval-text", hostile)
    element(page, "eval-button").click()
    wait_for_text(page, "eval-target", lambda t: t == hostile)
    assert page.execute_script("return document.body.dataset.pwned") is None


@pytest.mark.parametrize(
    ("command", "body_js", "line"),
    [
        ("run_eval_demo", "{}", "text: Field required"),
        ("run_eval_demo", "{ text: 7 }", "text: Input should be a valid string"),
        ("run_eval_demo", "{ text: 'x'.repeat(501) }", "text: String should have at most 500"),
        ("run_eval_demo", "{ text: 'a', script: 'alert(1)' }", "script: Extra inputs"),
        ("js_eval_result", "{}", "requestId: Field required"),
        ("js_eval_result", "{ requestId: '', ok: true }", "requestId: String should have at least"),
        ("js_eval_result", "{ requestId: 'x'.repeat(65), ok: true }", "requestId: String should"),
        ("js_eval_result", "{ requestId: 'r', ok: 'maybe' }", "ok: Input should be a valid bool"),
    ],
)
def test_hostile_eval_calls_are_refused_clearly(
    page: WebDriver, command: str, body_js: str, line: str
) -> None:
    assert_field_errors(invoke(page, command, body_js), line)


def test_a_forged_result_for_no_request_is_ignored(page: WebDriver) -> None:
    # Nobody awaits this id: Python answers False and nothing else happens.
    answer = invoke(page, "js_eval_result", "{ requestId: 'forged', ok: true, value: 1 }")
    assert answer.ok
    assert answer.value is False
