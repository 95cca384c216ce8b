"""What the installers say about the app, read from the files that already say it.

``pyproject.toml`` is the one source of the name, version, description, author
and license; ``Tauri.toml`` adds the product name and the identifier. Every
installer reads them here, so no installer repeats them and none can disagree.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser, from PyPI (the dev extra installs it)
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
"""The project's root: ship/ sits in it."""

# The versions every installer format can carry: 1.2.3, or a pre-release such as
# 1.2.3-beta.1 or 1.2.3-rc2 (the rule the template checked the first answer with).
_NUMBER = r"(0|[1-9][0-9]{0,8})"
SEMVER = re.compile(
    rf"(?P<numbers>{_NUMBER}\.{_NUMBER}\.{_NUMBER})(-(alpha|beta|rc|a|b|dev)(\.?{_NUMBER})?)?"
)


class ProjectError(Exception):
    """A project file is missing or says something the installers cannot use."""


@dataclass(frozen=True)
class Project:
    root: Path
    slug: str
    """Distribution name: the command on PATH, the package and file names."""
    package: str
    """The Python import name."""
    product: str
    """The name people see: menus, the window title, the installer's title."""
    identifier: str
    """Reverse-DNS id (Tauri's `identifier`): the .desktop file, the macOS bundle id."""
    version: str
    description: str
    author: str
    email: str
    license: str
    """An SPDX expression, or LicenseRef-Proprietary."""

    @property
    def package_version(self) -> str:
        """Debian and RPM order 1.0.0~rc1 before 1.0.0; a hyphen would mean a revision."""
        return self.version.replace("-", "~", 1)

    @property
    def numeric_version(self) -> str:
        """Windows and macOS take numbers only: 1.2.3-beta.1 is 1.2.3 there."""
        match = SEMVER.fullmatch(self.version)
        assert match is not None  # read_project refuses anything else
        return match["numbers"]

    @property
    def app_folder(self) -> Path:
        """Where PyInstaller writes the standalone app (standalone.spec)."""
        return self.root / "dist" / self.slug

    @property
    def icons(self) -> Path:
        """Made from ship/app-icon.png by `python -m ship.icons`."""
        return self.root / "ship" / "icons"

    @property
    def installers(self) -> Path:
        """Where the installers are written."""
        return self.root / "dist" / "installers"


def read_toml(path: Path) -> dict[str, object]:
    try:
        table: dict[str, object] = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProjectError(f"{path.name} is missing: run this from the project's root") from None
    except tomllib.TOMLDecodeError as error:
        raise ProjectError(f"{path.name}: {error}") from None
    return table


def _text(table: dict[str, object], key: str, file: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value:
        raise ProjectError(f"{file} has no {key}")
    return value


def read_project(root: Path = ROOT) -> Project:
    """Read the project's metadata; raise ProjectError with one line on a problem."""
    pyproject = read_toml(root / "pyproject.toml")
    project = pyproject.get("project")
    if not isinstance(project, dict):
        raise ProjectError("pyproject.toml has no [project] table")
    authors = project.get("authors") or [{}]
    author = authors[0] if isinstance(authors, list) and isinstance(authors[0], dict) else {}
    # The package is the one folder under src/ (hatchling's `packages` says so too).
    packages = [p.parent.name for p in sorted((root / "src").glob("*/__init__.py"))]
    if len(packages) != 1:
        raise ProjectError(f"src/ should hold one package, found {packages or 'none'}")
    tauri = read_toml(root / "src" / packages[0] / "Tauri.toml")
    version = _text(project, "version", "pyproject.toml")
    if not SEMVER.fullmatch(version):
        raise ProjectError(f"pyproject.toml: version {version!r} is not like 1.2.3 or 1.2.3-rc1")
    return Project(
        root=root,
        slug=_text(project, "name", "pyproject.toml"),
        package=packages[0],
        product=_text(tauri, "productName", "Tauri.toml"),
        identifier=_text(tauri, "identifier", "Tauri.toml"),
        version=version,
        description=_text(project, "description", "pyproject.toml"),
        author=str(author.get("name", "")),
        email=str(author.get("email", "")),
        license=_text(project, "license", "pyproject.toml"),
    )
