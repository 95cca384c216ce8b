"""Jinja filters the template needs beyond cookiecutter's own.

cookiecutter loads this module because cookiecutter.json names it in
``_extensions``; it adds the template folder to the import path for that.
"""

from __future__ import annotations

import json

from cookiecutter.utils import simple_filter


@simple_filter
def toml_string(value: object) -> str:
    """A TOML basic string holding ``value`` exactly.

    Jinja's ``tojson`` escapes characters outside the BMP (emoji, for
    example) as JSON surrogate pairs, which TOML rejects; this keeps them as
    UTF-8. DEL, which TOML forbids raw, is escaped too.
    """
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")
