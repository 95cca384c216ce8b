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
from {{ cookiecutter.package_name }}.plumbing.models import CamelModel

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


def test_every_payload_model_is_camel_case() -> None:
    models = [
        value
        for value in vars(commands_module).values()
        if isinstance(value, type)
        and issubclass(value, BaseModel)
        and value.__module__ == commands_module.__name__
    ]
    assert models
    for model in models:
        assert issubclass(model, CamelModel), model


# --- greet ------------------------------------------------------------------


@pytest.mark.anyio
async def test_greet_strips_the_name() -> None:
    answer = await greet("  Ada Lovelace \n")

    assert "Ada Lovelace" in answer
    assert " Ada Lovelace \n" not in answer


@pytest.mark.anyio
@pytest.mark.parametrize("blank", ["", " ", "\t\n  "])
async def test_greet_refuses_a_blank_name(blank: str) -> None:
    with pytest.raises(InvokeException) as raised:
        await greet(blank)

    assert "name" in raised.value.value


@pytest.mark.anyio
async def test_greet_takes_a_name_of_the_longest_allowed_length() -> None:
    answer = await greet("x" * MAX_NAME_LENGTH)

    assert "x" * MAX_NAME_LENGTH in answer


@pytest.mark.anyio
async def test_greet_refuses_a_name_over_the_limit_without_echoing_it() -> None:
    with pytest.raises(InvokeException) as raised:
        await greet("x" * (MAX_NAME_LENGTH + 1))

    assert f"at most {MAX_NAME_LENGTH} characters" in raised.value.value
    assert "xxxx" not in raised.value.value


@pytest.mark.anyio
async def test_greet_over_the_wire() -> None:
    answer = await invoke("greet", body=json_body(" Grace "))

    assert answer == await greet("Grace")


@pytest.mark.anyio
async def test_greet_rejects_a_body_of_the_wrong_type_before_running() -> None:
    # The page sent a number: pydantic refuses it, greet never runs.
    with pytest.raises(InvokeException):
        await invoke("greet", body=b"42")


# --- create_user ------------------------------------------------------------


@pytest.mark.anyio
async def test_create_user_reads_camel_case_and_answers() -> None:
    user = UserInput.model_validate({"displayName": "Ada", "age": 36})

    first = await create_user(user, app_handle())
    second = await create_user(user, app_handle())

    assert PRODUCT_NAME in first.message
    assert "Ada" in first.message
    assert "36" in first.message
    assert second.user_id == first.user_id + 1  # every user gets a new id


@pytest.mark.anyio
async def test_create_user_answers_camel_case_over_the_wire() -> None:
    reply = await invoke(
        "create_user", body=json_body({"displayName": "Ada", "age": 36}), app_handle=app_handle()
    )

    assert set(reply) == {"message", "userId"}
    assert isinstance(reply["userId"], int)
    assert "Ada" in reply["message"]


@pytest.mark.parametrize("age", [0, 150])
def test_user_input_accepts_the_age_limits(age: int) -> None:
    assert UserInput.model_validate({"displayName": "Ada", "age": age}).age == age


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"displayName": "Ada", "age": -1}, "age"),
        ({"displayName": "Ada", "age": 151}, "age"),
        ({"displayName": "Ada", "age": "old"}, "age"),
        ({"displayName": "", "age": 30}, "displayName"),
        ({"displayName": "x" * 101, "age": 30}, "displayName"),
        ({"age": 30}, "displayName"),
    ],
)
def test_user_input_rejects_invalid_bodies(body: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as raised:
        UserInput.model_validate(body)

    assert raised.value.errors()[0]["loc"] == (field,)


@pytest.mark.anyio
async def test_create_user_invalid_body_never_reaches_the_command() -> None:
    # No AppHandle is passed: if the command ran, it would fail differently.
    with pytest.raises(InvokeException) as raised:
        await invoke("create_user", body=json_body({"displayName": "Ada", "age": 999}))

    assert "age" in raised.value.value


# --- risky_operation --------------------------------------------------------


@pytest.mark.anyio
async def test_risky_operation_reports_a_user_facing_error() -> None:
    with pytest.raises(InvokeException) as raised:
        await risky_operation()

    assert raised.value.value


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
    assert platform.python_version() in await get_version()


@pytest.mark.anyio
async def test_get_version_needs_no_body() -> None:
    assert await invoke("get_version") == await get_version()
