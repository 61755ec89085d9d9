"""geodesy: the great-circle distance every stage, test and benchmark measures with.

Why one module: the gazetteer (admin names of the nearest towns), the geoparser (how far a
candidate is from the places named around it), the linker (how far apart two reports place an
event) and the benchmarks (how far off a place is) must agree on what "25 km" is; three copies
of the formula had already drifted apart in how they guard against rounding.

What it does not do: projections or ellipsoids; a sphere is within 0.5 % everywhere, far below
the precision of any place a report names.
"""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0  # mean radius


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres between two points given in degrees."""
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))  # rounding may take `a` past 1
