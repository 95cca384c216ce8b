"""The Windows installer compiles, and the installer commands fail in one line.

makensis runs on Linux and macOS too, so this compiles ship/windows.nsi with
this project's values; the setup it writes runs on Windows only and is never
run here. A fake app folder (a file named like the .exe, and a data file)
stands in for PyInstaller's.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path

import pytest

from ship import macos, windows
from ship.project import Project, ProjectError, read_project

needs_makensis = pytest.mark.skipif(
    shutil.which("makensis") is None,
    reason="makensis is not on PATH (apt install nsis, brew install makensis)",
)
NSIS_SIGNATURE = b"\xef\xbe\xad\xdeNullsoftInst"
"""The header NSIS writes into every installer it makes."""


@pytest.fixture
def project() -> Project:
    return read_project()


@pytest.fixture
def app(tmp_path: Path, project: Project) -> Path:
    """A stand-in for PyInstaller's folder: the .exe, and a data file beside it."""
    folder = tmp_path / "app"
    (folder / "_internal" / "data").mkdir(parents=True)
    (folder / f"{project.slug}.exe").write_bytes(b"MZ stand-in")
    (folder / "_internal" / "data" / "price$list.txt").write_text("a $ in a file name")
    return folder


@needs_makensis
def test_the_installer_compiles(project: Project, app: Path, tmp_path: Path) -> None:
    setup = windows.build_installer(project, app, tmp_path / "out")

    assert setup.name == f"{project.slug}-{project.version}-setup.exe"
    assert setup.parent == (tmp_path / "out").resolve()
    data = setup.read_bytes()
    assert data[:2] == b"MZ"  # a Windows program
    assert NSIS_SIGNATURE in data


@needs_makensis
def test_a_missing_define_stops_the_compile(project: Project, app: Path, tmp_path: Path) -> None:
    values = windows.defines(project, app, tmp_path / "setup.exe", tmp_path)
    del values["VERSION"]
    command = ["makensis", *(f"-D{name}={value}" for name, value in values.items())]

    result = subprocess.run(
        [*command, str(windows.SCRIPT)], capture_output=True, text=True, check=False
    )

    assert result.returncode != 0
    assert "missing define VERSION" in result.stdout + result.stderr
    assert not (tmp_path / "setup.exe").exists()


@needs_makensis
def test_a_failing_script_is_reported_in_one_line(
    project: Project, app: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "broken.nsi"
    script.write_text('!error "the script stops here"\n')
    monkeypatch.setattr(windows, "SCRIPT", script)

    with pytest.raises(ProjectError) as raised:
        windows.build_installer(project, app, tmp_path / "out")

    assert str(raised.value) == "makensis failed: !error: the script stops here"


def test_the_uninstaller_deletes_what_the_installer_copies(project: Project, app: Path) -> None:
    lines = [line.strip() for line in windows.file_list(app).splitlines()]

    copied = [line.split('"')[1] for line in lines if line.startswith("File ")]
    deleted = [line.split('"')[1] for line in lines if line.startswith("Delete ")]
    data = app / "_internal" / "data" / "price$list.txt"
    assert copied == [str(app / f"{project.slug}.exe"), str(data)]
    assert deleted == [
        f"$INSTDIR\\{project.slug}.exe",
        "$INSTDIR\\_internal\\data\\price$$list.txt",  # $$: NSIS would read $list as a variable
    ]
    removed = [line for line in lines if line.startswith("RMDir ")]
    # Deepest first, and never the install folder itself: that is the .nsi's, if empty.
    assert removed == ['RMDir "$INSTDIR\\_internal\\data"', 'RMDir "$INSTDIR\\_internal"']


def test_a_product_name_windows_cannot_use_in_file_names_is_refused(
    project: Project, app: Path, tmp_path: Path
) -> None:
    renamed = dataclasses.replace(project, product="Notes: Pro")

    with pytest.raises(ProjectError, match="cannot hold any of"):
        windows.build_installer(renamed, app, tmp_path / "out")


# --- the errors people see: one line, exit 1, no traceback ------------------


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: ")
    assert captured.err.count("\n") == 1, captured.err
    return captured.err


def test_no_app_folder_says_how_to_build_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert windows.main(["--app", str(tmp_path / "missing"), "--out", str(tmp_path)]) == 1
    assert "pyinstaller --noconfirm standalone.spec" in one_line_error(capsys)


def test_no_makensis_says_how_to_install_it(
    app: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    for variable in ("ProgramFiles", "ProgramFiles(x86)"):
        monkeypatch.delenv(variable, raising=False)

    assert windows.main(["--app", str(app), "--out", str(tmp_path)]) == 1
    error = one_line_error(capsys)
    assert "makensis (NSIS) is not installed" in error
    assert "apt install nsis" in error


def test_the_dmg_command_fails_in_one_line_without_an_app_bundle(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Off macOS: no hdiutil. On macOS: no bundle at that path. One line either way.
    assert macos.main(["--app", str(tmp_path / "missing.app"), "--out", str(tmp_path)]) == 1
    error = one_line_error(capsys)
    assert "only be made on macOS" in error or "pyinstaller --noconfirm" in error
    assert not list(tmp_path.glob("*.dmg"))
