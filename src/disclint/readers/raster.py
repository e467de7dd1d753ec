"""Page images before OCR: coloured ink removed, skew undone, ruling lines found (OpenCV, numpy).

Pure image geometry, no OCR engine: given one page as an RGB array, :func:`prepare` returns the
grey page to recognise (seal imprints and coloured handwriting whitened, table rules erased so a
"|" is never read as a "1") and the ruling segments of its tables as
:class:`~disclint.readers.pdf_grid.Edge` values in PDF user space (points, y growing upwards),
exactly what the text-PDF reader takes from a page's drawn paths.

* Colour: printed text is black; an official seal is red, a signature often blue. The page is
  turned grey by each pixel's brightest channel, so ink of colour fades to paper while black
  text printed under a seal stays dark.
* Skew: a scan is rarely straight. The angle (within ±:data:`_MAX_SKEW` degrees) that makes the
  row profile of the ink sharpest is found on a reduced image and undone.
* Rules: a morphological opening with a long thin kernel keeps horizontal (vertical) strokes
  longer than a character; each connected piece becomes one edge.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .pdf_grid import Edge

_PAPER = 200  # grey at or above this is paper (a faded seal, a tinted cell, scanner noise)
_SPECK = 3  # pixels: ink blobs this small are dust
_MAX_SKEW = 2.0  # degrees
_H_KERNEL_PT = 24.0  # a horizontal rule is longer than this (points): longer than a 一 in a title
_V_KERNEL_PT = 12.0  # a vertical rule is longer than this, and must meet horizontal rules at both
# ends: a character's vertical stroke can be as long as a one-line row is high
_REACH = 6  # pixels: how close a vertical rule's end must come to a horizontal rule


@dataclass(frozen=True)
class PreparedPage:
    grey: Any  # numpy uint8 array (rows, columns): the page to recognise, rules erased
    edges: tuple[Edge, ...]  # ruling segments in points, y up
    skew: float  # degrees the scan was turned back by
    scale: float  # points per pixel
    ink: Any  # numpy uint8 mask of the print (255), rules and specks excluded


def _specks(ink: Any) -> Any:
    """Isolated dots of a few pixels (scanner dust), which would be read as full stops; a thin
    stroke such as 一 must survive, so no median filter."""
    import cv2
    import numpy as np

    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    small = np.zeros(count, dtype=bool)
    small[1:] = stats[1:, cv2.CC_STAT_AREA] <= _SPECK
    return small[labels]


def prepare(rgb: Any, dpi: float) -> PreparedPage:
    """The page ``rgb`` (numpy uint8, rows × columns × 3), scanned at ``dpi``, made ready for OCR."""
    import cv2
    import numpy as np

    grey = _drop_colour(rgb)
    ink = _ink(grey)
    skew = _skew(ink)
    if abs(skew) >= 0.05:
        grey = _rotate(grey, skew, 255)
        ink = _ink(grey)
    scale = 72.0 / dpi
    horizontal = _opened(ink, max(8, round(_H_KERNEL_PT / scale)), 1)
    vertical = _between(_opened(ink, 1, max(6, round(_V_KERNEL_PT / scale))), horizontal)
    height = grey.shape[0] * scale
    edges = _edges(horizontal, True, scale, height) + _edges(vertical, False, scale, height)
    rules = cv2.dilate(horizontal | vertical, np.ones((5, 5), np.uint8))
    dust = _specks(ink)
    clean = grey.copy()
    clean[(rules > 0) | dust] = 255
    ink[(rules > 0) | dust] = 0
    return PreparedPage(clean, tuple(edges), skew, scale, ink)


def _drop_colour(rgb: Any) -> Any:
    """Grey page where ink of colour is light: each pixel's brightest channel. Red (a seal) and
    blue (a signature, a tinted cell background) are bright in one channel; black print is dark
    in all three, also where it is printed under a seal or on a tinted cell."""
    grey = rgb.max(axis=2)
    grey[grey >= _PAPER] = 255
    return grey


def _ink(grey: Any) -> Any:
    import cv2

    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return ink


def _rotate(image: Any, angle: float, fill: int) -> Any:
    import cv2

    rows, cols = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((cols / 2, rows / 2), angle, 1.0)
    return cv2.warpAffine(
        image, matrix, (cols, rows), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=fill
    )


def _sharpness(ink: Any, angle: float) -> float:
    import numpy as np

    profile = _rotate(ink, angle, 0).sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(profile)).sum())


def _skew(ink: Any) -> float:
    """The angle (degrees, counter-clockwise) that straightens the page: coarse, then fine."""
    import cv2
    import numpy as np

    small = cv2.resize(ink, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    if not small.any():
        return 0.0
    coarse = max(np.arange(-_MAX_SKEW, _MAX_SKEW + 1e-6, 0.2), key=lambda a: _sharpness(small, float(a)))
    half = cv2.resize(ink, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    fine = max(np.arange(coarse - 0.2, coarse + 0.2 + 1e-6, 0.05), key=lambda a: _sharpness(half, float(a)))
    return round(float(fine), 2)


def _opened(ink: Any, width: int, height: int) -> Any:
    import cv2

    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (width, height))
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)


def _between(vertical: Any, horizontal: Any) -> Any:
    """The vertical pieces that run from one horizontal rule to another (cell borders)."""
    import cv2
    import numpy as np

    count, labels, stats, _ = cv2.connectedComponentsWithStats(vertical, connectivity=8)
    rows, cols = horizontal.shape
    keep = np.zeros(count, dtype=bool)
    for i in range(1, count):
        x, y, w, h = (int(v) for v in stats[i][:4])
        left, right = max(x - _REACH, 0), min(x + w + _REACH, cols)
        top = horizontal[max(y - _REACH, 0) : min(y + _REACH, rows), left:right]
        bottom = horizontal[max(y + h - _REACH, 0) : min(y + h + _REACH, rows), left:right]
        keep[i] = bool(top.any() and bottom.any())
    return np.where(keep[labels], vertical, 0).astype(vertical.dtype)


def _edges(mask: Any, horizontal: bool, scale: float, page_height: float) -> list[Edge]:
    """One edge per connected piece of ``mask``, in points with y up."""
    import cv2

    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out: list[Edge] = []
    for i in range(1, count):
        x, y, w, h = (int(v) for v in stats[i][:4])
        if horizontal:
            out.append(Edge(True, page_height - (y + h / 2) * scale, x * scale, (x + w) * scale))
        else:
            out.append(
                Edge(False, (x + w / 2) * scale, page_height - (y + h) * scale, page_height - y * scale)
            )
    return out
