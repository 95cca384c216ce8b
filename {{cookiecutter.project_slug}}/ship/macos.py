"""The macOS disk image: a .dmg holding the app and a link to /Applications.

    python -m ship.macos [--app dist/SLUG.app] [--out DIR]

The .app is PyInstaller's (``pyinstaller --noconfirm standalone.spec``, on
macOS); the image is written to dist/installers/SLUG-VERSION.dmg. Opened, it
shows the app beside an Applications folder: dragging one onto the other
installs it, the way most Mac apps are installed. hdiutil, which makes it,
comes with macOS and runs nowhere else.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ship.project import Project, ProjectError, read_project


def build_dmg(project: Project, app_bundle: Path, out: Path) -> Path:
    """Write ``out``/SLUG-VERSION.dmg holding ``app_bundle``; return its path."""
    # Asked of the tool, not of sys.platform: mypy skips code it deems unreachable
    # on the system it runs on, and this module is checked on Linux too.
    if shutil.which("hdiutil") is None:
        raise ProjectError("hdiutil is missing: a .dmg can only be made on macOS")
    if not (app_bundle / "Contents" / "Info.plist").is_file():
        raise ProjectError(
            f"{app_bundle} is not an app bundle: build it first, "
            "with `pyinstaller --noconfirm standalone.spec`"
        )
    out.mkdir(parents=True, exist_ok=True)
    dmg = out / f"{project.slug}-{project.version}.dmg"
    with tempfile.TemporaryDirectory() as temporary:
        # The image shows this folder's contents: the app and the drop target.
        staging = Path(temporary)
        # symlinks=True: the app's frameworks link inside the bundle; copies would break them.
        shutil.copytree(app_bundle, staging / app_bundle.name, symlinks=True)
        (staging / "Applications").symlink_to("/Applications")
        command = ["hdiutil", "create", "-volname", project.product, "-srcfolder", str(staging)]
        # -ov: replace an older image; UDZO: compressed and read-only, what downloads use.
        command += ["-ov", "-format", "UDZO", str(dmg)]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = (result.stderr + result.stdout).strip() or "no output"
        raise ProjectError(f"hdiutil failed: {output.splitlines()[-1]}")
    return dmg


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ship.macos", description="Build the macOS .dmg."
    )
    parser.add_argument("--app", type=Path, help="the app bundle (default: dist/SLUG.app)")
    parser.add_argument("--out", type=Path, help="where to write it (default: dist/installers)")
    args = parser.parse_args(argv)
    try:
        project = read_project()
        app = args.app or project.root / "dist" / f"{project.slug}.app"
        dmg = build_dmg(project, app, args.out or project.installers)
    except ProjectError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(dmg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
