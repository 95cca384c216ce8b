"""Unit tests for errors.py and dispatch.page_message: validation errors a person can read.

What the page shows for a body of the wrong shape: one ``<field>: <what is
wrong>`` line per field, nothing of pydantic's report around it (no title,
no input echoed back, no documentation links).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import BaseModel, RootModel, ValidationError, create_model, field_validator
from pytauri import Commands
from pytauri.ipc import InvokeException

from {{ cookiecutter.package_name }}.plumbing.dispatch import page_message
from {{ cookiecutter.package_name }}.plumbing.errors import (
    MAX_LINES,
    MAX_MESSAGE,
    field_path,
    readable,
)
from {{ cookiecutter.package_name }}.plumbing.models import StrictModel

SECRET = "s3cret-input-value"
"""Sent in wrong bodies: it must never come back in the message."""


class User(StrictModel):
    name: str
    age: int


class Item(StrictModel):
    label: str


class Order(StrictModel):
    items: list[Item]
    owner: User


class Name(RootModel[str]):
    """A whole body that is a plain string, like ``greet``'s."""


class Loud(BaseModel):
    text: str

    @field_validator("text")
    @classmethod
    def refuse(cls, value: str) -> str:
        raise ValueError("no " * 200)


def error_of(model: type[BaseModel], value: Any) -> ValidationError:
    with pytest.raises(ValidationError) as raised:
        model.model_validate(value)
    return raised.value


# --- readable -----------------------------------------------------------------


def test_one_line_per_wrong_field() -> None:
    error = error_of(User, {"age": []})

    assert readable(error).split("\n") == [
        "name: Field required",
        "age: Input should be a valid integer",
    ]


def test_an_unknown_field_is_named() -> None:
    error = error_of(User, {"name": "Ada", "age": 36, "extra": 1})

    assert readable(error) == "extra: Extra inputs are not permitted"


def test_a_nested_field_is_its_path_joined_with_dots() -> None:
    error = error_of(Order, {"items": [{"label": "a"}, {}], "owner": {"name": "Ada", "age": "x"}})

    lines = readable(error).split("\n")
    assert [line.split(": ", 1)[0] for line in lines] == ["items.1.label", "owner.age"]
    assert lines[0] == "items.1.label: Field required"


def test_the_whole_body_is_named_by_the_root() -> None:
    error = error_of(Name, 42)

    assert readable(error) == "body: Input should be a valid string"
    assert readable(error, root="payload") == "payload: Input should be a valid string"
    assert readable(error, root="") == "Input should be a valid string"


def test_nothing_of_pydantics_report_is_left() -> None:
    error = error_of(User, {"name": {"x": SECRET}, "age": SECRET, "extra": SECRET})

    message = readable(error)

    assert SECRET in str(error)  # pydantic's own text echoes the input...
    assert SECRET not in message  # ...this one only names the fields
    assert "errors.pydantic.dev" not in message
    assert "validation error" not in message
    assert "input_value" not in message
    assert "type=" not in message
    assert len(message.split("\n")) == 3


def test_a_long_message_is_cut() -> None:
    error = error_of(Loud, {"text": "hi"})

    [line] = readable(error).split("\n")
    message = line.removeprefix("text: ")
    assert message.startswith("Value error, no no")
    assert len(message) == MAX_MESSAGE
    assert message.endswith("…")


def test_at_most_max_lines_then_a_count() -> None:
    fields = {f"field_{n}": (int, ...) for n in range(MAX_LINES + 3)}
    wide = _model_with(fields)

    lines = readable(error_of(wide, {})).split("\n")

    assert len(lines) == MAX_LINES + 1
    assert lines[:MAX_LINES] == [f"field_{n}: Field required" for n in range(MAX_LINES)]
    assert lines[-1] == "… and 3 more"


def test_exactly_max_lines_has_no_count() -> None:
    wide = _model_with({f"field_{n}": (int, ...) for n in range(MAX_LINES)})

    lines = readable(error_of(wide, {})).split("\n")

    assert len(lines) == MAX_LINES
    assert not any("more" in line for line in lines)


def _model_with(fields: dict[str, Any]) -> type[BaseModel]:
    model: type[BaseModel] = create_model("Wide", **fields)
    return model


@pytest.mark.parametrize(
    ("location", "expected"),
    [((), "body"), (("age",), "age"), (("items", 0, "name"), "items.0.name")],
)
def test_field_path(location: tuple[int | str, ...], expected: str) -> None:
    assert field_path(location) == expected


def test_field_path_of_the_whole_body_uses_the_root() -> None:
    assert field_path((), root="payload") == "payload"


# --- page_message: what the dispatcher answers ----------------------------------


table = Commands()


@table.command()
async def create(body: User) -> User:
    return body


async def rejected(body: bytes) -> InvokeException:
    """Call ``create`` as pytauri does, with raw body bytes; return how it refused."""
    with pytest.raises(InvokeException) as raised:
        await table["create"].handler(body=body)
    return raised.value


@pytest.mark.anyio
async def test_a_body_pytauri_refused_reads_one_line_per_field() -> None:
    refused = await rejected(json.dumps({"name": SECRET, "age": SECRET}).encode())

    assert "validation error" in refused.value  # pytauri's own text: repr(ValidationError)
    assert page_message(refused) == (
        "age: Input should be a valid integer, unable to parse string as an integer"
    )


@pytest.mark.anyio
async def test_a_body_that_is_not_json_names_the_body() -> None:
    refused = await rejected(b"{not json")

    message = page_message(refused)
    assert message.startswith("body: Invalid JSON")
    assert "\n" not in message


def test_an_error_meant_for_the_page_is_passed_on_unchanged() -> None:
    assert page_message(InvokeException("Please enter a name.")) == "Please enter a name."


def test_an_error_caused_by_something_else_is_passed_on_unchanged() -> None:
    with pytest.raises(InvokeException) as raised:
        raise InvokeException("Could not save.") from OSError(28, "disk full")

    assert page_message(raised.value) == "Could not save."
