"""Stable halves of an evaluation set: write rules looking at one, judge on the other.

A benchmark item (a file name, a snippet id, an incident id) falls in the `tune` half or the
`check` half by a hash of its id, so the split never depends on the order of the data, on the
Python version or on the set's size, and the same item is in the same half in every run. Rules
are written from the tune half's errors; a change is kept only if the check half gains too.
"""

from __future__ import annotations

import hashlib

HALVES = ("tune", "check")


def half(item_id: str, salt: str = "") -> str:
    """'tune' or 'check' for `item_id`, by the parity of the first byte of the SHA-1 of
    `salt + item_id`. Sets that were themselves cut from a larger one by a plain hash of the id
    take a salt (else every item could fall in one half); realnews uses none."""
    return HALVES[hashlib.sha1((salt + str(item_id)).encode("utf-8")).digest()[0] & 1]
