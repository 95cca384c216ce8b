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
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

from ship.linux_files import (
    ICON_SIZES,
    InstallerError,
    check_app,
    desktop_entry,
    elf_files,
    require,
    run,
    stage,
    synopsis,
)
from ship.project import Project, ProjectError, read_project

__all__ = ["ICON_SIZES", "InstallerError", "build_deb", "build_rpm", "desktop_entry", "main"]

# What the app needs even where no tool can compute it: WebKitGTK starts its
# helper processes from its own package, so it is needed beyond the libraries.
DEB_WEBVIEW = "libwebkit2gtk-4.1-0"
RPM_WEBVIEW = ("libwebkit2gtk-4.1.so.0", "libgtk-3.so.0")


# --- .deb ------------------------------------------------------------------------------


def deb_depends(lib: Path) -> str:
    """The Debian packages of every system library the app's programs load.

    dpkg-shlibdeps maps each library the programs link to onto its package and
    the minimum version they need (libc6 (>= 2.35) keeps the app off older
    systems). The libraries bundled in _internal/ need no package: their system
    packages are excluded (-x), since dpkg-shlibdeps would find them by name.
    A stand-in app without programs (the tests') declares the webview alone.
    """
    binaries = elf_files(lib.resolve())  # absolute: dpkg-shlibdeps runs elsewhere
    if not binaries:  # a stand-in app (the tests'): nothing to read, the webview is declared
        return DEB_WEBVIEW
    require("dpkg-shlibdeps", "apt install dpkg-dev")
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
    if not binaries:  # a stand-in app (the tests'): nothing to read, the webview is required
        return list(RPM_WEBVIEW)
    require("objdump", "apt install binutils (dnf install binutils)")
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
        f"/usr/share/man/man1/{slug}.1.gz",
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
