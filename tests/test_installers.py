"""Linux installers of the frozen default bake, installed for real (standalone tier).

- The .deb (`python -m ship.linux deb`): apt installs it with the packages it
  declares; the command it puts on PATH passes the project's commands e2e
  tests with no Python on PATH; its menu entry is valid; lintian finds no
  error; removing and purging it leaves nothing of the app behind.
- The .rpm (`python -m ship.linux rpm`): says what it is, requires the webview
  by library name and holds the same tree. (Installing it would need an rpm
  distribution: rpm on Debian has no dependency database.)

Both are made from the one freeze of the run (tests/shipping.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from . import shipping
from .conftest import run
from .shipping import Frozen, e2e_smoke, mib

pytestmark = pytest.mark.standalone
APT_ENV = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}


def package_installer(frozen: Frozen, kind: str, out: Path) -> tuple[Path, float]:
    """Run `python -m ship.linux KIND` in the bake, as its README says; time it."""
    start = time.monotonic()
    command = [sys.executable, "-m", "ship.linux", kind, "--app", str(frozen.app)]
    result = run([*command, "--out", str(out)], frozen.project)
    seconds = time.monotonic() - start
    (package,) = out.glob(f"*.{kind}")
    assert str(package) in result.stdout
    return package, seconds


def deb_paths(deb: Path) -> list[str]:
    """Every path the .deb installs, as `dpkg-deb -c` lists them (links without target)."""
    paths = []
    for line in run(["dpkg-deb", "-c", str(deb)], deb.parent).stdout.splitlines():
        path = line.split(maxsplit=5)[5].split(" -> ")[0]
        paths.append(path.removeprefix(".").rstrip("/") or "/")
    return paths


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Frozen:
    return shipping.frozen_app(tmp_path_factory)


@pytest.fixture
def installed_deb(frozen: Frozen, tmp_path: Path) -> Iterator[tuple[Path, list[str]]]:
    """The .deb built and installed by apt; removed afterwards, whatever happened."""
    if shutil.which("dpkg-deb") is None:
        pytest.skip("dpkg-deb is not installed (not a Debian-like system)")
    if os.geteuid() != 0:
        pytest.skip("installing the .deb needs root (apt-get install)")
    deb, seconds = package_installer(frozen, "deb", tmp_path / "installers")
    fields = run(["dpkg-deb", "-f", str(deb), "Installed-Size", "Depends"], tmp_path).stdout
    version = run(["dpkg-deb", "-f", str(deb), "Version"], tmp_path).stdout.strip()
    assert version == shipping.BUMPED.replace("-", "~")  # the bumped version, sorting before 1.4.2
    installed_kib = int(fields.split()[1])
    print(f"\n.deb: {mib(deb.stat().st_size)}, installed {mib(installed_kib * 1024)}")
    print(f".deb built in {seconds:.0f} s (frozen in {frozen.seconds:.0f} s)")
    print(fields.strip())
    paths = deb_paths(deb)
    name = frozen.project.name
    subprocess.run(["apt-get", "purge", "-y", name], env=APT_ENV, capture_output=True)  # old run
    # Folders the system has already (/usr/bin, /usr/share/icons...) stay after removal.
    new = [path for path in paths if not os.path.lexists(path)]
    try:
        start = time.monotonic()
        command = ["apt-get", "install", "-y", "--no-install-recommends", str(deb)]
        install = subprocess.run(command, env=APT_ENV, capture_output=True, text=True)
        assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
        print(f"apt-get install: {time.monotonic() - start:.0f} s")
        yield deb, paths
    finally:
        for action in ("remove", "purge"):
            subprocess.run(["apt-get", action, "-y", name], env=APT_ENV, capture_output=True)
    left = [path for path in new if os.path.lexists(path)]
    assert not left, f"left behind after apt-get purge: {left}"
    status = subprocess.run(["dpkg", "-s", name], capture_output=True, text=True)
    assert status.returncode != 0, status.stdout


def test_deb_installs_runs_and_removes_cleanly(
    frozen: Frozen, installed_deb: tuple[Path, list[str]], tmp_path: Path
) -> None:
    deb, paths = installed_deb
    name = frozen.project.name
    launcher = Path("/usr/bin") / name
    assert launcher.is_symlink()
    internal = Path("/usr/lib") / name / "_internal"
    (tauri,) = internal.glob("*/Tauri.toml")  # what the running app reports as its version
    assert f'version = "{shipping.BUMPED}"' in tauri.read_text()
    # Libraries look only inside the app, never in the build machine's Python (patchelf).
    for library in internal.rglob("*.so*"):
        search = run(["readelf", "-d", str(library)], tmp_path).stdout
        for line in search.splitlines():
            if "RUNPATH" in line or "RPATH" in line:
                assert all(p.startswith("$ORIGIN") for p in line.split("[")[1][:-1].split(":"))
    assert f"/usr/share/man/man1/{name}.1.gz" in paths
    for size in (16, 32, 48, 128, 256, 512):
        assert f"/usr/share/icons/hicolor/{size}x{size}/apps/{name}.png" in paths

    (entry,) = [p for p in paths if p.startswith("/usr/share/applications/")]
    validate = subprocess.run(["desktop-file-validate", entry], capture_output=True, text=True)
    assert validate.returncode == 0, validate.stdout + validate.stderr
    text = Path(entry).read_text()
    assert f"Exec={name}\n" in text
    assert f"Icon={name}\n" in text

    # The command on PATH, as a menu would start it: no project, no venv, no Python.
    tools = shipping.tools_only_path(tmp_path / "path")
    print("installed app:", e2e_smoke(frozen.project, launcher, path=tools))

    lintian = subprocess.run(["lintian", str(deb)], capture_output=True, text=True)
    print(f"lintian (exit {lintian.returncode}):\n{lintian.stdout}{lintian.stderr}")
    errors = [line for line in lintian.stdout.splitlines() if line.startswith("E:")]
    assert not errors, errors


def test_rpm_says_what_it_is_and_holds_the_app(frozen: Frozen, tmp_path: Path) -> None:
    if shutil.which("rpmbuild") is None:
        pytest.skip("rpmbuild is not installed (apt-get install rpm)")
    rpm, seconds = package_installer(frozen, "rpm", tmp_path / "installers")
    print(f"\n.rpm: {mib(rpm.stat().st_size)}, built in {seconds:.0f} s")
    name = frozen.project.name

    info = run(["rpm", "-qip", str(rpm)], tmp_path).stdout
    print(info)
    assert f"Name        : {name}\n" in info
    assert f"Version     : {shipping.BUMPED.replace('-', '~')}\n" in info
    assert "License     : MIT\n" in info
    assert "Summary     : Desktop app with a Python backend" in info
    requires = run(["rpm", "-qRp", str(rpm)], tmp_path).stdout.splitlines()
    assert any(r.startswith("libwebkit2gtk-4.1.so.0()") for r in requires), requires
    assert not [r for r in requires if "libpython" in r]  # bundled: nothing to require

    files = run(["rpm", "-qlp", str(rpm)], tmp_path).stdout.splitlines()
    assert f"/usr/bin/{name}" in files
    assert f"/usr/lib/{name}/{name}" in files
    assert any(f.startswith(f"/usr/lib/{name}/_internal/libpython3") for f in files)
    assert any(f.startswith("/usr/share/applications/") and f.endswith(".desktop") for f in files)
    assert f"/usr/share/icons/hicolor/256x256/apps/{name}.png" in files
