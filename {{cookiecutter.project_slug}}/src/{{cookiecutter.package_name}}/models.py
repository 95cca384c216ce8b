"""The base model every IPC payload uses."""

from typing import Any

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


def _untitled_fields(schema: dict[str, Any]) -> None:
    # pydantic titles every field ("Display Name"); TypeScript generators turn
    # each title into a type alias of its own. The field's name says enough.
    for field in schema.get("properties", {}).values():
        field.pop("title", None)


class CamelModel(BaseModel):
    """snake_case in Python, camelCase on the wire, in both directions.

    ``populate_by_name`` lets Python code use the field names;
    ``serialize_by_alias`` matters because pytauri serialises return values
    and event payloads with ``model_dump_json()``: without it the page would
    receive snake_case keys. ``extra="forbid"`` makes a field the model does
    not have an error instead of something silently dropped, as the page's
    TypeScript types do. Field docstrings become descriptions in the JSON
    schema (and from there comments in TypeScript).
    """

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        serialize_by_alias=True,
        extra="forbid",
        use_attribute_docstrings=True,
        json_schema_extra=_untitled_fields,
    )
