"""Ruled tables from drawn lines: pure geometry, no PDF library.

Input: horizontal and vertical ruling segments (from a page's stroked paths and thin filled
rectangles). Output: :class:`Grid` objects — for each table, its column boundaries, row
boundaries and merged regions, so text can be poured into cells. Coordinates are PDF user
space (y grows upwards); rows are ordered top to bottom.

Merging follows the drawn borders: two neighbouring grid cells belong to one region when no
border separates them. A region is read once, at its top-left grid cell; the other grid cells it
covers are empty — the same convention as the DOCX reader (``gridSpan``/``vMerge``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from operator import attrgetter

from ..frozen import quick_init

SNAP = 2.0  # points: borders closer than this are the same border
MIN_EDGE = 3.0  # points: shorter pieces (ends of thick rectangles) are not borders


@quick_init  # made by the hundred per page
@dataclass(frozen=True)
class Edge:
    """A ruling segment: ``at`` is y for a horizontal edge, x for a vertical one."""

    horizontal: bool
    at: float
    start: float
    end: float


@quick_init
@dataclass(frozen=True)
class Grid:
    xs: tuple[float, ...]  # column boundaries, left to right
    ys: tuple[float, ...]  # row boundaries, top to bottom (descending y)
    region_of: tuple[tuple[int, ...], ...]  # [row][col] -> region id
    origins: tuple[tuple[int, int], ...]  # region id -> (row, col) of its top-left cell

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.xs[0], self.ys[-1], self.xs[-1], self.ys[0])

    @property
    def rows(self) -> int:
        return len(self.ys) - 1

    @property
    def columns(self) -> int:
        return len(self.xs) - 1

    def contains(self, x: float, y: float) -> bool:
        x0, y0, x1, y1 = self.bbox
        return x0 <= x <= x1 and y0 <= y <= y1

    @cached_property
    def descending(self) -> tuple[float, ...]:
        """The row boundaries negated (ascending): ``ys`` descend, a row is found by bisecting
        these with the negated y."""
        return tuple(-v for v in self.ys)

    @cached_property
    def _lookup(self) -> tuple[float, float, float, float, int, int]:
        """The bbox and the last column and row, found once (``cell_at`` runs per character)."""
        return (*self.bbox, self.columns - 1, self.rows - 1)

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        x0, y0, x1, y1, last_col, last_row = self._lookup
        if not (x0 <= x <= x1 and y0 <= y <= y1):  # contains()
            return None
        col = bisect_right(self.xs, x) - 1
        row = bisect_right(self.descending, -y) - 1
        return (
            0 if row < 0 else last_row if row > last_row else row,
            0 if col < 0 else last_col if col > last_col else col,
        )


def _merge_levels(edges: list[Edge]) -> list[Edge]:
    """Snap edges to common levels and join overlapping pieces on each level (worked on as plain
    tuples: a page's table may have hundreds of pieces, an edge is made once per level)."""
    out: list[tuple[float, float, float, bool]] = []  # at, start, end, horizontal
    for edge in sorted(edges, key=_AT_START):
        at, start, end, horizontal = edge.at, edge.start, edge.end, edge.horizontal
        if end - start < MIN_EDGE:
            continue
        for i in range(len(out) - 1, -1, -1):
            other_at, other_start, other_end, _ = out[i]
            if at - other_at > SNAP * 4:
                out.append((at, start, end, horizontal))
                break
            if abs(other_at - at) <= SNAP and start <= other_end + SNAP and other_start <= end + SNAP:
                out[i] = ((other_at + at) / 2, min(other_start, start), max(other_end, end), horizontal)
                break
        else:
            out.append((at, start, end, horizontal))
    return [Edge(horizontal, at, start, end) for at, start, end, horizontal in out]


_AT_START = attrgetter("at", "start")  # edges sorted by level, then left (bottom) to right (top)


def _levels(values: list[float]) -> list[float]:
    levels: list[float] = []
    for v in sorted(values):
        if levels and v - levels[-1] <= SNAP:
            continue
        levels.append(v)
    return levels


def _components(hs: list[Edge], vs: list[Edge]) -> list[tuple[list[Edge], list[Edge]]]:
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # a horizontal and a vertical edge touch when each reaches the other's line (within a snap);
    # each vertical edge's ends are widened once
    verticals = [(len(hs) + j, v.at, v.start - SNAP, v.end + SNAP) for j, v in enumerate(vs)]
    for i, h in enumerate(hs):
        at, low, high = h.at, h.start - SNAP, h.end + SNAP
        for j, x, bottom, top in verticals:
            if low <= x <= high and bottom <= at <= top:
                a, b = find(i), find(j)
                if a != b:
                    parent[a] = b
    groups: dict[int, tuple[list[Edge], list[Edge]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    return list(groups.values())


def _intervals(edges: list[Edge], levels: list[float]) -> list[list[tuple[float, float]]]:
    """For each level (ascending or descending), the spans drawn on it (edges within a snap of
    it, in the order of ``edges``): each edge is tried only on the levels near it."""
    last = len(levels) - 1
    descending = levels[0] > levels[last]
    keys = levels[::-1] if descending else levels
    if not all(a < b for a, b in pairwise(keys)):  # not in order (a NaN level): try every level
        return [[(e.start - SNAP, e.end + SNAP) for e in edges if abs(e.at - at) <= SNAP] for at in levels]
    out: list[list[tuple[float, float]]] = [[] for _ in levels]
    for e in edges:
        at = e.at
        span = (e.start - SNAP, e.end + SNAP)
        # a window one point wider than the snap on each side: the test below decides
        for k in range(bisect_left(keys, at - SNAP - 1.0), bisect_right(keys, at + SNAP + 1.0)):
            i = last - k if descending else k
            if abs(at - levels[i]) <= SNAP:
                out[i].append(span)
    return out


def _covered(spans: list[tuple[float, float]], point: float) -> bool:
    for start, end in spans:
        if start <= point <= end:
            return True
    return False


def build_grids(edges: list[Edge], carry: tuple[float, ...] = ()) -> list[Grid]:
    """Tables formed by the ruling ``edges`` (components with at least 2×2 borders), top first.

    ``carry`` are the column boundaries of a table that ended at the bottom of the previous
    page: when the top table of this page has the same left and right borders, it is its
    continuation and gets those boundaries too, so both fragments have the same columns.
    """
    parts = table_parts(edges)
    by_part = part_grids(parts)
    grids = [grid for grid in by_part if grid is not None]
    return carried(parts, grids, carry, by_part[0] if by_part else None)


Part = tuple[list[Edge], list[Edge]]  # one table's horizontal and vertical edges


def table_parts(edges: list[Edge]) -> list[Part]:
    """The ruling ``edges`` snapped and grouped by table (at least 2×2 borders), top table first."""
    hs = _merge_levels([e for e in edges if e.horizontal])
    vs = _merge_levels([e for e in edges if not e.horizontal])
    parts = [(h, v) for h, v in _components(hs, vs) if len(h) >= 2 and len(v) >= 2]
    parts.sort(key=lambda part: -max(e.at for e in part[0]))
    return parts


def part_grids(parts: list[Part]) -> list[Grid | None]:
    """The grid of each table part, None for a part that makes none."""
    return [_grid(h_edges, v_edges) for h_edges, v_edges in parts]


def carried(parts: list[Part], grids: list[Grid], carry: tuple[float, ...], first: Grid | None) -> list[Grid]:
    """``grids`` (of ``parts``; ``first`` is the grid of ``parts[0]``) with the top one given the
    column boundaries ``carry`` of the previous page's bottom table, when it has the same width
    (see :func:`build_grids`)."""
    if not parts or len(carry) < 2 or first is None or not _same_width(first, carry):
        return grids
    if _adds_no_level(first, carry):
        return grids  # the grid with the carried columns is ``first`` again
    return [_grid(*parts[0], carry) or first, *grids[1:]]


def _adds_no_level(grid: Grid, carry: tuple[float, ...]) -> bool:
    """Would ``_grid`` make ``grid`` again with ``carry`` (``grid``'s own edges)? It does when
    every inner border carried is one of ``grid``'s column borders, a number: each is then equal
    to a value the levels are made of, comes next to it once sorted and is passed over
    (:func:`_levels`), so the columns, and all built from them, are the same (a continued table
    drawn with the same borders: no second build)."""
    xs = grid.xs
    return all(x == x and x in xs for x in carry[1:-1])


def _same_width(grid: Grid, xs: tuple[float, ...]) -> bool:
    """Same outer borders, and every column border of ``grid`` is one of ``xs``."""
    if abs(grid.xs[0] - xs[0]) > SNAP * 2 or abs(grid.xs[-1] - xs[-1]) > SNAP * 2:
        return False
    return all(any(abs(x - other) <= SNAP * 2 for other in xs) for x in grid.xs)


def _grid(hs: list[Edge], vs: list[Edge], carry: tuple[float, ...] = ()) -> Grid | None:
    if len(hs) < 2 or len(vs) < 2:
        return None
    xs = _levels([v.at for v in vs] + [min(h.start for h in hs), max(h.end for h in hs)] + list(carry[1:-1]))
    ys = _levels([h.at for h in hs] + [min(v.start for v in vs), max(v.end for v in vs)])
    ys.reverse()
    if len(xs) < 2 or len(ys) < 2:
        return None
    rows, cols = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    v_spans = _intervals(vs, xs)
    h_spans = _intervals(hs, ys)
    # two neighbouring grid cells are one region when no border is drawn between their middles
    # (the regions do not depend on the order of the unions)
    mid_xs = [(xs[c] + xs[c + 1]) / 2 for c in range(cols)]
    for r in range(rows):
        mid_y = (ys[r] + ys[r + 1]) / 2
        first = r * cols
        for c in range(1, cols):
            if not _covered(v_spans[c], mid_y):
                union(first + c - 1, first + c)
        if r + 1 < rows:
            below = h_spans[r + 1]
            for c, mid_x in enumerate(mid_xs):
                if not _covered(below, mid_x):
                    union(first + c, first + cols + c)
    ids: dict[int, int] = {}
    origins: list[tuple[int, int]] = []
    region_of: list[tuple[int, ...]] = []
    # a cell's parent is never after it (a union makes the larger root point to the smaller, and
    # compression points a cell further back): in row-major order each parent's entry is already
    # its root, so a cell's root is its parent's entry, without a find per cell
    for r in range(rows):
        row: list[int] = []
        for c in range(cols):
            i = r * cols + c
            root = parent[i] = parent[parent[i]]
            if root not in ids:
                ids[root] = len(origins)
                origins.append((r, c))
            row.append(ids[root])
        region_of.append(tuple(row))
    return Grid(tuple(xs), tuple(ys), tuple(region_of), tuple(origins))
