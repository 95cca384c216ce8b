"""The answer validators, fuzzed: no answer crashes them, and what they accept bakes clean.

Two properties, found by hypothesis rather than by hand-picked cases:

* ``validate`` either accepts an answer or raises ``InvalidAnswer`` with a
  one-line message: any other exception would be a crash of the hook.
* Every set of answers it accepts bakes a project whose configuration files
  parse and whose Python passes the project's own ruff check and format check.
"""

from __future__ import annotations

import json
import string
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from .conftest import bake, load_hook
from .test_hooks import DEFAULTS

PRE_GEN = load_hook("pre_gen_project")
VALID = {**DEFAULTS, **dict.fromkeys(PRE_GEN.FLAGS, True)}

# Anything at all, including control characters, surrogates and non-strings.
ANY_VALUE = st.one_of(
    st.text(),
    st.text(alphabet=string.printable),
    st.integers(),
    st.booleans(),
    st.none(),
    st.lists(st.text(), max_size=3),
)


@settings(max_examples=400, deadline=None)
@given(field=st.sampled_from(sorted(PRE_GEN.CHECKS)), value=ANY_VALUE)
def test_any_answer_is_accepted_or_refused_in_one_line(field: str, value: object) -> None:
    try:
        PRE_GEN.validate({**VALID, field: value})
    except PRE_GEN.InvalidAnswer as refused:
        message = str(refused)
        assert message.startswith(f"invalid {field} ")
        assert "\n" not in message
    else:
        assert PRE_GEN.CHECKS[field](value) is None


# Free text as a user might type it: quotes, backslashes, markup, any script.
# Braces are left out because cookiecutter itself renders answers as Jinja.
FREE_TEXT = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"), exclude_characters="{}"
    ),
    min_size=1,
    max_size=60,
).filter(lambda text: text.strip() != "")


def accepted(check_name: str, strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    check = getattr(PRE_GEN, check_name)
    return strategy.filter(lambda value: check(value) is None)


ACCEPTED_ANSWERS = st.fixed_dictionaries(
    {
        "project_name": FREE_TEXT,
        "project_slug": accepted("check_project_slug", st.from_regex(PRE_GEN.SLUG, fullmatch=True)),
        "package_name": accepted(
            "check_package_name", st.from_regex(PRE_GEN.PACKAGE, fullmatch=True)
        ),
        "app_identifier": accepted(
            "check_app_identifier",
            st.lists(st.from_regex(PRE_GEN.IDENTIFIER_SEGMENT, fullmatch=True), min_size=2).map(
                ".".join
            ),
        ),
        "description": FREE_TEXT,
        "author_name": FREE_TEXT,
        "author_email": accepted("check_email", st.from_regex(PRE_GEN.EMAIL, fullmatch=True)),
        "version": st.from_regex(PRE_GEN.SEMVER, fullmatch=True),
        "license": st.sampled_from(PRE_GEN.LICENSES),
        "frontend": st.sampled_from(PRE_GEN.FRONTENDS),
        "distribution": st.sampled_from(PRE_GEN.DISTRIBUTIONS),
        **{flag: st.booleans() for flag in PRE_GEN.FLAGS},
    }
)


def assert_project_is_clean(project: Path) -> None:
    for path in project.rglob("*"):
        if path.suffix == ".toml":
            tomllib.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
    for command in (["check"], ["format", "--check"]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *command, "--no-cache", "."],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr


@settings(
    max_examples=15,
    deadline=None,
    # A bake takes a second: report the failing answers as found, unshrunk.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(answers=ACCEPTED_ANSWERS)
def test_every_accepted_answer_bakes_a_clean_project(
    pre_gen: ModuleType, tmp_path_factory: pytest.TempPathFactory, answers: dict[str, Any]
) -> None:
    pre_gen.validate(answers)  # the strategy only makes answers the hook accepts
    project = bake(tmp_path_factory.mktemp("fuzz"), **answers)
    assert project.name == answers["project_slug"]
    tauri = tomllib.loads(
        (project / "src" / answers["package_name"] / "Tauri.toml").read_text(encoding="utf-8")
    )
    assert tauri["productName"] == answers["project_name"]
    assert tauri["identifier"] == answers["app_identifier"]
    assert_project_is_clean(project)
