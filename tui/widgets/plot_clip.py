"""Cutting polylines and points to a plot's window before plotext draws them.

plotext joins consecutive points with every cell in between, even far outside
the axes, so a zoomed plot of curves that leave the window would spend most of
its time drawing what nobody sees.  Lines are cut where they cross the window's
edge (the crossing point is kept, so a curve runs right up to the frame).
"""

from __future__ import annotations

from collections.abc import Sequence

Run = tuple[list[float], list[float]]
#: A plot's window: (left, right, bottom, top).
Box = tuple[float, float, float, float]


def _clip_segment(
    x0: float, y0: float, x1: float, y1: float, box: Box
) -> tuple[float, float] | None:
    """Liang–Barsky: the parameter range [t0, t1] of the segment inside ``box``, or None."""
    left, right, bottom, top = box
    t0, t1 = 0.0, 1.0
    dx, dy = x1 - x0, y1 - y0
    for p, q in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - bottom), (dy, top - y0)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    return t0, t1


def clip_line(x: Sequence[float], y: Sequence[float], box: Box) -> list[Run]:
    """The pieces of the polyline (x, y) inside ``box`` = (left, right, bottom, top)."""
    runs: list[Run] = []
    xs: list[float] = []
    ys: list[float] = []
    for i in range(len(x) - 1):
        inside = _clip_segment(x[i], y[i], x[i + 1], y[i + 1], box)
        if inside is None:
            continue
        t0, t1 = inside
        dx, dy = x[i + 1] - x[i], y[i + 1] - y[i]
        start = (x[i] + t0 * dx, y[i] + t0 * dy)
        end = (x[i] + t1 * dx, y[i] + t1 * dy)
        if not xs or t0 > 0:
            if xs:
                runs.append((xs, ys))
            xs, ys = [start[0]], [start[1]]
        xs.append(end[0])
        ys.append(end[1])
        if t1 < 1:
            runs.append((xs, ys))
            xs, ys = [], []
    if xs:
        runs.append((xs, ys))
    return runs


def inside(x: Sequence[float], y: Sequence[float], box: Box) -> list[int]:
    """Indices of the points (x, y) inside ``box``."""
    left, right, bottom, top = box
    return [i for i in range(len(x)) if left <= x[i] <= right and bottom <= y[i] <= top]
