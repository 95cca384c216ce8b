"""The commands panel, clicked through in the real app: the seed's form, then the form at scale."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from selenium.webdriver.remote.webdriver import WebDriver

from .ui import element, fill, run_seed, wait_for_text

VERSION = re.compile(r"Python 3\.\d+\.\d+")


# --- the seed's form: raw pyInvoke ------------------------------------------


def test_seed_snippet_calls_each_command(page: WebDriver) -> None:
    greet, create_user, risky, version = run_seed(page, "commands")
    assert greet == "greet: Hello, World!"
    assert re.fullmatch(r"create_user: Created Alice in .+ \(user_id \d+\)", create_user)
    assert risky == "risky_operation failed: Something went wrong!"
    assert version.startswith("get_version: ")
    assert VERSION.fullmatch(version.removeprefix("get_version: "))


def test_seed_snippet_gets_a_new_user_id_each_time(page: WebDriver) -> None:
    def user_id() -> int:
        line = run_seed(page, "commands")[1]
        return int(line.rsplit("user_id ", 1)[1].rstrip(")"))

    first = user_id()
    assert user_id() == first + 1
    assert element(page, "seed-commands-button").is_enabled()


# --- at scale: the typed client ----------------------------------------------


def test_greet_answers_from_python(page: WebDriver) -> None:
    fill(page, "greet-input", "Ada")
    element(page, "greet-button").click()
    text = wait_for_text(page, "greet-output", lambda t: "Ada" in t)
    assert text == "Hello, Ada!"


def test_greet_with_blank_name_shows_the_error(page: WebDriver) -> None:
    fill(page, "greet-input", "   ")
    element(page, "greet-button").click()
    wait_for_text(page, "greet-output", lambda t: t == "Please enter a name.")
    assert element(page, "greet-output").get_attribute("data-tone") == "error"


def test_create_user_answers_its_message_and_user_id(page: WebDriver) -> None:
    fill(page, "user-name", "Grace Hopper")
    fill(page, "user-age", "85")
    element(page, "user-button").click()
    text = wait_for_text(page, "user-output", lambda t: "Grace Hopper" in t)
    assert re.fullmatch(r"#\d+: Created Grace Hopper in .+", text), text


def test_create_user_validation_error_names_the_field(page: WebDriver) -> None:
    fill(page, "user-name", "Old")
    fill(page, "user-age", "151")
    element(page, "user-button").click()
    text = wait_for_text(page, "user-output", lambda t: t != "")
    assert text == "age: Input should be less than or equal to 150"
    assert element(page, "user-output").get_attribute("data-tone") == "error"


def test_two_wrong_fields_show_one_line_each(page: WebDriver) -> None:
    fill(page, "user-name", "")
    fill(page, "user-age", "")  # an empty number input sends null
    element(page, "user-button").click()
    text = wait_for_text(page, "user-output", lambda t: t != "")
    assert text.split("\n") == [
        "name: String should have at least 1 character",
        "age: Input should be a valid integer",
    ]


def test_failing_command_shows_its_message(page: WebDriver) -> None:
    element(page, "risky-button").click()
    text = wait_for_text(page, "risky-output", lambda t: t != "")
    assert text == "Something went wrong!"
    assert element(page, "risky-output").get_attribute("data-tone") == "error"


def test_version_comes_from_python(page: WebDriver) -> None:
    element(page, "version-button").click()
    assert VERSION.fullmatch(wait_for_text(page, "version-output", lambda t: t != ""))


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
