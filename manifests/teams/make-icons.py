#!/usr/bin/env python3
"""Draws the Teams app icons (color.png 192x192, outline.png 32x32) with the standard library only.

The shape is a speech bubble with three dots: an assistant that answers. Teams wants the colour icon on a
solid background and the outline icon white on transparent. Run it again after changing the drawing:
    python3 manifests/teams/make-icons.py
"""
import os
import struct
import zlib

ACCENT = (0x2E, 0x6F, 0x95)  # the manifest's accentColor, #2E6F95
WHITE = (0xFF, 0xFF, 0xFF)


def bubble(x, y):
    """Inside the speech bubble, in a unit square (0..1): a rounded box with a tail at the lower left."""
    left, top, right, bottom, radius = 0.16, 0.20, 0.84, 0.68, 0.12
    cx = min(max(x, left + radius), right - radius)
    cy = min(max(y, top + radius), bottom - radius)
    in_box = left <= x <= right and top <= y <= bottom and (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2
    # tail: triangle (0.28,0.66) (0.46,0.66) (0.26,0.84)
    in_tail = 0.66 <= y <= 0.84 and x >= 0.26 + (0.28 - 0.26) * (0.84 - y) / 0.18 and x <= 0.46 - (0.46 - 0.26) * (y - 0.66) / 0.18
    return in_box or in_tail


def dot(x, y):
    """Inside one of the three dots in the bubble."""
    return any((x - cx) ** 2 + (y - 0.44) ** 2 <= 0.05 ** 2 for cx in (0.34, 0.50, 0.66))


def render(size, pixel):
    """RGBA rows, each pixel averaged over 4x4 samples so edges are smooth."""
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(4):
                for sx in range(4):
                    r, g, b, a = pixel((px + (sx + 0.5) / 4) / size, (py + (sy + 0.5) / 4) / size)
                    acc[0] += r * a
                    acc[1] += g * a
                    acc[2] += b * a
                    acc[3] += a
            alpha = acc[3] / 16
            if acc[3]:
                row += bytes((round(acc[0] / acc[3]), round(acc[1] / acc[3]), round(acc[2] / acc[3]), round(alpha)))
            else:
                row += bytes((0, 0, 0, 0))
        rows.append(bytes(row))
    return rows


def png(path, size, rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + row for row in rows)
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def color_pixel(x, y):
    if bubble(x, y) and not dot(x, y):
        return (*WHITE, 255)
    return (*ACCENT, 255)


def outline_pixel(x, y):
    # White on transparent; the dots are cut out so the shape reads at 32 px.
    return (*WHITE, 255) if bubble(x, y) and not dot(x, y) else (*WHITE, 0)


here = os.path.dirname(os.path.abspath(__file__))
png(os.path.join(here, "color.png"), 192, render(192, color_pixel))
png(os.path.join(here, "outline.png"), 32, render(32, outline_pixel))
