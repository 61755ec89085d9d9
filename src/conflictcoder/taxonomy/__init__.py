"""taxonomy: ACLED's event types, sub-event types, their groupings and the actor types, as data.

Why one data file (`taxonomy/acled.yaml`): the taxonomy was scattered over the stages (the
linker's families of types, the exports' disorder types, the assembler's violent types,
actor types as bare numbers); a new grouping or sub-event type now means one row there, and
every stage reads the same one. Each grouping is named for what it is for.

What it does not do: decide which type a report tells (extract/triggers.py and
events/assemble.py do), or name members in code (`model.EventType`, `model.ActorType` do;
tests/taxonomy/test_taxonomy.py checks that they agree with the file).
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

PATH = Path(__file__).with_name("acled.yaml")


@functools.lru_cache(maxsize=None)
def _data() -> dict:
    with open(PATH, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    problems = check(data)
    if problems:
        raise ValueError(f"{PATH}: {problems[0]}")
    return data


def check(data: dict) -> list[str]:
    """What is wrong with a taxonomy (as parsed from the YAML), one line each; [] when sound.

    Why at load: a grouping naming a type that does not exist (a typo) would silently never
    match, and a partition missing a type would leave its events without a group."""
    types = data.get("event_types") or {}
    subs = {s for v in types.values() for s in v}
    codes = set(data.get("actor_types") or {})
    out = []
    for name, groups in (data.get("groupings") or {}).items():
        listed = [t for group in groups.values() for t in group]
        for t in sorted(set(listed) - set(types)):
            out.append(f"grouping {name}: {t!r} is not an event type")
        for t in types:
            if listed.count(t) != 1:
                out.append(f"grouping {name}: event type {t!r} is in {listed.count(t)} groups, not 1")
    kinds = (("_sub_event_types", subs), ("_event_types", set(types)), ("_actor_types", codes))
    for name, listed in (data.get("sets") or {}).items():
        kind = next(((suffix, known) for suffix, known in kinds if name.endswith(suffix)), None)
        if kind is None:
            out.append(f"set {name}: its name must end in {', '.join(s for s, _ in kinds)}")
            continue
        out.extend(f"set {name}: {m!r} is not in the taxonomy's {kind[0][1:]}" for m in listed if m not in kind[1])
    return out


def event_types() -> dict[str, tuple[str, ...]]:
    """Event type -> its sub-event types, in the codebook's order."""
    return {k: tuple(v) for k, v in _data()["event_types"].items()}


@functools.lru_cache(maxsize=None)
def grouping(name: str) -> dict[str, str]:
    """Event type -> its group in the partition `name` (`groupings` of the file)."""
    return {t: group for group, members in _data()["groupings"][name].items() for t in members}


@functools.lru_cache(maxsize=None)
def members(name: str) -> frozenset:
    """The named set `name` (`sets` of the file): event types, sub-event types or actor codes."""
    return frozenset(_data()["sets"][name])


def actor_types() -> dict[int, str]:
    """ACLED inter code -> the codebook's name of the actor type ("Rebel groups")."""
    return {int(k): v["name"] for k, v in _data()["actor_types"].items()}


def actor_labels() -> dict[int, str]:
    """ACLED inter code -> the text ACLED's exports write since 2024 ("Rebel group")."""
    return {int(k): v["label"] for k, v in _data()["actor_types"].items()}


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction code: the two inter codes, smaller first (10 * a + b); sole actor: 10 * a."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    a, b = sorted((inter1, inter2))
    return a * 10 + b
