"""The base models of every IPC payload.

``StrictModel`` puts each field on the wire under its Python name, as the
seed's snippets expect (``user_id``); ``CamelModel`` uses camelCase there, as
TypeScript code does (``userId``). Both refuse fields they do not have.
"""

import sys
from typing import Any

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


def _untitled_fields(schema: dict[str, Any]) -> None:
    # pydantic titles every field ("Display Name"); TypeScript generators turn
    # each title into a type alias of its own. The field's name says enough.
    for field in schema.get("properties", {}).values():
        field.pop("title", None)


def _generating_client() -> bool:
    """True when this process is the typed-client generator (``python -m <package>.codegen``)."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    return getattr(spec, "name", None) == f"{__package__}.codegen"


def _config(*, camel: bool = False) -> ConfigDict:
    config = ConfigDict(
        extra="forbid",
        use_attribute_docstrings=_generating_client(),
        defer_build=True,
        json_schema_extra=_untitled_fields,
    )
    if camel:
        config.update(
            ConfigDict(alias_generator=to_camel, populate_by_name=True, serialize_by_alias=True)
        )
    return config


class StrictModel(BaseModel):
    """Fields on the wire as named in Python; a field the model lacks is an error.

    ``extra="forbid"`` makes an unknown field an error instead of something
    silently dropped, as the page's TypeScript types do.

    Two settings keep the app's start-up fast (``python -X importtime``):
    ``defer_build`` builds each model's validator and serialiser on its first
    use instead of at import, and field docstrings, which pydantic reads by
    parsing the module's source, are read only by the client generator: they
    become descriptions in the JSON schema, and from there comments in
    TypeScript.
    """

    model_config = _config()


class CamelModel(StrictModel):
    """snake_case in Python, camelCase on the wire, in both directions.

    ``populate_by_name`` lets Python code use the field names;
    ``serialize_by_alias`` matters because pytauri serialises return values
    and event payloads with ``model_dump_json()``: without it the page would
    receive snake_case keys.
    """

    model_config = _config(camel=True)
