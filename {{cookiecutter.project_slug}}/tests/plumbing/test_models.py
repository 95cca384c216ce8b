"""Unit tests for models.py: snake_case in Python, camelCase on the wire."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from {{ cookiecutter.package_name }}.plumbing.models import CamelModel


class Profile(CamelModel):
    display_name: str
    user_id: int
    is_admin: bool = False


WIRE = {"displayName": "Ada", "userId": 7, "isAdmin": True}


def test_reads_camel_case_from_the_page() -> None:
    profile = Profile.model_validate(WIRE)

    assert (profile.display_name, profile.user_id, profile.is_admin) == ("Ada", 7, True)


def test_reads_camel_case_json() -> None:
    # pytauri hands a command its body as JSON bytes.
    profile = Profile.model_validate_json(json.dumps(WIRE).encode())

    assert profile.display_name == "Ada"


def test_python_code_can_use_field_names() -> None:
    profile = Profile(display_name="Ada", user_id=7)

    assert profile.user_id == 7


def test_model_dump_json_writes_camel_case() -> None:
    # pytauri sends return values and event payloads as model_dump_json().
    profile = Profile(display_name="Ada", user_id=7, is_admin=True)

    assert json.loads(profile.model_dump_json()) == WIRE
    assert profile.model_dump() == WIRE


def test_round_trip_is_lossless() -> None:
    profile = Profile.model_validate(WIRE)

    assert Profile.model_validate_json(profile.model_dump_json()) == profile


def test_json_schema_uses_camel_case() -> None:
    # Generated TypeScript types come from the JSON schema.
    properties = Profile.model_json_schema(by_alias=True)["properties"]

    assert set(properties) == set(WIRE)


def test_missing_field_is_reported_by_its_wire_name() -> None:
    with pytest.raises(ValidationError) as raised:
        Profile.model_validate({"displayName": "Ada"})

    assert [error["loc"] for error in raised.value.errors()] == [("userId",)]
