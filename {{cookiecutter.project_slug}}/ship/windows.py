"""The Windows installer: a setup .exe made by NSIS from the standalone app folder.

    python -m ship.windows [--app DIR] [--out DIR]

The app folder is PyInstaller's (``pyinstaller --noconfirm standalone.spec``,
on Windows); the setup is written to dist/installers/SLUG-VERSION-setup.exe.
ship/windows.nsi is the script: this module gives it the project's values as
-D defines, and the list of the app's files to install and to uninstall.
makensis also runs on Linux and macOS (apt install nsis, brew install makensis),
which compiles the script there, though the setup it writes runs on Windows only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ship.project import Project, ProjectError, read_project

SCRIPT = Path(__file__).with_name("windows.nsi")
# Windows refuses these in file names, and the product names the install
# folder and the shortcuts.
NOT_IN_FILE_NAMES = set('<>:"/\\|?*')


def find_makensis() -> Path:
    """makensis on PATH, or where the NSIS installer puts it on Windows."""
    found = shutil.which("makensis")
    if found:
        return Path(found)
    for variable in ("ProgramFiles(x86)", "ProgramFiles"):
        folder = os.environ.get(variable)
        if folder and (Path(folder) / "NSIS" / "makensis.exe").is_file():
            return Path(folder) / "NSIS" / "makensis.exe"
    raise ProjectError(
        "makensis (NSIS) is not installed: `winget install NSIS.NSIS` or "
        "`choco install nsis` on Windows, `apt install nsis` on Debian/Ubuntu"
    )


def nsis_string(value: str) -> str:
    """Text as NSIS reads it inside "...": $ starts a variable, $\\" is a quote."""
    return value.replace("$", "$$").replace('"', '$\\"')


def file_list(app: Path) -> str:
    """Two NSIS macros: one installs each file of ``app``, one deletes each of them.

    Listing the files, rather than copying the folder and deleting it whole,
    lets the uninstaller remove exactly what was installed, and nothing a user
    put beside it.
    """
    install, delete, folders = [], [], []
    for folder in sorted([app, *(p for p in app.rglob("*") if p.is_dir())]):
        parts = folder.relative_to(app).parts
        target = "\\".join(["$INSTDIR", *map(nsis_string, parts)])
        files = sorted(p for p in folder.iterdir() if p.is_file())
        if files:
            install.append(f'  SetOutPath "{target}"')
        for file in files:
            install.append(f'  File "{file}"')
            delete.append(f'  Delete "{target}\\{nsis_string(file.name)}"')
        if folder != app:
            folders.append(f'  RMDir "{target}"')
    # Deepest first: a folder is removed only once it is empty.
    folders.sort(key=lambda line: line.count("\\"), reverse=True)
    lines = ["!macro INSTALL_FILES", *install, "!macroend"]
    lines += ["!macro UNINSTALL_FILES", *delete, *folders, "!macroend"]
    return "\n".join(lines) + "\n"


def defines(project: Project, app: Path, setup: Path, work: Path) -> dict[str, str]:
    """Every value windows.nsi requires (it stops with an !error on a missing one).

    Two of them are files, written into the folder ``work``: the list of the
    app's files, and the license as the license page shows it best (Windows
    line ends; a byte-order mark, or NSIS would read the UTF-8 as ANSI).
    """
    files, license_copy = work / "files.nsh", work / "LICENSE.txt"
    files.write_text(file_list(app.resolve()), encoding="utf-8")
    license_text = (project.root / "LICENSE").read_text(encoding="utf-8")
    license_copy.write_text(license_text, encoding="utf-8-sig", newline="\r\n")
    size = sum(p.stat().st_size for p in app.rglob("*") if p.is_file())
    return {
        "PRODUCT": nsis_string(project.product),
        "SLUG": project.slug,
        "VERSION": project.version,
        "NUMERIC_VERSION": project.numeric_version,
        "PUBLISHER": nsis_string(project.author or project.product),
        "DESCRIPTION": nsis_string(project.description),
        "IDENTIFIER": project.identifier,
        "ICON": str(project.icons / "icon.ico"),
        "LICENSE_FILE": str(license_copy),
        "FILE_LIST": str(files),
        "SIZE_KB": str(size // 1024 + 1),
        "OUT_FILE": str(setup),
    }


def makensis_error(output: str) -> str:
    """The line of makensis's output that says what went wrong."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.lower()]
    return (errors or lines or ["no output"])[0]


def build_installer(project: Project, app: Path, out: Path) -> Path:
    """Compile the setup .exe for the app folder ``app`` into ``out``; return its path."""
    if not (app / f"{project.slug}.exe").is_file():
        raise ProjectError(
            f"{app} holds no {project.slug}.exe: build the app on Windows first, "
            "with `pyinstaller --noconfirm standalone.spec`"
        )
    if NOT_IN_FILE_NAMES & set(project.product):
        raise ProjectError(
            f"the product name {project.product!r} names the install folder and shortcuts, "
            'so it cannot hold any of <>:"/\\|?* (productName in Tauri.toml)'
        )
    icon, license_file = project.icons / "icon.ico", project.root / "LICENSE"
    if not icon.is_file():
        raise ProjectError(f"{icon} is missing: make the icons with `python -m ship.icons`")
    if not license_file.is_file():
        raise ProjectError(f"{license_file} is missing: the installer shows it before installing")
    makensis = find_makensis()
    out.mkdir(parents=True, exist_ok=True)
    setup = (out / f"{project.slug}-{project.version}-setup.exe").resolve()
    with tempfile.TemporaryDirectory() as temporary:
        values = defines(project, app, setup, Path(temporary))
        # -V2: print only warnings and errors. -WX: fail on a warning, which here
        # means a mistake in the script (an unused define, a missing string...).
        command = [str(makensis), "-V2", "-WX", "-INPUTCHARSET", "UTF8"]
        command += [f"-D{name}={value}" for name, value in values.items()]
        result = subprocess.run(
            [*command, str(SCRIPT)], capture_output=True, text=True, errors="replace", check=False
        )
    if result.returncode != 0:
        raise ProjectError(f"makensis failed: {makensis_error(result.stdout + result.stderr)}")
    return setup


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ship.windows", description="Build the Windows setup .exe."
    )
    parser.add_argument("--app", type=Path, help="the app folder (default: dist/SLUG)")
    parser.add_argument("--out", type=Path, help="where to write it (default: dist/installers)")
    args = parser.parse_args(argv)
    try:
        project = read_project()
        setup = build_installer(
            project, args.app or project.app_folder, args.out or project.installers
        )
    except ProjectError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(setup)
    return 0


if __name__ == "__main__":
    sys.exit(main())
