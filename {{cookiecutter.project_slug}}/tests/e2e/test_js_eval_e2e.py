"""The JS eval panel: Python changes the page, then reads values back."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

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
