"""One version, written in pyproject.toml, and its copies kept equal (ship/version.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ship import version
from ship.project import ROOT, ProjectError, read_project

PROJECT = read_project()
COPIED = [
    "pyproject.toml",
    f"src/{PROJECT.package}/Tauri.toml",
    f"src/{PROJECT.package}/__init__.py",
    "package.json",
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The files that hold the version, copied: the tests change them."""
    for relative in COPIED:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / relative, tmp_path / relative)
    return tmp_path


def test_the_copies_agree_in_this_project() -> None:
    assert version.disagreements(ROOT) == []


def test_setting_a_version_writes_it_everywhere(project: Path) -> None:
    before = {name: (project / name).read_text() for name in COPIED}

    written = version.set_version("2.10.3-rc.1", project)

    assert written == ["pyproject.toml", COPIED[1], "package.json"]
    assert version.disagreements(project) == []
    bumped = read_project(project)
    assert bumped.version == "2.10.3-rc.1"
    assert bumped.package_version == "2.10.3~rc.1"  # sorts before 2.10.3 in apt and rpm
    assert bumped.numeric_version == "2.10.3"
    for name in written:
        after = (project / name).read_text()
        assert '"2.10.3-rc.1"' in after
        # Only the version changed: one line, the rest as written.
        changed = set(after.splitlines()) - set(before[name].splitlines())
        assert len(changed) == 1, changed


def test_a_copy_that_disagrees_is_named(project: Path) -> None:
    tauri = project / COPIED[1]
    tauri.write_text(tauri.read_text().replace(f'"{PROJECT.version}"', '"9.9.9"', 1))

    (problem,) = version.disagreements(project)

    assert problem == f"{COPIED[1]} says '9.9.9', pyproject.toml says '{PROJECT.version}'"


def test_package_lock_is_a_copy_when_npm_wrote_one(project: Path) -> None:
    lock = project / "package-lock.json"
    # As npm writes it: two spaces, the package's own version first.
    lock.write_text(json.dumps({"name": "x", "version": PROJECT.version, "packages": {}}, indent=2))

    version.set_version("3.0.0", project)

    assert '"version": "3.0.0"' in lock.read_text()


@pytest.mark.parametrize("bad", ["1.2", "v1.2.3", "1.2.3.4", "1.2.3-beta-2", "01.2.3", ""])
def test_a_bad_version_is_refused_and_nothing_changes(project: Path, bad: str) -> None:
    before = {name: (project / name).read_text() for name in COPIED}

    with pytest.raises(ProjectError, match=r"is not a version like 1\.2\.3"):
        version.set_version(bad, project)

    assert {name: (project / name).read_text() for name in COPIED} == before


def test_the_command_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert version.main([]) == 0
    assert capsys.readouterr().out == f"{PROJECT.version}\n"


def test_the_command_says_what_is_wrong_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert version.main(["1.2"]) == 1
    error = capsys.readouterr().err
    assert error == "error: '1.2' is not a version like 1.2.3 or 1.2.3-rc1\n"
