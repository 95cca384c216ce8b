"""Linux installers, a .deb and an .rpm, made from the standalone app without Rust.

    pyinstaller --noconfirm standalone.spec    # first: the app in dist/NAME/
    python -m ship.linux deb                   # dist/installers/NAME_1.0.0_amd64.deb
    python -m ship.linux rpm                   # dist/installers/NAME-1.0.0-1.x86_64.rpm

Both packages hold the same tree: the app folder in /usr/lib/NAME/, the command
/usr/bin/NAME, a menu entry, the icons and the license. The standalone build
leaves out the system's WebKitGTK, so both packages depend on it: the package
manager installs it with the app.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from email.utils import formatdate
from pathlib import Path

from ship.project import Project, ProjectError, read_project

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# What the app needs even where no tool can compute it: WebKitGTK starts its
# helper processes from its own package, so it is needed beyond the libraries.
DEB_WEBVIEW = "libwebkit2gtk-4.1-0"
RPM_WEBVIEW = ("libwebkit2gtk-4.1.so.0", "libgtk-3.so.0")
# The desktop entry's menu category (freedesktop.org's main categories, such as
# Development, Office or Graphics): put the app where its users look for it.
CATEGORIES = "Utility;"


class InstallerError(Exception):
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


# --- The tree both packages install -------------------------------------------------


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
    # What lintian reports about any frozen app, and why it is so on purpose.
    overrides = share / "lintian" / "overrides"
    overrides.mkdir(parents=True)
    (overrides / project.slug).write_text(LINTIAN_OVERRIDES.format(slug=project.slug))
    normalise(root)


LINTIAN_OVERRIDES = """\
# The app carries its own Python and libraries as PyInstaller collected them:
# copies of system libraries, unstripped, not built with Debian's flags, some
# with the RUNPATH of the Python that built the app (a folder users lack).
{slug}: embedded-library *
{slug}: unstripped-binary-or-object *
{slug}: shared-library-lacks-prerequisites *
{slug}: library-not-linked-against-libc *
{slug}: custom-library-search-path *
{slug}: hardening-no-pie *
"""


# --- .deb ------------------------------------------------------------------------------


def deb_depends(lib: Path) -> str:
    """The Debian packages of every system library the app's programs load.

    dpkg-shlibdeps maps each library the programs link to onto its package and
    the minimum version they need (libc6 (>= 2.35) keeps the app off older
    systems). The libraries bundled in _internal/ need no package: their system
    packages are excluded (-x), since dpkg-shlibdeps would find them by name.
    Without it, or without programs, the webview is declared.
    """
    binaries = elf_files(lib.resolve())  # absolute: dpkg-shlibdeps runs elsewhere
    if not binaries or shutil.which("dpkg-shlibdeps") is None:
        return DEB_WEBVIEW
    bundled = {p for p in binaries if ".so" in p.suffixes}
    command = ["dpkg-shlibdeps", "-O", "--ignore-missing-info"]
    command += [f"-l{folder}" for folder in sorted({str(p.parent) for p in bundled})]
    command += [f"-x{package}" for package in packages_of(sorted(p.name for p in bundled))]
    with tempfile.TemporaryDirectory() as work:
        # dpkg-shlibdeps reads a source package's control file: a minimal one.
        (Path(work) / "debian").mkdir()
        (Path(work) / "debian" / "control").write_text(
            "Source: app\n\nPackage: app\nArchitecture: any\n"
        )
        output = run(command + [str(binary) for binary in binaries], Path(work))
    depends = output.partition("shlibs:Depends=")[2].strip()
    if DEB_WEBVIEW not in depends:
        depends = f"{DEB_WEBVIEW}, {depends}" if depends else DEB_WEBVIEW
    return depends


def packages_of(libraries: list[str]) -> set[str]:
    """The installed packages that hold these library file names (libssl3 for libssl.so.3)."""
    listing = subprocess.run(
        ["dpkg-query", "--search", *(f"*/{name}" for name in libraries)],
        capture_output=True,
        text=True,
        check=False,  # it fails if one name is in no package, which is fine
    )
    found = set()
    for line in listing.stdout.splitlines():
        for package in line.partition(": ")[0].split(", "):
            found.add(package.split(":")[0])  # libssl3:amd64 -> libssl3
    return found


def installed_size(root: Path) -> int:
    """In KiB, as dpkg counts it: each file rounded up, each folder and link as 1."""
    total = 0
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += -(-path.stat().st_size // 1024)
        else:
            total += 1
    return total


def synopsis(project: Project) -> str:
    """The description as package managers list it: a phrase ("Photo editor"), no period."""
    words = project.description.rstrip(".").split(" ", 1)
    if len(words) == 2 and words[0].lower() in ("a", "an", "the"):
        return words[1][:1].upper() + words[1][1:]
    return " ".join(words)


def deb_control(project: Project, arch: str, depends: str, size: int) -> str:
    summary = synopsis(project)
    return (
        f"Package: {project.slug}\n"
        f"Version: {project.package_version}\n"
        f"Architecture: {arch}\n"
        f"Maintainer: {project.author} <{project.email}>\n"
        f"Installed-Size: {size}\n"
        f"Depends: {depends}\n"
        "Section: utils\n"
        "Priority: optional\n"
        f"Description: {summary}\n"
        f" {project.product} is a desktop app with a Python backend and a web page\n"
        " shown in the system's WebKitGTK webview, built with PyTauri. It brings\n"
        " its own Python: run it from the menu or as the command"
        f" {project.slug}.\n"
    )


def build_deb(project: Project, app: Path, out: Path) -> Path:
    """Make ``out``/SLUG_VERSION_ARCH.deb from the standalone app in ``app``."""
    require("dpkg-deb", "install dpkg (it comes with Debian and Ubuntu)")
    check_app(project, app)
    arch = run(["dpkg", "--print-architecture"]).strip()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / "root"
        stage(project, app, root)
        depends = deb_depends(root / "usr" / "lib" / project.slug)
        control = deb_control(project, arch, depends, installed_size(root))
        (root / "DEBIAN").mkdir(mode=0o755)
        (root / "DEBIAN" / "control").write_text(control, encoding="utf-8")
        (root / "DEBIAN" / "control").chmod(0o644)
        deb = out / f"{project.slug}_{project.package_version}_{arch}.deb"
        # --root-owner-group: files belong to root once installed, whoever built them.
        run(["dpkg-deb", "--root-owner-group", "--build", str(root), str(deb)])
    return deb


# --- .rpm ------------------------------------------------------------------------------


def needed_libraries(lib: Path) -> list[str]:
    """Sonames the app's programs load that it does not bundle: the system's part."""
    binaries = elf_files(lib)
    if not binaries or shutil.which("objdump") is None:
        return list(RPM_WEBVIEW)
    bundled = {p.name for p in lib.rglob("*.so*")}
    needed: set[str] = set()
    for binary in binaries:
        for line in run(["objdump", "-p", str(binary)]).splitlines():
            if line.split()[:1] == ["NEEDED"]:
                needed.add(line.split()[1])
    return sorted((needed - bundled) | set(RPM_WEBVIEW))


def rpm_requires(sonames: list[str]) -> list[str]:
    # The names rpm gives libraries on every distribution (Fedora, openSUSE...),
    # where package names differ; 64-bit systems mark theirs.
    mark = "(64bit)" if struct.calcsize("P") == 8 else ""
    return [f"{soname}(){mark}" for soname in sonames]


def rpm_spec(project: Project, root: Path, requires: list[str]) -> str:
    slug = project.slug
    lines = [
        f"Name: {slug}",
        f"Version: {project.package_version}",
        "Release: 1",
        f"Summary: {synopsis(project)}",
        f"License: {project.license}",
        f"Packager: {project.author} <{project.email}>",
        # The requirements are listed here, not found by rpm: it would also require
        # the libraries the app bundles, which no system package provides.
        "AutoReqProv: no",
        *(f"Requires: {requirement}" for requirement in requires),
        "",
        "%description",
        f"{project.product}: a desktop app with a Python backend and a web page, built",
        "with PyTauri. It brings its own Python and uses the system's WebKitGTK.",
        "",
        "%install",
        # The tree is staged already (the .deb's): rpm packs it as it is.
        f"cp -a {root}/. $RPM_BUILD_ROOT/",
        "",
        "%files",
        "%defattr(-,root,root,-)",
        f"/usr/bin/{slug}",
        f"/usr/lib/{slug}",
        f"/usr/share/applications/{project.identifier}.desktop",
        f"/usr/share/icons/hicolor/*/apps/{slug}.png",
        f"/usr/share/doc/{slug}",
    ]
    return "\n".join(lines) + "\n"


def build_rpm(project: Project, app: Path, out: Path) -> Path:
    """Make ``out``/SLUG-VERSION-1.ARCH.rpm from the standalone app in ``app``."""
    rpmbuild = require("rpmbuild", "install rpm (apt install rpm, dnf install rpm-build)")
    check_app(project, app)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / "root"
        stage(project, app, root)
        # Not rpm's lintian overrides: Debian's file has no place in an rpm.
        shutil.rmtree(root / "usr" / "share" / "lintian")
        requires = rpm_requires(needed_libraries(root / "usr" / "lib" / project.slug))
        spec = Path(work) / f"{project.slug}.spec"
        spec.write_text(rpm_spec(project, root, requires), encoding="utf-8")
        macros = {
            "_topdir": f"{work}/rpmbuild",
            "_rpmdir": str(out.resolve()),
            "_build_name_fmt": "%{NAME}-%{VERSION}-%{RELEASE}.%{ARCH}.rpm",
            # The app is built already: no debug package, no stripping, no
            # build-id links, no byte-compiling; rpm packs the files as they are.
            "debug_package": "%{nil}",
            "_build_id_links": "none",
            "__os_install_post": "%{nil}",
        }
        defines = [arg for key, value in macros.items() for arg in ("--define", f"{key} {value}")]
        run([rpmbuild, "-bb", "--quiet", *defines, str(spec)])
    version = project.package_version
    arch = run([rpmbuild, "--eval", "%{_arch}"]).strip()
    return out / f"{project.slug}-{version}-1.{arch}.rpm"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ship.linux", description="Linux installers.")
    parser.add_argument("format", choices=["deb", "rpm"])
    parser.add_argument("--app", type=Path, help="the standalone app folder (dist/NAME)")
    parser.add_argument("--out", type=Path, help="where to write it (dist/installers)")
    args = parser.parse_args(argv)
    try:
        project = read_project()
        build = build_deb if args.format == "deb" else build_rpm
        package = build(project, args.app or project.app_folder, args.out or project.installers)
    except (InstallerError, ProjectError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{package} ({package.stat().st_size / 2**20:.1f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
