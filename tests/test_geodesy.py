"""geodesy: one great-circle distance for every stage."""

import math

import pytest

from conflictcoder.geodesy import EARTH_RADIUS_KM, km


def test_a_degree_of_latitude_is_about_111_km():
    assert km(10.0, 20.0, 11.0, 20.0) == pytest.approx(111.195, abs=0.001)


def test_the_same_point_is_no_distance_and_order_does_not_matter():
    assert km(33.5, 36.3, 33.5, 36.3) == 0.0
    assert km(33.5, 36.3, 36.2, 37.1) == km(36.2, 37.1, 33.5, 36.3)


@pytest.mark.parametrize("lat1, lon1, lat2, lon2", [(0.0, 0.0, 0.0, 180.0), (45.0, 10.0, -45.0, -170.0), (90.0, 0.0, -90.0, 0.0)])
def test_antipodes_are_half_the_circumference_without_a_math_domain_error(lat1, lon1, lat2, lon2):
    assert km(lat1, lon1, lat2, lon2) == pytest.approx(math.pi * EARTH_RADIUS_KM)


def test_across_the_antimeridian_is_the_short_way():
    assert km(0.0, 179.5, 0.0, -179.5) == pytest.approx(111.195, abs=0.001)
