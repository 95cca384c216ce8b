"""Helpers the e2e tests share: waiting, finding, typing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

WAIT_S = 15


@dataclass(frozen=True)
class WebDriverServer:
    url: str
    pid: int

    def launched_apps(self) -> set[int]:
        """The app processes the driver started and that are still running."""
        children = Path(f"/proc/{self.pid}/task/{self.pid}/children")
        return {int(pid) for pid in children.read_text().split()}


@dataclass(frozen=True)
class OwnApp:
    """An app started for one test (fixture ``own_app``)."""

    session: WebDriver
    pid: int
    """The app's process, for tests that watch it exit."""


def wait_until(
    driver: WebDriver, condition: Callable[[WebDriver], Any], timeout: float = WAIT_S
) -> Any:
    """Wait for ``condition`` to be truthy; fail with a readable message."""
    try:
        return WebDriverWait(driver, timeout).until(condition)
    except TimeoutException:
        pytest.fail(f"timed out after {timeout} s waiting for {condition}")


def element(driver: WebDriver, element_id: str) -> WebElement:
    return driver.find_element(By.ID, element_id)


def wait_for_text(
    driver: WebDriver, element_id: str, predicate: Callable[[str], bool], timeout: float = WAIT_S
) -> str:
    """Wait until the element's text satisfies ``predicate``; return the text."""

    def check(d: WebDriver) -> tuple[str] | None:
        # A one-item tuple is truthy even when the matching text is "".
        text = d.find_element(By.ID, element_id).text
        return (text,) if predicate(text) else None

    try:
        matched = WebDriverWait(driver, timeout).until(check)
    except TimeoutException:
        current = driver.find_element(By.ID, element_id).text
        pytest.fail(f"#{element_id} never matched within {timeout} s; it shows {current!r}")
    assert matched is not None  # until() returns only a truthy value
    return matched[0]


def fill(driver: WebDriver, element_id: str, text: str) -> None:
    field = element(driver, element_id)
    field.clear()
    if text:  # WebDriver refuses to send no keys at all
        field.send_keys(text)


SEED_WAIT_S = 30
"""The seed's snippets stream for about 2 s at most; allow for a slow machine."""


def run_seed(
    driver: WebDriver,
    example: str,
    button_id: str | None = None,
    timeout: float = SEED_WAIT_S,
) -> list[str]:
    """Click a panel's seed button (``seed-<example>-button`` unless ``button_id``),
    wait for its output to be done and return its lines.

    The output ``seed-<example>-output`` gets ``data-state="done"`` when the
    snippet has finished, successfully or not (then ``data-tone="error"``).
    """
    output_id = f"seed-{example}-output"
    element(driver, button_id or f"seed-{example}-button").click()
    wait_until(
        driver,
        lambda d: element(d, output_id).get_attribute("data-state") == "done",
        timeout=timeout,
    )
    output = element(driver, output_id)
    text = output.text
    assert output.get_attribute("data-tone") == "ok", f"#{output_id} shows an error: {text!r}"
    return text.split("\n")
