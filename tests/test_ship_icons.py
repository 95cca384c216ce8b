"""A bake's icons: made from ship/app-icon.png by `python -m ship.icons`, and up to date.

Every distribution keeps the tool (the wheel's app shows src/<package>/icons/icon.png
too), and the committed .ico and .icns are read here by other programs than Pillow,
the library that wrote them.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import run


def check(project: Path) -> str:
    """`python -m ship.icons --check` in the project (it must pass); its output.

    -B: the session's bakes are shared, so no __pycache__ is left in them.
    """
    return run([sys.executable, "-B", "-m", "ship.icons", "--check"], project).stdout


def test_the_committed_icons_pass_the_check(baked: Callable[..., Path]) -> None:
    assert check(baked()) == "icons: 11 files up to date\n"


def test_a_wheel_bake_keeps_the_icon_tool(baked: Callable[..., Path]) -> None:
    project = baked(distribution="wheel")
    assert (project / "ship" / "icons.py").is_file()
    assert check(project) == "icons: 11 files up to date\n"


@pytest.mark.skipif(shutil.which("icns2png") is None, reason="needs icns2png (Debian icnsutils)")
def test_the_icns_holds_16_to_1024_px(baked: Callable[..., Path]) -> None:
    listing = run(["icns2png", "-l", "ship/icons/icon.icns"], baked()).stdout
    # Lines like "  'is32' 16x16 32-bit icon (...)". libicns knows the classic types and
    # ic08-ic10; it lists the retina PNG types (ic11-ic14, 32 to 512 px) as 0x0.
    sizes = {int(n) for n in re.findall(r"'\w{4}' (\d+)x\1 32-bit icon", listing)}
    assert sizes == {16, 32, 128, 256, 512, 1024}, listing


def test_the_ico_is_a_windows_icon_of_seven_sizes(baked: Callable[..., Path]) -> None:
    described = run(["file", "ship/icons/icon.ico"], baked()).stdout
    # file(1) names the count, then describes the first two: 16 px, then 24 px.
    assert "MS Windows icon resource - 7 icons, 16x16 with PNG image data" in described, described


def test_the_linux_sizes_are_named_for_hicolor(baked: Callable[..., Path]) -> None:
    icons = baked() / "ship" / "icons"
    pngs = sorted(path.name for path in icons.glob("*.png"))
    assert pngs == sorted(f"{n}x{n}.png" for n in (16, 24, 32, 48, 64, 128, 256, 512))
