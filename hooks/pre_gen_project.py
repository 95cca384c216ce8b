"""Check every answer before anything is written.

cookiecutter renders this file with the answers, then runs it. A failure
prints one line naming the field, the value and the rule, exits 1, and
cookiecutter deletes the half-made project folder. Only invalid values are
refused: every combination of flags bakes (each example stands alone).

The rules are plain functions so the template's tests import and call them.
"""

from __future__ import annotations

import json
import keyword
import re
import sys
from collections.abc import Callable, Mapping
from typing import Any

LICENSES = ("MIT", "Apache-2.0", "BSD-3-Clause", "Proprietary")
FRONTENDS = ("vanilla-ts", "react", "vue", "svelte")
# How the app ships; each one adds to the one after it. The wheel is always there.
DISTRIBUTIONS = ("installers", "standalone", "wheel")
FLAGS = (
    "with_channels",
    "with_events",
    "with_state",
    "with_js_eval",
    "with_chat_demo",
    "with_desktop",
    "with_typed_client",
    "with_bench",
    "with_github_actions",
    "with_pre_commit",
)

# Import names a generated package must not take: the app imports these, and
# a package of the same name would shadow them (or be shadowed).
RESERVED_PACKAGE_NAMES = frozenset(
    {
        "pytauri",
        "pytauri_wheel",
        "pytauri_plugins",
        "anyio",
        "pydantic",
        "pydantic_core",
        "selenium",
        "pytest",
        "ruff",
        "mypy",
        "hatchling",
        "typing_extensions",
        "test",
        "tests",
        "src",
        "app",
    }
)

SLUG = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
PACKAGE = re.compile(r"[a-z_][a-z0-9_]*")
# Tauri: ASCII letters, digits, hyphens and periods, in reverse-DNS form.
IDENTIFIER_SEGMENT = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
# Semantic versions that Python packaging (PEP 440) reads the same way, since
# the one version goes into pyproject.toml, package.json and Tauri.toml:
# 1.2.3, or a pre-release such as 1.2.3-beta.1, 1.2.3-rc2, 1.2.3-dev.4.
# Each number has at most 9 digits, which every tool reads without overflow.
_NUMBER = r"(0|[1-9][0-9]{0,8})"
SEMVER = re.compile(rf"{_NUMBER}\.{_NUMBER}\.{_NUMBER}(-(alpha|beta|rc|a|b|dev)(\.?{_NUMBER})?)?")
# Plausible, not RFC 5322: the characters real addresses use, and a dotted domain.
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


class InvalidAnswer(ValueError):
    """One answer broke one rule; the message says which and why."""

    def __init__(self, field: str, value: object, rule: str) -> None:
        super().__init__(f"invalid {field} {value!r}: {rule}")


def check_text(value: object, max_length: int) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return "must not be empty"
    if len(value) > max_length:
        return f"must be at most {max_length} characters"
    if any(ord(char) < 32 or ord(char) == 127 for char in value):
        return "must be a single line without control characters"
    return None


def check_project_name(value: object) -> str | None:
    return check_text(value, 100)


def check_project_slug(value: object) -> str | None:
    if not isinstance(value, str) or not SLUG.fullmatch(value):
        return (
            "must be lower-case ASCII letters, digits and single hyphens, starting with a "
            "letter (e.g. my-app); a name with no ASCII letters needs a slug given by hand"
        )
    if len(value) > 64:
        return "must be at most 64 characters"
    return None


def check_package_name(value: object) -> str | None:
    if not isinstance(value, str) or not PACKAGE.fullmatch(value):
        return "must be a lower-case ASCII Python identifier (letters, digits, underscores)"
    if len(value) > 40:
        return "must be at most 40 characters"
    if keyword.iskeyword(value) or keyword.issoftkeyword(value):
        return "is a Python keyword"
    if value in sys.stdlib_module_names:
        return "would shadow the standard library module of the same name"
    if value in RESERVED_PACKAGE_NAMES:
        return "would shadow a package the app or its tools import"
    return None


def check_app_identifier(value: object) -> str | None:
    rule = (
        "must be reverse-DNS (e.g. com.example.myapp): at least two period-separated "
        "segments of ASCII letters, digits and hyphens, each starting with a letter"
    )
    if not isinstance(value, str):
        return rule
    segments = value.split(".")
    if len(segments) < 2 or not all(IDENTIFIER_SEGMENT.fullmatch(s) for s in segments):
        return rule
    if segments[-1].lower() == "app":
        return "must not end in .app (it clashes with macOS application bundles)"
    return None


def check_version(value: object) -> str | None:
    if not isinstance(value, str) or not SEMVER.fullmatch(value):
        return (
            "must be a semantic version such as 0.1.0, or a pre-release such as "
            "1.2.3-beta.1 or 1.2.3-rc2 (alpha, beta, rc, a, b or dev)"
        )
    return None


def check_email(value: object) -> str | None:
    if not isinstance(value, str) or not EMAIL.fullmatch(value) or len(value) > 254:
        return "must look like name@example.com"
    return None


def check_license(value: object) -> str | None:
    if value not in LICENSES:
        return f"must be one of {', '.join(LICENSES)}"
    return None


def check_frontend(value: object) -> str | None:
    if value not in FRONTENDS:
        return f"must be one of {', '.join(FRONTENDS)}"
    return None


def check_distribution(value: object) -> str | None:
    if value not in DISTRIBUTIONS:
        return f"must be one of {', '.join(DISTRIBUTIONS)}"
    return None


def check_flag(value: object) -> str | None:
    if not isinstance(value, bool):
        return "must be true or false"
    return None


CHECKS: dict[str, Callable[[object], str | None]] = {
    "project_name": check_project_name,
    "project_slug": check_project_slug,
    "package_name": check_package_name,
    "app_identifier": check_app_identifier,
    "description": lambda value: check_text(value, 200),
    "author_name": lambda value: check_text(value, 100),
    "author_email": check_email,
    "version": check_version,
    "license": check_license,
    "frontend": check_frontend,
    "distribution": check_distribution,
    **dict.fromkeys(FLAGS, check_flag),
}


def validate(answers: Mapping[str, Any]) -> None:
    """Raise ``InvalidAnswer`` for the first answer that breaks its rule."""
    for field, check in CHECKS.items():
        value = answers.get(field)
        rule = check(value)
        if rule is not None:
            raise InvalidAnswer(field, value, rule)


def main(answers: Mapping[str, Any]) -> int:
    try:
        validate(answers)
    except InvalidAnswer as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    # tojson escapes quotes, so the answers arrive intact inside a raw string.
    sys.exit(main(json.loads(r"""{{ cookiecutter | tojson }}""")))
