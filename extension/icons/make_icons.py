"""Writes the extension's icons (icon-16/32/48/128.png): a blue rounded square with a white
tick, drawn with the standard library only (run: python3 make_icons.py)."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

BLUE = (26, 115, 232)
WHITE = (255, 255, 255)


def _seg_dist(px: float, py: float, ax: float, ay: float, bx: float, by: float) -> float:
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    cx, cy = ax + t * dx, ay + t * dy
    return ((px - cx) ** 2 + (py - cy) ** 2) ** 0.5


def pixel(x: float, y: float) -> tuple[int, int, int, int]:
    """Colour at (x, y) in the unit square."""
    r = 0.2  # corner radius
    qx, qy = min(x, 1 - x), min(y, 1 - y)
    if qx < r and qy < r and ((r - qx) ** 2 + (r - qy) ** 2) ** 0.5 > r:
        return (0, 0, 0, 0)
    tick = min(_seg_dist(x, y, 0.24, 0.52, 0.42, 0.70), _seg_dist(x, y, 0.42, 0.70, 0.77, 0.32))
    return (*WHITE, 255) if tick < 0.085 else (*BLUE, 255)


def png(size: int) -> bytes:
    ss = 4
    rows = []
    for j in range(size):
        row = bytearray([0])
        for i in range(size):
            acc = [0, 0, 0, 0]
            for sj in range(ss):
                for si in range(ss):
                    c = pixel((i + (si + 0.5) / ss) / size, (j + (sj + 0.5) / ss) / size)
                    for k in range(3):
                        acc[k] += c[k] * c[3]
                    acc[3] += c[3]
            a = acc[3] / (ss * ss)
            rgb = [int(acc[k] / acc[3]) if acc[3] else 0 for k in range(3)]
            row += bytes([*rgb, int(a)])
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    image = chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + image + chunk(b"IEND", b"")


if __name__ == "__main__":
    here = Path(__file__).parent
    for n in (16, 32, 48, 128):
        (here / f"icon-{n}.png").write_bytes(png(n))
