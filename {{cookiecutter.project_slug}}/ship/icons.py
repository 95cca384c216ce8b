"""Every icon the app and its installers use, made from one picture.

    python -m ship.icons            # write them all from ship/app-icon.png
    python -m ship.icons --check    # exit 1 if one is missing or not what the picture makes

Draw ship/app-icon.png (square, 1024 px or more), run this, commit what it writes.
The Linux installers copy ship/icons/NxN.png into the hicolor theme, Windows takes
icon.ico, macOS icon.icns, and the running app shows src/<package>/icons/icon.png.
"""

import io
import struct
import sys
from pathlib import Path

from PIL import IcnsImagePlugin, IcoImagePlugin, Image

from ship.project import ROOT, ProjectError, read_project

SOURCE = Path("ship") / "app-icon.png"
MASTER = 1024  # the largest size any format holds: macOS's 512 pt at 2x
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = PNG_SIZES[:-1]  # the ICO format stops at 256
# macOS: PNG types (ic11 is 16 pt at 2x: 32 px), and 16, 32 and 128 px at 1x in the classic
# types (RGB, then an alpha mask) that every reader knows; Pillow's own writer has none.
ICNS_PNG = dict(ic11=32, ic12=64, ic08=256, ic13=256, ic09=512, ic14=512, ic10=1024)
ICNS_CLASSIC = {16: ("is32", "s8mk"), 32: ("il32", "l8mk"), 128: ("it32", "t8mk")}


def load_source(root: Path) -> Image.Image:
    """The picture at 1024 px; ProjectError (one line) if it cannot make every size."""
    try:
        with Image.open(root / SOURCE) as opened:
            source: Image.Image = opened.convert("RGBA")
    except FileNotFoundError:
        raise ProjectError(f"{SOURCE} is missing: draw it (square, {MASTER} px)") from None
    except (OSError, SyntaxError) as error:  # Pillow calls some broken PNGs a SyntaxError
        raise ProjectError(f"{SOURCE} cannot be read: {error}") from None
    if source.width != source.height or source.width < MASTER:
        size = f"{source.width}x{source.height}"
        raise ProjectError(f"{SOURCE} is {size}: it must be square, {MASTER} px or more")
    return source.resize((MASTER, MASTER), Image.Resampling.LANCZOS)  # a copy if 1024 px


def render(root: Path) -> dict[Path, dict[int, Image.Image]]:
    """What every file should hold, made in memory: {path from the root: {size: picture}}."""
    icons, app = SOURCE.parent / "icons", Path("src") / read_project(root).package / "icons"
    master = load_source(root)
    # LANCZOS keeps edges sharp, Pillow weighs colours by alpha (clear corners do not darken
    # the edge), and each size comes from the big picture (shrunk twice, it would blur twice).
    icns_sizes = (*ICNS_CLASSIC, *ICNS_PNG.values())
    made = {n: master.resize((n, n), Image.Resampling.LANCZOS) for n in {*PNG_SIZES, *icns_sizes}}
    files = {icons / f"{n}x{n}.png": {n: made[n]} for n in PNG_SIZES}
    files[icons / "icon.ico"] = {n: made[n] for n in ICO_SIZES}
    files[icons / "icon.icns"] = {n: made[n] for n in icns_sizes}
    files[app / "icon.png"] = {128: made[128]}  # the window's and the tray's: Tauri scales it
    return files


def encode(path: Path, frames: dict[int, Image.Image]) -> bytes:
    """The file's bytes. Every size is given, so Pillow resizes none with its own filter."""
    if path.suffix == ".icns":
        return icns(frames)
    out = io.BytesIO()
    largest, *others = [frames[n] for n in sorted(frames, reverse=True)]
    if path.suffix == ".ico":
        largest.save(out, "ICO", sizes=[(n, n) for n in frames], append_images=others)
    else:
        largest.save(out, "PNG")
    return out.getvalue()


def icns(frames: dict[int, Image.Image]) -> bytes:
    """An .icns file: b"icns" and its length, then each part's type, length and data."""
    parts = [(kind, encode(Path(".png"), {n: frames[n]})) for kind, n in ICNS_PNG.items()]
    for n, (kind, mask) in ICNS_CLASSIC.items():
        # Their RLE, in literal runs only (a byte n - 1, then n bytes as they are): simple, valid.
        data = b"".join(band.tobytes() for band in frames[n].convert("RGB").split())
        runs = [data[i : i + 128] for i in range(0, len(data), 128)]
        rle = b"".join(bytes([len(run) - 1]) + run for run in runs)
        start = b"\0\0\0\0" if kind == "it32" else b""  # it32's data opens with 4 zeros
        parts += [(kind, start + rle), (mask, frames[n].getchannel("A").tobytes())]
    body = b"".join(k.encode() + struct.pack(">I", 8 + len(data)) + data for k, data in parts)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def decode(path: Path) -> list[Image.Image]:
    """Every picture a file holds, read as a program using it would."""
    with Image.open(path) as opened:
        pictures = [opened]
        if isinstance(opened, IcoImagePlugin.IcoImageFile):
            pictures = [opened.ico.getimage(size) for size in sorted(opened.info["sizes"])]
        elif isinstance(opened, IcnsImagePlugin.IcnsImageFile):  # (16, 16, 2) is 32 px
            pictures = [opened.icns.getimage(size) for size in opened.info["sizes"]]
        return [picture.copy() for picture in pictures]  # copy() reads before the file closes


def generate(root: Path = ROOT) -> list[Path]:
    """Write every icon; return the paths written, relative to ``root``."""
    rendered = render(root)
    for relative, frames in rendered.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_bytes(encode(relative, frames))
    return list(rendered)


def stale(root: Path = ROOT) -> list[str]:
    """One line per icon that is missing or not what ship/app-icon.png makes now."""
    problems = []
    for relative, expected in render(root).items():
        if not (root / relative).is_file():
            problems.append(f"{relative.as_posix()} is missing")
            continue
        try:
            found = decode(root / relative)
        except (OSError, SyntaxError, ValueError, EOFError) as error:  # a broken file
            problems.append(f"{relative.as_posix()} cannot be read: {error}")
            continue
        # Pixels, not bytes: another Pillow or zlib may compress the same pixels differently.
        want = {n: (picture.mode, picture.tobytes()) for n, picture in expected.items()}
        wrong = [f"{p.width}px" for p in found if want.get(p.width) != (p.mode, p.tobytes())]
        wrong += [f"no {n}px" for n in sorted(want.keys() - {p.width for p in found})]
        if wrong:
            problems.append(f"{relative.as_posix()} is stale: {', '.join(wrong)}")
    return problems


def main(argv: list[str], root: Path = ROOT) -> int:
    if argv not in ([], ["--check"]):
        print(__doc__)
        return 0 if argv[0] in ("-h", "--help") else 2
    try:
        if not argv:
            print("\n".join(path.as_posix() for path in generate(root)))
            return 0
        problems = stale(root)
    except ProjectError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for problem in problems:
        print(f"error: {problem} (run `python -m ship.icons`)", file=sys.stderr)
    if not problems:
        print(f"icons: {len(render(root))} files up to date")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
