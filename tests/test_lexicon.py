"""The shared vocabulary readers of lexicon.py."""

import pytest

from conflictcoder.lexicon import sites_named


@pytest.mark.parametrize("text, sites", [
    ("A drone hit the fuel station and a bakery in the town", {"station", "bakery"}),
    ("Shells fell on two schools and a mosque", {"school", "mosque"}),
    ("The wounded were taken to a hospital after the blast at the market", {"market"}),
    ("Families fled to the camp after the shooting", set()),
    ("Gunmen opened fire on a wedding party", {"wedding"}),
    ("Clashes broke out in the north of the province", set()),
])
def test_sites_named_as_hit_not_as_destinations(text, sites):
    assert sites_named(text) == sites
