"""The base model every IPC payload uses."""

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


class CamelModel(BaseModel):
    """snake_case in Python, camelCase on the wire, in both directions.

    ``populate_by_name`` lets Python code use the field names;
    ``serialize_by_alias`` matters because pytauri serialises return values
    and event payloads with ``model_dump_json()``: without it the page would
    receive snake_case keys.
    """

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        serialize_by_alias=True,
    )
