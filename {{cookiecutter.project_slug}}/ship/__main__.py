"""Build this system's installers: ``python -m ship``.

1. Check that every copy of the version agrees with pyproject.toml (ship/version.py).
2. Freeze the app with PyInstaller (standalone.spec) into dist/NAME/.
3. Pack that folder into what this system's users install, in dist/installers/:
   - Linux: a .deb and an .rpm (ship/linux.py);
   - macOS: a .dmg holding dist/NAME.app (ship/macos.py);
   - Windows: a setup .exe made by NSIS (ship/windows.py, ship/windows.nsi).

``--no-freeze`` packs the folder already in dist/. Each installer also has a
command of its own (``python -m ship.linux deb``, ...) for one format at a time.
The release workflow (.github/workflows/release.yml) runs this on all three systems.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from ship import version
from ship.project import Project, ProjectError, read_project


def freeze(project: Project) -> None:
    """PyInstaller, as the README says to run it; its own output shows the progress."""
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "standalone.spec"]
    try:
        subprocess.run(command, cwd=project.root, check=True)
    except subprocess.CalledProcessError as error:
        hint = "is the standalone extra installed? (uv sync --extra standalone)"
        raise ProjectError(f"PyInstaller exited {error.returncode}; {hint}") from None


def pack(project: Project, out: Path) -> list[Path]:
    """This system's installers, made from the frozen app; return their paths."""
    # Imported here: each module is about one system, and only this one's is needed.
    if sys.platform == "linux":
        from ship import linux

        return [
            linux.build_deb(project, project.app_folder, out),
            linux.build_rpm(project, project.app_folder, out),
        ]
    if sys.platform == "darwin":
        from ship import macos

        bundle = project.app_folder.with_name(f"{project.slug}.app")
        return [macos.build_dmg(project, bundle, out)]
    if sys.platform == "win32":
        from ship import windows

        return [windows.build_installer(project, project.app_folder, out)]
    raise ProjectError(f"no installer is made on {sys.platform}: Linux, macOS and Windows only")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m ship", description=__doc__.splitlines()[0])
    parser.add_argument("--no-freeze", action="store_true", help="pack the app already in dist/")
    parser.add_argument("--out", type=Path, help="where to write them (default: dist/installers)")
    args = parser.parse_args(argv)
    try:
        project = read_project()
        problems = version.disagreements(project.root)
        if problems:
            raise ProjectError(f"{problems[0]}; run `python -m ship.version {project.version}`")
        if not args.no_freeze:
            freeze(project)
        made = pack(project, args.out or project.installers)
    except ProjectError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path in made:
        print(f"{path} ({path.stat().st_size / 2**20:.1f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
