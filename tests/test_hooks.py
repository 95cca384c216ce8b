"""The hooks: answers are checked before anything is written; disabled examples leave no trace."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from cookiecutter.exceptions import FailedHookException

from .conftest import (
    ALL_FLAG_COMBINATIONS,
    DISTRIBUTIONS,
    EXAMPLE_OF_FLAG,
    FRONTENDS,
    TEMPLATE,
    TOOLING_FILES,
    TOOLING_FLAGS,
    TYPED_CLIENT,
    bake,
    combination_id,
    load_hook,
    shipped_files,
)

DEFAULTS: dict[str, Any] = {
    "project_name": "My PyTauri App",
    "project_slug": "my-pytauri-app",
    "package_name": "my_pytauri_app",
    "app_identifier": "com.example.my-pytauri-app",
    "description": "An app.",
    "author_name": "Ada",
    "author_email": "ada@example.com",
    "version": "0.1.0",
    "license": "MIT",
    "frontend": "vanilla-ts",
    **dict.fromkeys(EXAMPLE_OF_FLAG, True),
    TYPED_CLIENT: True,
    **dict.fromkeys(TOOLING_FLAGS, True),
    "distribution": "installers",
}

# (field, bad value, words the one-line message must contain)
BAD_ANSWERS = [
    ("project_name", "   ", "must not be empty"),
    ("project_name", "two\nlines", "single line"),
    ("project_slug", "My-App", "lower-case"),
    ("project_slug", "1app", "starting with a letter"),
    ("project_slug", "my--app", "single hyphens"),
    ("project_slug", "my_app", "lower-case ASCII letters, digits and single hyphens"),
    ("project_slug", "a" * 65, "at most 64"),
    ("package_name", "class", "Python keyword"),
    ("package_name", "json", "standard library"),
    ("package_name", "pydantic", "shadow a package"),
    ("package_name", "pytauri", "shadow a package"),
    ("package_name", "test", "shadow a package"),
    ("package_name", "my-app", "Python identifier"),
    ("package_name", "café", "ASCII Python identifier"),
    ("package_name", "a" * 41, "at most 40"),
    ("app_identifier", "myapp", "at least two"),
    ("app_identifier", "com.example.my_app", "hyphens"),
    ("app_identifier", "com.1example.app2", "starting with a letter"),
    ("app_identifier", "com.example.app", "must not end in .app"),
    ("app_identifier", "com..example", "reverse-DNS"),
    ("version", "1.0", "semantic version"),
    ("version", "v1.0.0", "semantic version"),
    ("version", "01.2.3", "semantic version"),
    ("version", "1.0.0-x-y.z", "pre-release"),
    ("version", "1.0.0+build.5", "semantic version"),
    ("version", "1.0.\u0663", "semantic version"),
    ("author_email", "not-an-email", "name@example.com"),
    ("author_email", "a@b", "name@example.com"),
    ("author_email", "a b@example.com", "name@example.com"),
    ("license", "GPL-3.0", "must be one of MIT, Apache-2.0, BSD-3-Clause, Proprietary"),
    ("frontend", "angular", "must be one of vanilla-ts, react, vue, svelte"),
    ("description", "x" * 201, "at most 200"),
    ("with_channels", "yes", "true or false"),
    ("with_typed_client", 1, "true or false"),
]


def test_defaults_pass(pre_gen: ModuleType) -> None:
    pre_gen.validate(DEFAULTS)


@pytest.mark.parametrize(("field", "value", "words"), BAD_ANSWERS)
def test_validator_names_field_value_and_rule(
    pre_gen: ModuleType, field: str, value: object, words: str
) -> None:
    with pytest.raises(pre_gen.InvalidAnswer) as caught:
        pre_gen.validate({**DEFAULTS, field: value})
    message = str(caught.value)
    assert message.startswith(f"invalid {field} {value!r}: ")
    assert words in message
    assert "\n" not in message.replace(repr(value), "")


@pytest.mark.parametrize(
    ("field", "value", "words"),
    # cookiecutter itself rejects a bad choice or flag before the hook runs.
    [
        answer
        for answer in BAD_ANSWERS
        if answer[0] not in ("license", "frontend", "with_channels", "with_typed_client")
    ],
    ids=lambda part: part if isinstance(part, str) and len(part) < 30 else "",
)
def test_bad_answer_stops_the_bake_and_leaves_nothing(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], field: str, value: str, words: str
) -> None:
    answers = {field: value}
    if field == "project_name":
        answers["project_slug"] = "my-app"  # a valid slug: the name is what is under test
    with pytest.raises(FailedHookException):
        bake(tmp_path, **answers)
    assert list(tmp_path.iterdir()) == []
    errors = [line for line in capfd.readouterr().err.splitlines() if line.startswith("ERROR: ")]
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"ERROR: invalid {field} {value!r}: ")
    assert words in errors[0]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("project_slug", "a"),
        ("project_slug", "my-app-2"),
        ("package_name", "_private_app"),
        ("app_identifier", "io.github.user.my-app"),
        ("app_identifier", "Com.Example.MyApp"),
        ("version", "1.2.3-beta.1"),
        ("version", "2.0.0-rc2"),
        ("author_email", "first.last+tag@sub.example.co.uk"),
        ("project_name", "Café Ünïcode App"),
        ("license", "Proprietary"),
    ],
)
def test_good_answers_pass(pre_gen: ModuleType, field: str, value: str) -> None:
    pre_gen.validate({**DEFAULTS, field: value})


def test_unicode_name_bakes_valid_slug_and_package(tmp_path: Path) -> None:
    project = bake(tmp_path, project_name="Café Ünïcode App")
    assert project.name == "cafe-unicode-app"
    assert (project / "src" / "cafe_unicode_app" / "app.py").is_file()
    tauri = tomllib.loads((project / "src" / "cafe_unicode_app" / "Tauri.toml").read_text())
    assert tauri["productName"] == "Café Ünïcode App"
    assert tauri["identifier"] == "com.example.cafe-unicode-app"


def template_copy(destination: Path, frontend: str) -> Path:
    """The template's project folder, copied, with ``frontend`` installed as the hook does."""
    project = destination / "project"
    shutil.copytree(TEMPLATE / "{{cookiecutter.project_slug}}", project)
    load_hook("post_gen_project").install_frontend(project, frontend)
    return project


def test_every_list_of_frontends_agrees(pre_gen: ModuleType, post_gen: ModuleType) -> None:
    """The question's choices, the validator, the hook and the template's folders."""
    choices = json.loads((TEMPLATE / "cookiecutter.json").read_text())["frontend"]
    folders = {p.name for p in (TEMPLATE / "{{cookiecutter.project_slug}}" / "frontends").iterdir()}
    assert tuple(choices) == pre_gen.FRONTENDS == tuple(post_gen.FRONTENDS) == FRONTENDS
    assert folders == set(choices)


@pytest.mark.parametrize("frontend", FRONTENDS)
def test_install_frontend_moves_its_modules_into_web_and_drops_the_others(
    post_gen: ModuleType, tmp_path: Path, frontend: str
) -> None:
    template = TEMPLATE / "{{cookiecutter.project_slug}}"
    source = template / "frontends" / frontend

    def files(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}

    chosen, shared = files(source), files(template / "web")
    assert not chosen & shared, f"{frontend} would overwrite shared modules: {chosen & shared}"

    project = template_copy(tmp_path, frontend)

    assert not (project / "frontends").exists()
    # Sub-folders keep their place: frontends/<name>/lib/ui.ts lands in web/lib/.
    assert files(project / "web") == chosen | shared
    ext = post_gen.FRONTENDS[frontend]
    assert (project / "web" / f"commands.{ext}").is_file()


@pytest.mark.parametrize("frontend", FRONTENDS)
def test_every_example_file_exists_in_the_template(
    post_gen: ModuleType, tmp_path: Path, frontend: str
) -> None:
    project = template_copy(tmp_path, frontend)
    answers = {"package_name": "{{cookiecutter.package_name}}", "frontend": frontend}
    for example in EXAMPLE_OF_FLAG.values():
        for relative in post_gen.example_files(example, answers):
            assert (project / relative).exists(), relative


@pytest.mark.parametrize("frontend", FRONTENDS)
def test_remove_disabled_examples_deletes_exactly_their_files(
    post_gen: ModuleType, tmp_path: Path, frontend: str
) -> None:
    project = template_copy(tmp_path / "after", frontend)
    template = template_copy(tmp_path / "before", frontend)
    package = "{{cookiecutter.package_name}}"
    before = {p.relative_to(project) for p in project.rglob("*") if p.is_file()}
    answers = {
        "package_name": package,
        "frontend": frontend,
        **dict.fromkeys(EXAMPLE_OF_FLAG, True),
        "with_events": False,
        "with_js_eval": False,
    }

    removed = post_gen.remove_disabled_examples(project, answers)

    after = {p.relative_to(project) for p in project.rglob("*") if p.is_file()}
    expected_gone = set(post_gen.example_files("events", answers)) | set(
        post_gen.example_files("js_eval", answers)
    )
    # A folder in the list (an example's generated client) goes with all its files.
    gone_files = {
        file.relative_to(template)
        for path in expected_gone
        for file in [template / path, *(template / path).rglob("*")]
        if file.is_file()
    }
    assert removed == ["events", "js_eval"]
    assert before - after == gone_files
    assert Path("tests", "e2e", "test_events_seed_e2e.py") in expected_gone
    assert Path("web", f"events.{post_gen.FRONTENDS[frontend]}") in expected_gone


# (flags off besides the defaults, the shared modules that must leave with them)
PLUMBING_CASES = {
    "all-on": ({}, []),
    "no-bench": ({"with_bench": False}, []),
    "no-desktop": ({"with_desktop": False}, ["desktop_env"]),
    "desktop-alone": (
        {**dict.fromkeys(EXAMPLE_OF_FLAG, False), "with_desktop": True, "with_bench": False},
        ["batching", "streams", "history", "event_capability"],
    ),
    "chat-alone": (
        {**dict.fromkeys(EXAMPLE_OF_FLAG, False), "with_chat_demo": True, "with_bench": False},
        ["batching", "desktop_env"],
    ),
    "events-alone": (
        {**dict.fromkeys(EXAMPLE_OF_FLAG, False), "with_events": True, "with_bench": False},
        ["batching", "streams", "history", "desktop_env"],
    ),
    "commands-only-with-bench": (
        dict.fromkeys(EXAMPLE_OF_FLAG, False),
        ["streams", "history", "event_capability", "desktop_env"],
    ),
    "commands-only": (
        {**dict.fromkeys(EXAMPLE_OF_FLAG, False), "with_bench": False},
        ["batching", "streams", "history", "event_capability", "desktop_env"],
    ),
    "commands-only-untyped": (
        {**dict.fromkeys(EXAMPLE_OF_FLAG, False), "with_bench": False, TYPED_CLIENT: False},
        ["batching", "typed_events", "streams", "history", "event_capability", "desktop_env"],
    ),
}


@pytest.mark.parametrize("case", PLUMBING_CASES)
def test_plumbing_leaves_with_the_last_example_that_uses_it(
    post_gen: ModuleType, tmp_path: Path, case: str
) -> None:
    off, gone = PLUMBING_CASES[case]
    project = template_copy(tmp_path, "vanilla-ts")
    package = "{{cookiecutter.package_name}}"
    answers = {**DEFAULTS, "package_name": package, **off}
    before = {p.relative_to(project) for p in project.rglob("*") if p.is_file()}

    removed = post_gen.remove_unused_plumbing(project, answers)

    after = {p.relative_to(project) for p in project.rglob("*") if p.is_file()}
    assert removed == gone
    doomed = [path for name in gone for path in post_gen.plumbing_files(name, package)]
    expected = {f for f in before if any(f == d or d in f.parents for d in doomed)}
    assert before - after == expected
    for name in gone:
        assert (
            Path("src", package, "plumbing", f"{name}.py") in expected or name == "event_capability"
        )


def test_every_plumbing_file_exists_in_the_template(post_gen: ModuleType) -> None:
    project = TEMPLATE / "{{cookiecutter.project_slug}}"
    for name in post_gen.plumbing_in_use(DEFAULTS):
        for relative in post_gen.plumbing_files(name, "{{cookiecutter.package_name}}"):
            assert (project / relative).exists(), relative


def test_remove_refuses_a_template_missing_an_example_file(
    post_gen: ModuleType, tmp_path: Path
) -> None:
    answers = {"package_name": "pkg", "frontend": "vanilla-ts"}
    answers |= dict.fromkeys(EXAMPLE_OF_FLAG, False)
    with pytest.raises(FileNotFoundError, match="template is missing"):
        post_gen.remove_disabled_examples(tmp_path, answers)


@pytest.mark.parametrize(
    ("license_name", "words"),
    [
        ("MIT", "Permission is hereby granted, free of charge"),
        ("Apache-2.0", "Apache License"),
        ("BSD-3-Clause", "Redistribution and use in source and binary forms"),
        ("Proprietary", "All rights reserved"),
    ],
)
def test_license_is_installed_and_the_others_removed(
    baked: Any, license_name: str, words: str
) -> None:
    project = baked(license=license_name, author_name="Grace Hopper")
    text = (project / "LICENSE").read_text()
    assert words in text
    assert "Grace Hopper" in text
    assert not (project / "licenses").exists()


def test_next_steps_name_the_project(post_gen: ModuleType) -> None:
    steps = post_gen.next_steps({"project_slug": "my-app", "package_name": "my_app"})
    assert "cd my-app" in steps
    assert "python -m my_app" in steps


@pytest.mark.parametrize("flags", ALL_FLAG_COMBINATIONS, ids=combination_id)
def test_every_combination_of_example_flags_is_accepted(
    pre_gen: ModuleType, flags: dict[str, bool]
) -> None:
    """Each example stands alone: the hook refuses values, never a combination."""
    pre_gen.validate({**DEFAULTS, **flags})
    pre_gen.validate({**DEFAULTS, **flags, **dict.fromkeys(TOOLING_FLAGS, False)})


@pytest.mark.parametrize("flag", TOOLING_FLAGS)
def test_tooling_flags_must_be_booleans(pre_gen: ModuleType, flag: str) -> None:
    with pytest.raises(pre_gen.InvalidAnswer, match=f"invalid {flag} 'no': must be true or false"):
        pre_gen.validate({**DEFAULTS, flag: "no"})


TEMPLATE_PACKAGE = "{{cookiecutter.package_name}}"


def test_every_tooling_file_exists_in_the_template(post_gen: ModuleType) -> None:
    project = TEMPLATE / "{{cookiecutter.project_slug}}"
    assert set(post_gen.TOOLING) == set(TOOLING_FLAGS)
    for relatives in post_gen.TOOLING.values():
        for relative in relatives:
            assert (project / relative.format(package=TEMPLATE_PACKAGE)).exists(), relative


@pytest.mark.parametrize("flag", TOOLING_FLAGS)
def test_remove_disabled_tooling_deletes_exactly_its_files(
    post_gen: ModuleType, tmp_path: Path, flag: str
) -> None:
    project = tmp_path / "project"
    shutil.copytree(TEMPLATE / "{{cookiecutter.project_slug}}", project)
    before = {p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()}
    answers = {**DEFAULTS, "package_name": TEMPLATE_PACKAGE, flag: False}

    removed = post_gen.remove_disabled_tooling(project, answers)

    after = {p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()}
    assert removed == [r.format(package=TEMPLATE_PACKAGE) for r in post_gen.TOOLING[flag]]
    expected = {f for f in before if any(f == r or f.startswith(r + "/") for r in removed)}
    assert before - after == expected
    named = {f.replace("my_pytauri_app", TEMPLATE_PACKAGE) for f in TOOLING_FILES[flag]}
    assert named <= expected
    assert not any((project / relative).exists() for relative in removed)


@pytest.mark.parametrize("distribution", DISTRIBUTIONS)
def test_remove_unshipped_keeps_what_the_distribution_builds(
    post_gen: ModuleType, tmp_path: Path, distribution: str
) -> None:
    project = tmp_path / "project"
    shutil.copytree(TEMPLATE / "{{cookiecutter.project_slug}}", project)
    before = {p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()}

    removed = post_gen.remove_unshipped(project, {**DEFAULTS, "distribution": distribution})

    after = {p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()}
    assert before - after == set(removed)
    everything = set().union(*map(shipped_files, DISTRIBUTIONS))
    assert (everything - shipped_files(distribution)) <= set(removed)
    assert shipped_files(distribution) <= after
    release = ".github/workflows/release.yml"
    assert (release in after) == (distribution == "installers")


def test_distribution_is_one_of_three(pre_gen: ModuleType) -> None:
    for distribution in DISTRIBUTIONS:
        pre_gen.validate({**DEFAULTS, "distribution": distribution})
    message = "invalid distribution 'appimage': must be one of installers, standalone, wheel"
    with pytest.raises(pre_gen.InvalidAnswer, match=message):
        pre_gen.validate({**DEFAULTS, "distribution": "appimage"})


def test_remove_tooling_refuses_a_template_missing_a_file(
    post_gen: ModuleType, tmp_path: Path
) -> None:
    with pytest.raises(FileNotFoundError, match=r"template is missing \.github"):
        post_gen.remove_disabled_tooling(tmp_path, {**DEFAULTS, "with_github_actions": False})


@pytest.mark.parametrize("typed", [True, False], ids=["typed", "untyped"])
def test_keep_one_client_keeps_the_generated_or_the_hand_written_one(
    post_gen: ModuleType, tmp_path: Path, typed: bool
) -> None:
    project = tmp_path / "project"
    shutil.copytree(TEMPLATE / "{{cookiecutter.project_slug}}", project)
    package = "{{cookiecutter.package_name}}"
    clients = project / "web" / "python"
    generated = {p.name for p in clients.iterdir() if p.is_dir()}
    by_hand = {p.stem for p in clients.glob("*.ts")}
    # commands is always on; batching is plumbing with a command (the page's acknowledgements);
    # windows comes with the events.
    modules = {"commands", "batching", "windows", *EXAMPLE_OF_FLAG.values()}
    assert generated == by_hand == modules

    removed = post_gen.keep_one_client(
        project, {**DEFAULTS, "package_name": package, TYPED_CLIENT: typed}
    )

    kept = {p.name for p in clients.iterdir()}
    if typed:
        assert kept == generated
        assert all(path.suffix == ".ts" for path in removed)
    else:
        assert kept == {f"{name}.ts" for name in by_hand}
        for relative in post_gen.typed_client_files(package):
            assert relative in removed
            assert not (project / relative).exists()


def test_keep_one_client_refuses_a_template_missing_the_generator(
    post_gen: ModuleType, tmp_path: Path
) -> None:
    (tmp_path / "web" / "python").mkdir(parents=True)
    with pytest.raises(FileNotFoundError, match=r"template is missing .*codegen\.py"):
        post_gen.keep_one_client(tmp_path, {**DEFAULTS, TYPED_CLIENT: False})
