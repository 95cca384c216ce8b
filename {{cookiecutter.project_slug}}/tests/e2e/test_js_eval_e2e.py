"""The JS eval panel: Python changes the page, then reads values back."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from .ipc import assert_clear_error, invoke
from .ui import element, fill, wait_for_text


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
    ("command", "body_js", "words"),
    [
        ("run_eval_demo", "{}", "Field required"),
        ("run_eval_demo", "{ text: 7 }", "valid string"),
        ("run_eval_demo", "{ text: 'x'.repeat(501) }", "at most 500"),
        ("run_eval_demo", "{ text: 'a', script: 'alert(1)' }", "script"),
        ("js_eval_result", "{}", "Field required"),
        ("js_eval_result", "{ requestId: '', ok: true }", "at least 1"),
        ("js_eval_result", "{ requestId: 'x'.repeat(65), ok: true }", "at most 64"),
        ("js_eval_result", "{ requestId: 'r', ok: 'maybe' }", "valid boolean"),
    ],
)
def test_hostile_eval_calls_are_refused_clearly(
    page: WebDriver, command: str, body_js: str, words: str
) -> None:
    assert_clear_error(invoke(page, command, body_js), words)


def test_a_forged_result_for_no_request_is_ignored(page: WebDriver) -> None:
    # Nobody awaits this id: Python answers False and nothing else happens.
    answer = invoke(page, "js_eval_result", "{ requestId: 'forged', ok: true, value: 1 }")
    assert answer.ok
    assert answer.value is False
