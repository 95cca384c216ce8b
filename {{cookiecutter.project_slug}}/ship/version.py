"""The app's version: written once in pyproject.toml, copied where it must be.

    python -m ship.version          # print it; exit 1 if a copy disagrees
    python -m ship.version 1.4.0    # set it in pyproject.toml and every copy

Tauri.toml (what the running app reports) and package.json cannot read
pyproject.toml, so they hold copies; this keeps them equal. The installers
read pyproject.toml itself (ship/project.py), and `python -m ship` refuses to
build while a copy disagrees.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ship.project import ROOT, SEMVER, ProjectError, read_project


@dataclass(frozen=True)
class Copy:
    """One file that holds the version, and the line that holds it."""

    relative: str
    pattern: re.Pattern[str]
    """Its first match's group 2 is the version."""

    def path(self, root: Path) -> Path:
        return root / self.relative

    def read(self, root: Path) -> str | None:
        match = self.pattern.search(self.path(root).read_text(encoding="utf-8"))
        return match[2] if match else None

    def write(self, root: Path, version: str) -> None:
        path = self.path(root)
        text = path.read_text(encoding="utf-8")
        # Only the version's characters change: comments and layout stay as written.
        new, count = self.pattern.subn(lambda m: f"{m[1]}{version}{m[3]}", text, count=1)
        if count != 1:
            raise ProjectError(f"{self.relative} has no version line to update")
        path.write_text(new, encoding="utf-8")


TOML_VERSION = re.compile(r'^(version\s*=\s*")([^"]*)(")', re.MULTILINE)
# The first "version" key of package.json is the package's own (it comes before any dependency).
JSON_VERSION = re.compile(r'^(  "version":\s*")([^"]*)(")', re.MULTILINE)


def copies(root: Path) -> list[Copy]:
    """pyproject.toml first (the source), then each copy that exists in this project."""
    package = read_project(root).package
    found = [
        Copy("pyproject.toml", TOML_VERSION),
        Copy(f"src/{package}/Tauri.toml", TOML_VERSION),
        Copy("package.json", JSON_VERSION),
    ]
    if (root / "package-lock.json").exists():  # written by npm install; it copies the version
        found.append(Copy("package-lock.json", JSON_VERSION))
    return found


def disagreements(root: Path = ROOT) -> list[str]:
    """One line per copy whose version is not pyproject.toml's."""
    version = read_project(root).version
    problems = []
    for copy in copies(root)[1:]:
        found = copy.read(root)
        if found != version:
            problems.append(f"{copy.relative} says {found!r}, pyproject.toml says {version!r}")
    return problems


def set_version(version: str, root: Path = ROOT) -> list[str]:
    """Write ``version`` into pyproject.toml and every copy; return the files changed."""
    if not SEMVER.fullmatch(version):
        raise ProjectError(f"{version!r} is not a version like 1.2.3 or 1.2.3-rc1")
    written = []
    for copy in copies(root):
        copy.write(root, version)
        written.append(copy.relative)
    return written


def main(argv: list[str]) -> int:
    try:
        if argv and argv[0] not in ("-h", "--help"):
            for relative in set_version(argv[0]):
                print(f"{relative}: {argv[0]}")
            return 0
        if argv:
            print(__doc__)
            return 0
        problems = disagreements()
        print(read_project().version)
    except ProjectError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for problem in problems:
        print(f"error: {problem}; `python -m ship.version VERSION` sets them all", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
