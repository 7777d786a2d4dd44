"""Plane geometry on GeoJSON polygons in longitude and latitude, for placing a label: a polygon's area and a point
inside it. Pure Python, so the server needs no geometry library (no shapely).

``label_point`` is the point GEOS (and so shapely's ``representative_point``) gives for the largest part: on the
horizontal line halfway between the vertices nearest the middle of the part's height, the middle of the widest
stretch inside it.
"""

from __future__ import annotations

Ring = list[list[float]]  # [[lon, lat], ...], first point repeated last
Polygon = list[Ring]  # the outer ring, then any holes


def ring_area(ring: Ring) -> float:
    """The ring's area in square degrees (shoelace formula; either orientation)."""
    twice = sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:], strict=False))
    return abs(twice) / 2


def polygon_area(polygon: Polygon) -> float:
    """The outer ring's area less its holes'."""
    return ring_area(polygon[0]) - sum(ring_area(hole) for hole in polygon[1:])


def _scan_line_y(polygon: Polygon) -> float:
    """Halfway between the vertices nearest (below and above) the middle of the outer ring's height, so the line
    passes through no vertex."""
    ys = [point[1] for point in polygon[0]]
    low, high = min(ys), max(ys)
    centre = (low + high) / 2
    for ring in polygon:
        for _, y, *_ in ring:
            if y <= centre:
                low = max(low, y)
            elif y < high:
                high = y
    return (low + high) / 2


def _crossing(p0: list[float], p1: list[float], y: float) -> float | None:
    """Where the edge p0-p1 crosses the line at ``y`` (None if it does not, or is counted at its other end)."""
    (x0, y0, *_), (x1, y1, *_) = p0, p1
    if (y0 > y and y1 > y) or (y0 < y and y1 < y) or y0 == y1:
        return None
    if (y0 == y and y1 < y) or (y1 == y and y0 < y):
        return None
    return x0 if x0 == x1 else x0 + (y - y0) / ((y1 - y0) / (x1 - x0))


def interior_point(polygon: Polygon) -> tuple[float, float]:
    """A point inside ``polygon``: the middle of the widest stretch of the scan line inside it."""
    y = _scan_line_y(polygon)
    crossings = sorted(x for ring in polygon for p0, p1 in zip(ring, ring[1:], strict=False)
                       if (x := _crossing(p0, p1, y)) is not None)
    best, width = (polygon[0][0][0], polygon[0][0][1]), 0.0
    for left, right in zip(crossings[0::2], crossings[1::2], strict=False):
        if right - left > width:
            best, width = ((left + right) / 2, y), right - left
    return best


def label_point(geometry: dict) -> tuple[float, float]:
    """A point inside the largest part of a GeoJSON Polygon or MultiPolygon (where its label goes)."""
    parts = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return interior_point(max(parts, key=polygon_area))
