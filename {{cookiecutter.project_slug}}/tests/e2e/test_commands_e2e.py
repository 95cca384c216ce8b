"""The commands panel, clicked through in the real app."""

from __future__ import annotations

import hashlib
from pathlib import Path

from selenium.webdriver.remote.webdriver import WebDriver

from .ui import element, fill, wait_for_text


def test_greet_answers_from_python(page: WebDriver) -> None:
    fill(page, "greet-input", "Ada")
    element(page, "greet-button").click()
    text = wait_for_text(page, "greet-output", lambda t: "Ada" in t)
    assert text == "Hello, Ada! This answer comes from Python."


def test_greet_with_blank_name_shows_the_error(page: WebDriver) -> None:
    fill(page, "greet-input", "   ")
    element(page, "greet-button").click()
    wait_for_text(page, "greet-output", lambda t: t == "Please enter a name.")
    assert element(page, "greet-output").get_attribute("data-tone") == "error"


def test_create_user_round_trips_camel_case(page: WebDriver) -> None:
    fill(page, "user-name", "Grace Hopper")
    fill(page, "user-age", "85")
    element(page, "user-button").click()
    text = wait_for_text(page, "user-output", lambda t: "Grace Hopper" in t)
    assert text.startswith("#")
    assert "created Grace Hopper (age 85)" in text


def test_create_user_validation_error_is_shown(page: WebDriver) -> None:
    fill(page, "user-name", "Old")
    fill(page, "user-age", "151")
    element(page, "user-button").click()
    text = wait_for_text(page, "user-output", lambda t: t != "")
    assert "less than or equal to 150" in text
    assert element(page, "user-output").get_attribute("data-tone") == "error"


def test_failing_command_shows_its_message(page: WebDriver) -> None:
    element(page, "risky-button").click()
    text = wait_for_text(page, "risky-output", lambda t: t != "")
    assert text == "Something went wrong (on purpose): shown by the page."


def test_version_comes_from_python(page: WebDriver) -> None:
    element(page, "version-button").click()
    assert wait_for_text(page, "version-output", lambda t: t != "").startswith("Python 3.")


def test_upload_reports_size_and_sha256(page: WebDriver, tmp_path: Path) -> None:
    upload = tmp_path / "notes é.txt"
    content = b"pytauri upload test\n" * 500
    upload.write_bytes(content)
    element(page, "upload-input").send_keys(str(upload))
    text = wait_for_text(page, "upload-output", lambda t: "sha256" in t)
    digest = hashlib.sha256(content).hexdigest()
    assert text == f"notes é.txt: {len(content)} bytes, sha256 {digest}"


def test_oversize_upload_is_refused_clearly(page: WebDriver, tmp_path: Path) -> None:
    upload = tmp_path / "big.bin"
    upload.write_bytes(b"\0" * (5 * 1024 * 1024 + 1))
    element(page, "upload-input").send_keys(str(upload))
    text = wait_for_text(page, "upload-output", lambda t: "too large" in t)
    assert "limit 5,242,880 bytes" in text
