"""A tiny authority for the stage unit tests: a few states, envoys and places, written to a
temporary directory and loaded through the real ``kg.authority`` API."""

from __future__ import annotations

from pathlib import Path

from kg.authority import Authority, load_authority

STATES = """
- {id: israel, label: Israel, wikidata: Q801, names: [Israel, State of Israel],
   adjectives: [Israeli, Israelis], capitals: [Jerusalem]}
- {id: soviet-union, label: Soviet Union, wikidata: Q15180, from: 1922, to: 1991,
   names: [Soviet Union, USSR], adjectives: [Soviet], capitals: [Moscow],
   names_until: {Russians: 1991}}
- {id: russia, label: Russia, wikidata: Q159, from: 1991, successor_of: soviet-union,
   names: [Russia], adjectives: [Russian, Russians], capitals: [Moscow]}
- {id: poland, label: Poland, wikidata: Q36, names: [Poland], adjectives: [Polish]}
- {id: freedonia, label: Freedonia, wikidata: null, names: [Freedonia],
   adjectives: [Freedonian], capitals: [Fredville]}
"""
PERSONS = """
- {id: moshe-sharett, label: Moshe Sharett, wikidata: null, represents: israel,
   names: [Moshe Sharett, Sharett, M. Sharett, Charetta],
   offices: [{title: Foreign Minister of Israel, state: israel, from: 1948, to: 1956}]}
- {id: vyacheslav-molotov, label: Vyacheslav Molotov, wikidata: null, represents: soviet-union,
   names: [Vyacheslav Molotov, Molotov, V. Molotov, V.M. Molotov]}
- {id: rufus-firefly, label: Rufus Firefly, wikidata: null, represents: freedonia,
   names: [Rufus Firefly, Firefly]}
"""
PLACES = """
- {id: moscow, label: Moscow, wikidata: Q649, names: [Moscow], country: russia}
- {id: jerusalem, label: Jerusalem, wikidata: Q1218, names: [Jerusalem], country: israel}
- {id: fredville, label: Fredville, wikidata: null, names: [Fredville], country: freedonia}
"""


def tiny_authority(directory: Path) -> Authority:
    (directory / "states.yaml").write_text(STATES, "utf-8")
    (directory / "persons.yaml").write_text(PERSONS, "utf-8")
    (directory / "places.yaml").write_text(PLACES, "utf-8")
    return load_authority(directory)
