"""Unit tests for commands.py: the request/response examples.

Commands are called two ways: directly (``Commands.command()`` returns the
decorated function itself, so ``await greet("Ada")`` works), and through the
command table the way pytauri's invoke handler calls them, with the raw body
bytes in and the JSON reply out.
"""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Awaitable, Callable
from typing import Any, cast
from urllib.parse import quote

import pytest
from pydantic import BaseModel, ValidationError
from pytauri import AppHandle
from pytauri.ipc import Headers, InvokeException

from {{ cookiecutter.package_name }} import commands as commands_module
from {{ cookiecutter.package_name }}.commands import (
    MAX_NAME_LENGTH,
    MAX_UPLOAD_BYTES,
    UploadResult,
    UserInput,
    UserOutput,
    commands,
)
from {{ cookiecutter.package_name }}.plumbing.dispatch import page_message
from {{ cookiecutter.package_name }}.plumbing.models import CamelModel, StrictModel

# pytauri's `@commands.command()` hides a command's signature from mypy (its
# TypeVar uses `infer_variance`, which mypy does not support), so the tests
# restate the signatures they call.
greet: Callable[[str], Awaitable[str]] = commands_module.greet
create_user: Callable[[UserInput, AppHandle], Awaitable[UserOutput]] = commands_module.create_user
risky_operation: Callable[[], Awaitable[None]] = commands_module.risky_operation
upload_file: Callable[[bytes, Headers], Awaitable[UploadResult]] = commands_module.upload_file
get_version: Callable[[], Awaitable[str]] = commands_module.get_version

PRODUCT_NAME = "Unit Test App"


class FakeAppHandle:
    """Stands in for ``AppHandle``: ``create_user`` only reads the config."""

    def config(self) -> dict[str, Any]:
        return {"productName": PRODUCT_NAME}


def app_handle() -> AppHandle:
    return cast(AppHandle, FakeAppHandle())


async def invoke(name: str, **arguments: Any) -> Any:
    """Call a command as pytauri does: body as JSON bytes, reply decoded from JSON."""
    reply = await commands[name].handler(**arguments)
    assert isinstance(reply, str)
    return json.loads(reply)


def json_body(value: Any) -> bytes:
    return json.dumps(value).encode()


def test_every_command_is_registered_under_its_function_name() -> None:
    for function in (greet, create_user, risky_operation, upload_file, get_version):
        assert function.__name__ in commands


def payload_models() -> list[type[BaseModel]]:
    return [
        value
        for value in vars(commands_module).values()
        if isinstance(value, type)
        and issubclass(value, BaseModel)
        and value.__module__ == commands_module.__name__
    ]


def test_every_payload_model_refuses_unknown_fields() -> None:
    models = payload_models()
    assert models
    for model in models:
        assert issubclass(model, StrictModel), model


def test_the_seeds_models_keep_python_names_on_the_wire() -> None:
    # The seed's page reads `user_id`: StrictModel, not CamelModel.
    for model in (UserInput, UserOutput):
        assert not issubclass(model, CamelModel), model
    assert issubclass(UploadResult, CamelModel)  # TypeScript-style names: contentType


# --- greet ------------------------------------------------------------------


@pytest.mark.anyio
async def test_greet_answers_the_seeds_greeting() -> None:
    assert await greet("World") == "Hello, World!"


@pytest.mark.anyio
async def test_greet_strips_the_name() -> None:
    assert await greet("  Ada Lovelace \n") == "Hello, Ada Lovelace!"


@pytest.mark.anyio
@pytest.mark.parametrize("blank", ["", " ", "\t\n  "])
async def test_greet_refuses_a_blank_name(blank: str) -> None:
    with pytest.raises(InvokeException) as raised:
        await greet(blank)

    assert raised.value.value == "Please enter a name."


@pytest.mark.anyio
async def test_greet_takes_a_name_of_the_longest_allowed_length() -> None:
    answer = await greet("x" * MAX_NAME_LENGTH)

    assert answer == f"Hello, {'x' * MAX_NAME_LENGTH}!"


@pytest.mark.anyio
async def test_greet_refuses_a_name_over_the_limit_without_echoing_it() -> None:
    with pytest.raises(InvokeException) as raised:
        await greet("x" * (MAX_NAME_LENGTH + 1))

    assert f"at most {MAX_NAME_LENGTH} characters" in raised.value.value
    assert "xxxx" not in raised.value.value


@pytest.mark.anyio
async def test_greet_over_the_wire() -> None:
    answer = await invoke("greet", body=json_body(" World "))

    assert answer == "Hello, World!"


@pytest.mark.anyio
async def test_greet_rejects_a_body_of_the_wrong_type_before_running() -> None:
    # The page sent a number: pydantic refuses it, greet never runs.
    with pytest.raises(InvokeException) as raised:
        await invoke("greet", body=b"42")

    assert page_message(raised.value) == "body: Input should be a valid string"


# --- create_user ------------------------------------------------------------


@pytest.mark.anyio
async def test_create_user_answers_a_message_and_a_new_id() -> None:
    user = UserInput.model_validate({"name": "Alice", "age": 30})

    first = await create_user(user, app_handle())
    second = await create_user(user, app_handle())

    assert first.message == f"Created Alice in {PRODUCT_NAME}"
    assert first.user_id >= 1
    assert second.user_id == first.user_id + 1  # every user gets a new id


@pytest.mark.anyio
async def test_create_user_answers_snake_case_over_the_wire() -> None:
    reply = await invoke(
        "create_user", body=json_body({"name": "Alice", "age": 30}), app_handle=app_handle()
    )

    assert set(reply) == {"message", "user_id"}
    assert isinstance(reply["user_id"], int)
    assert reply["message"] == f"Created Alice in {PRODUCT_NAME}"


@pytest.mark.parametrize("age", [0, 150])
def test_user_input_accepts_the_age_limits(age: int) -> None:
    assert UserInput.model_validate({"name": "Ada", "age": age}).age == age


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "Ada", "age": -1}, "age"),
        ({"name": "Ada", "age": 151}, "age"),
        ({"name": "Ada", "age": "old"}, "age"),
        ({"name": "", "age": 30}, "name"),
        ({"name": "x" * 101, "age": 30}, "name"),
        ({"age": 30}, "name"),
        ({"name": "Ada", "age": 30, "userId": 1}, "userId"),
    ],
)
def test_user_input_rejects_invalid_bodies(body: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as raised:
        UserInput.model_validate(body)

    assert raised.value.errors()[0]["loc"] == (field,)


def test_user_input_does_not_read_camel_case() -> None:
    with pytest.raises(ValidationError) as raised:
        UserInput.model_validate({"displayName": "Ada", "age": 30})

    assert {error["loc"] for error in raised.value.errors()} == {("name",), ("displayName",)}


@pytest.mark.anyio
async def test_create_user_invalid_body_never_reaches_the_command() -> None:
    # No AppHandle is passed: if the command ran, it would fail differently.
    with pytest.raises(InvokeException) as raised:
        await invoke("create_user", body=json_body({"name": "Ada", "age": "old"}))

    assert page_message(raised.value) == (
        "age: Input should be a valid integer, unable to parse string as an integer"
    )


@pytest.mark.anyio
async def test_each_wrong_field_of_create_user_is_one_line() -> None:
    with pytest.raises(InvokeException) as raised:
        await invoke("create_user", body=json_body({"age": 999, "extra": True}))

    assert page_message(raised.value).split("\n") == [
        "name: Field required",
        "age: Input should be less than or equal to 150",
        "extra: Extra inputs are not permitted",
    ]


# --- risky_operation --------------------------------------------------------


@pytest.mark.anyio
async def test_risky_operation_reports_a_user_facing_error() -> None:
    with pytest.raises(InvokeException) as raised:
        await risky_operation()

    assert raised.value.value == "Something went wrong!"


@pytest.mark.anyio
async def test_risky_operation_over_the_wire() -> None:
    with pytest.raises(InvokeException) as raised:
        await invoke("risky_operation")

    assert page_message(raised.value) == "Something went wrong!"


# --- upload_file ------------------------------------------------------------


def upload_headers(name: str, content_type: str) -> list[tuple[bytes, bytes]]:
    # As the page sends them: the name URI-encoded, header names lower-cased.
    return [
        (b"content-type", b"application/octet-stream"),
        (b"x-file-name", quote(name).encode("latin-1")),
        (b"x-content-type", content_type.encode("latin-1")),
    ]


@pytest.mark.anyio
async def test_upload_file_describes_the_bytes() -> None:
    data = bytes(range(256)) * 40

    result = await upload_file(data, upload_headers("résumé 2024 €.pdf", "application/pdf"))

    assert result == UploadResult(
        name="résumé 2024 €.pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        content_type="application/pdf",
    )


@pytest.mark.anyio
async def test_upload_file_without_metadata_uses_defaults() -> None:
    result = await upload_file(b"abc", [])

    assert result.name
    assert result.content_type == "application/octet-stream"
    assert result.sha256 == hashlib.sha256(b"abc").hexdigest()


@pytest.mark.anyio
async def test_upload_file_accepts_an_empty_file() -> None:
    result = await upload_file(b"", upload_headers("empty.txt", "text/plain"))

    assert result.size == 0
    assert result.sha256 == hashlib.sha256(b"").hexdigest()


@pytest.mark.anyio
async def test_upload_file_bounds_the_echoed_metadata() -> None:
    result = await upload_file(b"x", upload_headers("n" * 1000, "t" * 1000))

    assert result.name == "n" * 255
    assert len(result.content_type) == 255


@pytest.mark.anyio
async def test_upload_file_accepts_exactly_the_limit() -> None:
    result = await upload_file(bytes(MAX_UPLOAD_BYTES), [])

    assert result.size == MAX_UPLOAD_BYTES


@pytest.mark.anyio
async def test_upload_file_refuses_a_file_over_the_limit() -> None:
    with pytest.raises(InvokeException) as raised:
        await upload_file(bytes(MAX_UPLOAD_BYTES + 1), [])

    message = raised.value.value
    assert "too large" in message
    assert f"{MAX_UPLOAD_BYTES:,}" in message  # tells the user the limit


@pytest.mark.anyio
async def test_upload_file_answers_camel_case_over_the_wire() -> None:
    data = b"hello, world\n"

    reply = await invoke("upload_file", body=data, headers=upload_headers("a b.txt", "text/plain"))

    assert reply == {
        "name": "a b.txt",
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "contentType": "text/plain",
    }


# --- get_version ------------------------------------------------------------


@pytest.mark.anyio
async def test_get_version_names_the_running_python() -> None:
    assert await get_version() == f"Python {platform.python_version()}"


@pytest.mark.anyio
async def test_get_version_needs_no_body() -> None:
    assert await invoke("get_version") == await get_version()
