"""A PDF page's own space → the page turned so that its text reads upright: the one place that
knows ``/Rotate``, text drawn turned, and the crop box.

PDFium gives character boxes and path bounds in the page's own space: the origin where the
page's coordinates put it, y up, before the page's ``/Rotate``. Layout, table grids and every
finding's ``bbox`` are in the *reading space*: the page turned by whole quarter turns so that
most of its text runs left to right, the origin at the bottom-left corner of the crop box, y up.
For almost every page that is the page as a viewer shows it: a page turned to landscape with
``/Rotate 90`` and its text drawn turned reads as it is shown. A page whose text is shown on its
side (a portrait page given ``/Rotate 90``, a table drawn turned on an upright page) is read
upright all the same, and ``disclint serve`` renders it turned the same way, so the boxes match
its image. A crop box that does not start at 0,0 moves no box.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .pdf_grid import Edge

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 (y up)


@dataclass(frozen=True, slots=True)
class PageSpace:
    rotation: int  # clockwise quarter turns in degrees, as /Rotate: 0, 90, 180 or 270
    left: float  # the crop box in the page's own space
    bottom: float
    width: float
    height: float

    @classmethod
    def of(cls, rotation: int, cropbox: Box) -> PageSpace:
        left, bottom, right, top = cropbox
        turn = rotation % 360 if rotation % 90 == 0 else 0
        return cls(turn, left, bottom, max(right - left, 0.0), max(top - bottom, 0.0))

    @property
    def identity(self) -> bool:
        return self.rotation == 0 and self.left == 0 and self.bottom == 0

    @property
    def size(self) -> tuple[float, float]:
        """Width and height of the turned page."""
        if self.rotation in (90, 270):
            return self.height, self.width
        return self.width, self.height

    def point(self, x: float, y: float) -> tuple[float, float]:
        x, y = x - self.left, y - self.bottom
        if self.rotation == 90:
            return y, self.width - x
        if self.rotation == 180:
            return self.width - x, self.height - y
        if self.rotation == 270:
            return self.height - y, x
        return x, y

    def box(self, x0: float, y0: float, x1: float, y1: float) -> Box:
        ax, ay = self.point(x0, y0)
        bx, by = self.point(x1, y1)
        return (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))

    def edge(self, edge: Edge) -> Edge:
        if edge.horizontal:
            (ax, ay), (bx, by) = self.point(edge.start, edge.at), self.point(edge.end, edge.at)
        else:
            (ax, ay), (bx, by) = self.point(edge.at, edge.start), self.point(edge.at, edge.end)
        if ay == by:
            return Edge(True, ay, min(ax, bx), max(ax, bx))
        return Edge(False, ax, min(ay, by), max(ay, by))


_SAMPLES = 24  # characters whose angle decides how a page reads


def reading_turn(textpage: Any, raw: Any, shown: int) -> int:
    """The clockwise quarter turn (0, 90, 180, 270) that makes most of the page's text upright
    (:func:`sampled_turn` over a pypdfium2 text page)."""
    handle = textpage.raw
    return sampled_turn(
        raw.FPDFText_CountChars(handle),
        lambda i: raw.FPDFText_GetUnicode(handle, i),
        lambda i: raw.FPDFText_GetCharAngle(handle, i),
        shown,
    )


def sampled_turn(
    count: int, code_at: Callable[[int], int], angle_at: Callable[[int], float], shown: int
) -> int:
    """The clockwise quarter turn (0, 90, 180, 270) that makes most of a page's text upright:
    the angles of up to :data:`_SAMPLES` of its ``count`` characters spread over the page vote
    (``code_at(i)``: character ``i``'s Unicode code; ``angle_at(i)``: its clockwise angle in
    radians, -1 on failure); a page without text keeps ``shown`` (its /Rotate)."""
    votes: Counter[int] = Counter()
    for i in range(0, max(count, 0), max(count // _SAMPLES, 1)):
        code = code_at(i)
        if code <= 32 or code == 0x3000:
            continue
        angle = angle_at(i)
        if angle < 0:
            continue
        votes[(-round(angle / (math.pi / 2)) % 4) * 90] += 1
    return votes.most_common(1)[0][0] if votes else shown % 360
