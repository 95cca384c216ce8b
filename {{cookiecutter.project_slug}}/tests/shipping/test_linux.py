"""The Linux installers, built for real from a fake app folder.

The fake app is a shell script and a data file: enough to check what the
packages hold and say, in a second. (The template's own tests install a .deb
of the real frozen app and run it.) A test skips only if the packaging tool
it needs is not installed; the reason says which.
"""

from __future__ import annotations

import dataclasses
import gzip
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from ship.linux import (
    ICON_SIZES,
    InstallerError,
    build_deb,
    build_rpm,
    desktop_entry,
    main,
    rpm_requires,
    rpm_spec,
)
from ship.linux_files import man_page, without_build_paths
from ship.project import Project

SLUG = "demo-app"
LICENSE = "MIT License\n\nCopyright (c) 2025 Ada\n\nPermission is hereby granted.\n"


def png(size: int) -> bytes:
    """A one-colour square PNG of ``size`` pixels: a stand-in for the real icons."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        checksum = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + checksum

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    pixels = zlib.compress((b"\x00" + b"\x20\x60\xc0" * size) * size)
    chunks = chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = tmp_path / "project"
    (root / "ship" / "icons").mkdir(parents=True)
    for size in ICON_SIZES:
        (root / "ship" / "icons" / f"{size}x{size}.png").write_bytes(png(size))
    (root / "LICENSE").write_text(LICENSE)
    return Project(
        root=root,
        slug=SLUG,
        package="demo_app",
        product="Demo App",
        identifier="org.example.demo-app",
        version="1.2.0-rc1",
        description="A demo of the installers.",
        author="Ada",
        email="ada@example.org",
        license="MIT",
    )


@pytest.fixture
def app(tmp_path: Path) -> Path:
    """A fake standalone app: the program and a file in _internal/, as PyInstaller lays out."""
    folder = tmp_path / "dist" / SLUG
    (folder / "_internal").mkdir(parents=True)
    (folder / SLUG).write_text("#!/bin/sh\necho hello\n")
    (folder / SLUG).chmod(0o700)  # normalised to 0755 in the package
    (folder / "_internal" / "data.txt").write_text("data\n")
    return folder


def output(command: list[str]) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def needs(tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")


def test_deb_says_what_it_is(project: Project, app: Path, tmp_path: Path) -> None:
    needs("dpkg-deb")
    deb = build_deb(project, app, tmp_path / "out")
    arch = output(["dpkg", "--print-architecture"]).strip()
    assert deb.name == f"{SLUG}_1.2.0~rc1_{arch}.deb"  # ~: before 1.2.0, for dpkg

    def field(name: str) -> str:
        return output(["dpkg-deb", "-f", str(deb), name]).strip()

    assert field("Package") == SLUG
    assert field("Version") == "1.2.0~rc1"
    assert field("Architecture") == arch
    assert field("Maintainer") == "Ada <ada@example.org>"
    assert "libwebkit2gtk-4.1-0" in field("Depends")  # the webview left out of the app
    assert int(field("Installed-Size")) > 0
    description = field("Description").splitlines()
    assert description[0] == "Demo of the installers"  # a phrase: no article, no period
    assert len(description) > 1  # and an extended description


def test_deb_installs_the_app_the_command_the_menu_entry_and_icons(
    project: Project, app: Path, tmp_path: Path
) -> None:
    needs("dpkg-deb")
    deb = build_deb(project, app, tmp_path / "out")
    listing = {}
    for line in output(["dpkg-deb", "-c", str(deb)]).splitlines():
        mode, owner, _size, _date, _time, path = line.split(maxsplit=5)
        listing[path.removeprefix(".")] = (mode, owner)

    assert listing[f"/usr/lib/{SLUG}/{SLUG}"] == ("-rwxr-xr-x", "root/root")
    assert listing[f"/usr/lib/{SLUG}/_internal/data.txt"] == ("-rw-r--r--", "root/root")
    assert listing[f"/usr/bin/{SLUG} -> ../lib/{SLUG}/{SLUG}"][0].startswith("l")
    assert listing["/usr/share/applications/org.example.demo-app.desktop"][0] == "-rw-r--r--"
    for size in ICON_SIZES:
        assert f"/usr/share/icons/hicolor/{size}x{size}/apps/{SLUG}.png" in listing
    assert f"/usr/share/doc/{SLUG}/copyright" in listing
    assert f"/usr/share/doc/{SLUG}/changelog.gz" in listing
    assert f"/usr/share/man/man1/{SLUG}.1.gz" in listing
    assert all(owner == "root/root" for _, owner in listing.values())


def test_man_page_names_the_command_and_escapes_what_roff_would_read(project: Project) -> None:
    odd = dataclasses.replace(project, product=".NET \\ tools", description='A "quoted" app.')
    page = gzip.decompress(man_page(odd)).decode()
    assert page.startswith(f".TH {SLUG.upper()} 1 ")
    assert f".SH NAME\n{SLUG} \\- \\&\\(dqquoted\\(dq app\n" in page
    # A leading "." would be a roff request, a backslash an escape: both are text here.
    assert "\n\\&.NET \\e tools opens its window" in page


def test_build_machine_library_paths_are_dropped(tmp_path: Path) -> None:
    """A library that records the building Python's lib folder loses it; $ORIGIN stays."""
    needs("patchelf")
    lib = tmp_path / "lib"
    lib.mkdir()
    for name, paths in [("a.so", "/root/.pyenv/lib:$ORIGIN/../x"), ("b.so", "/opt/py/lib")]:
        shutil.copy(sys.executable, lib / name)  # any ELF file will do
        subprocess.run(["patchelf", "--set-rpath", paths, str(lib / name)], check=True)

    assert without_build_paths(lib) == 2

    def rpath(name: str) -> str:
        return output(["patchelf", "--print-rpath", str(lib / name)]).strip()

    assert (rpath("a.so"), rpath("b.so")) == ("$ORIGIN/../x", "")
    assert without_build_paths(lib) == 0  # nothing left to drop


def test_desktop_entry_is_valid(project: Project, tmp_path: Path) -> None:
    entry = desktop_entry(project)
    assert f"Exec={SLUG}\n" in entry
    assert f"Icon={SLUG}\n" in entry
    assert "Name=Demo App\n" in entry
    needs("desktop-file-validate")
    path = tmp_path / f"{project.identifier}.desktop"
    path.write_text(entry)
    result = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower()


def test_missing_app_or_icon_says_what_to_do(project: Project, app: Path, tmp_path: Path) -> None:
    with pytest.raises(InstallerError, match=r"pyinstaller --noconfirm standalone\.spec"):
        build_deb(project, tmp_path / "nothing", tmp_path / "out")
    needs("dpkg-deb")
    (project.icons / "48x48.png").unlink()
    with pytest.raises(InstallerError, match=r"48x48\.png"):
        build_deb(project, app, tmp_path / "out")


def test_command_line_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["deb", "--app", str(tmp_path / "nothing")]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: ")
    assert error.count("\n") == 1
    assert "Traceback" not in error


def test_rpm_spec_requires_the_webview_by_library_name(project: Project, tmp_path: Path) -> None:
    requires = rpm_requires(["libwebkit2gtk-4.1.so.0", "libgtk-3.so.0"])
    assert requires[0].startswith("libwebkit2gtk-4.1.so.0()")
    spec = rpm_spec(project, tmp_path, requires).splitlines()
    assert "Version: 1.2.0~rc1" in spec
    assert "License: MIT" in spec
    assert "AutoReqProv: no" in spec  # rpm would require the bundled libraries too
    assert f"Requires: {requires[0]}" in spec
    files = spec[spec.index("%files") :]
    assert f"/usr/bin/{SLUG}" in files
    assert f"/usr/lib/{SLUG}" in files


def test_rpm_holds_the_same_tree(project: Project, app: Path, tmp_path: Path) -> None:
    needs("rpmbuild")
    rpm = build_rpm(project, app, tmp_path / "out")
    assert rpm.is_file()
    info = output(["rpm", "-qip", str(rpm)])
    assert f"Name        : {SLUG}\n" in info
    assert "Version     : 1.2.0~rc1\n" in info
    assert "License     : MIT\n" in info
    assert "Summary     : Demo of the installers\n" in info
    requires = output(["rpm", "-qRp", str(rpm)])
    assert "libwebkit2gtk-4.1.so.0()" in requires
    files = output(["rpm", "-qlp", str(rpm)]).splitlines()
    assert f"/usr/bin/{SLUG}" in files
    assert f"/usr/lib/{SLUG}/_internal/data.txt" in files
    assert "/usr/share/applications/org.example.demo-app.desktop" in files
    assert f"/usr/share/icons/hicolor/256x256/apps/{SLUG}.png" in files
