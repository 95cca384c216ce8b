"""ship.icons: the committed icons match ship/app-icon.png, and a change shows."""

import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from ship.icons import SOURCE, encode, generate, main, render, stale
from ship.project import ROOT, read_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of what the tool reads (the picture, the project's files), to change freely."""
    package = f"src/{read_project(ROOT).package}"
    read = ["pyproject.toml", f"{package}/__init__.py", f"{package}/Tauri.toml", str(SOURCE)]
    for relative in read:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / relative, tmp_path / relative)
    return tmp_path


def redraw(path: Path, size: tuple[int, int] = (1024, 1024)) -> None:
    """Another picture: the app icon with a red square on it, at ``size``."""
    with Image.open(path) as opened:
        picture = opened.convert("RGBA").resize(size)
    ImageDraw.Draw(picture).rectangle((400, 400, 600, 600), fill=(255, 0, 0, 255))
    picture.save(path)


def test_committed_icons_are_what_the_picture_makes() -> None:
    assert stale(ROOT) == []


def test_every_size_is_written(project: Path) -> None:
    written = generate(project)
    assert len(written) == 11
    with Image.open(project / "ship/icons/256x256.png") as png:
        assert (png.size, png.mode) == ((256, 256), "RGBA")
    with Image.open(project / "ship/icons/icon.ico") as ico:
        assert sorted(ico.info["sizes"]) == [(n, n) for n in (16, 24, 32, 48, 64, 128, 256)]
    with Image.open(project / "ship/icons/icon.icns") as icns:
        pixels = {w * scale for w, _, scale in icns.info["sizes"]}
        assert pixels == {16, 32, 64, 128, 256, 512, 1024}


def test_fresh_icons_pass_the_check(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    generate(project)
    assert main(["--check"], project) == 0
    assert capsys.readouterr().out == "icons: 11 files up to date\n"


def test_a_changed_picture_makes_every_icon_stale(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    written = generate(project)
    redraw(project / SOURCE)
    assert main(["--check"], project) == 1
    lines = capsys.readouterr().err.splitlines()
    assert [line.split()[1] for line in lines] == [path.as_posix() for path in written]
    assert all(" is stale: " in line for line in lines)
    generate(project)
    assert stale(project) == []


def test_a_missing_size_inside_the_ico_is_found(project: Path) -> None:
    generate(project)
    ico = Path("ship/icons/icon.ico")
    frames = render(project)[ico]
    del frames[24]
    (project / ico).write_bytes(encode(ico, frames))
    assert stale(project) == ["ship/icons/icon.ico is stale: no 24px"]


def test_a_missing_or_broken_icon_is_named(project: Path) -> None:
    generate(project)
    (project / "ship/icons/16x16.png").unlink()
    (project / "ship/icons/icon.icns").write_bytes(b"not an icon")
    missing, broken = stale(project)
    assert missing == "ship/icons/16x16.png is missing"
    assert broken.startswith("ship/icons/icon.icns cannot be read: ")


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ("delete", "ship/app-icon.png is missing: draw it (square, 1024 px)"),
        ("narrow", "ship/app-icon.png is 1024x800: it must be square, 1024 px or more"),
        ("small", "ship/app-icon.png is 512x512: it must be square, 1024 px or more"),
    ],
)
@pytest.mark.parametrize("argv", [[], ["--check"]])
def test_a_bad_picture_is_one_line(
    project: Path, capsys: pytest.CaptureFixture[str], change: str, error: str, argv: list[str]
) -> None:
    if change == "delete":
        (project / SOURCE).unlink()
    else:
        redraw(project / SOURCE, (1024, 800) if change == "narrow" else (512, 512))
    assert main(argv, project) == 1
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", f"error: {error}\n")
    assert not (project / "ship/icons").exists()
