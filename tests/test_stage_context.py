"""The stages on made-up sentences that need context: surnames shared by two persons, days
without a year, "here", capitals and persons standing for their states, acts told by
reference to the previous one ("X followed"), letters speaking in the first person."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.authority import Authority, load_authority
from kg.records import Analysis, PartialDate, SourceMeta
from kg.stages import acts, mentions, resolve, text

# a made-up world: two persons share the surname "Rupert", two the surname "Firefly"
STATES = """
- {id: israel, label: Israel, wikidata: Q801, names: [Israel], adjectives: [Israeli, Israelis],
   capitals: [Jerusalem]}
- {id: freedonia, label: Freedonia, wikidata: null, names: [Freedonia],
   adjectives: [Freedonian], capitals: [Fredville]}
- {id: sylvania, label: Sylvania, wikidata: null, names: [Sylvania], adjectives: [Sylvanian]}
- {id: marsovia, label: Marsovia, wikidata: null, names: [Marsovia], adjectives: [Marsovian]}
"""
PERSONS = """
- {id: rupert-of-sylvania, label: Rupert of Sylvania, wikidata: null, represents: sylvania,
   names: [King Rupert, Rupert of Sylvania],
   offices: [{title: King of Sylvania, state: sylvania, from: 1950, to: 1990}]}
- {id: marcus-rupert, label: Marcus Rupert, wikidata: null, represents: marsovia,
   names: [Marcus Rupert],
   offices: [{title: President of Marsovia, state: marsovia, from: 1980, to: 1985}]}
- {id: ann-firefly, label: Ann Firefly, wikidata: null, represents: freedonia,
   names: [Ann Firefly, Firefly],
   offices: [{title: Secretary of State of Freedonia, state: freedonia, from: 2000, to: 2004}]}
- {id: rufus-firefly, label: Rufus Firefly, wikidata: null, represents: freedonia,
   names: [Rufus Firefly],
   offices: [{title: Vice President of Freedonia, state: freedonia, from: 1980, to: 1988}]}
- {id: hugo-pinsk, label: Hugo Pinsk, wikidata: null, represents: israel,
   names: [Hugo Pinsk, Pinsk],
   offices: [{title: Prime Minister of Israel, state: israel, from: 1980, to: 1990}]}
"""
PLACES = """
- {id: jerusalem, label: Jerusalem, wikidata: null, names: [Jerusalem], country: israel}
- {id: fredville, label: Fredville, wikidata: null, names: [Fredville], country: freedonia}
- {id: ostburg, label: Ostburg, wikidata: null, names: [Ostburg], country: sylvania}
"""

IL, FR, SY = "state/israel", "state/freedonia", "state/sylvania"
RUPERT, PINSK = "person/rupert-of-sylvania", "person/hugo-pinsk"


@pytest.fixture(scope="module")
def auth(tmp_path_factory: pytest.TempPathFactory) -> Authority:
    d: Path = tmp_path_factory.mktemp("authority")
    (d / "states.yaml").write_text(STATES, "utf-8")
    (d / "persons.yaml").write_text(PERSONS, "utf-8")
    (d / "places.yaml").write_text(PLACES, "utf-8")
    return load_authority(d)


def _run(t: str, auth, *, genre: str = "news", date: PartialDate | None = None) -> Analysis:
    meta = SourceMeta(genre=genre, title="T", date=date)
    a = Analysis(text="T\n\n" + t, source_id="s", meta=meta, authority=auth)
    return acts.run(resolve.run(mentions.run(text.run(a))))


def _acts(out: Analysis) -> list[tuple]:
    return [(x.type, x.actors, x.counterparts, x.date) for x in out.acts]


# -- persons --------------------------------------------------------------------------------


def test_a_shared_surname_follows_the_full_mention_before_it(auth) -> None:
    out = _run("King Rupert stood beside the podium. Later Pinsk met Rupert in Ostburg.", auth)
    keys = {e.id for e in out.entities if e.kind == "Envoy"}
    assert "rupert" not in keys
    assert ("Meeting", (PINSK,), (RUPERT,), None) in _acts(out)


def test_a_bare_shared_surname_never_becomes_a_new_person(auth) -> None:
    out = _run("Prime Minister Pinsk met Rupert in Ostburg. Sylvanian Minister Rupert spoke.", auth)
    assert not [e for e in out.entities if e.kind == "Envoy" and e.id == "rupert"]
    assert not [x for x in out.acts if any("rupert" in k for k in x.participants)]


def test_a_title_tells_which_of_two_persons_with_a_surname(auth) -> None:
    out = _run("In 1984 Vice President Firefly visited Israel.", auth)
    assert _acts(out) == [("Visit", ("person/rufus-firefly",), (IL,), PartialDate(1984))]


def test_a_particle_belongs_to_the_name(auth) -> None:
    out = _run("Sylvanian Prime Minister Omar al-Hadi met Pinsk.", auth)
    assert "omar-al-hadi" in {e.id for e in out.entities}


# -- dates ----------------------------------------------------------------------------------


def test_a_day_without_a_year_takes_no_far_year(auth) -> None:
    t = (
        "There had been no peace between them since 1950.\n\n"
        "On July 25, Pinsk and King Rupert met in Ostburg."
    )
    assert _acts(_run(t, auth)) == [("Meeting", (PINSK,), (RUPERT,), None)]
    dated = _run(t, auth, date=PartialDate(1988, 10, 27))
    assert _acts(dated) == [("Meeting", (PINSK,), (RUPERT,), PartialDate(1988, 7, 25))]


def test_a_day_without_a_year_in_a_paragraph_about_a_year(auth) -> None:
    t = "In 1985 the talks resumed. On March 3, Pinsk met King Rupert in Ostburg."
    got = _acts(_run(t, auth, date=PartialDate(1990, 1, 2)))
    assert ("Meeting", (PINSK,), (RUPERT,), PartialDate(1985, 3, 3)) in got


# -- visits ---------------------------------------------------------------------------------


def test_arrived_here_is_a_visit_to_the_state_the_report_is_about(auth) -> None:
    t = (
        "Freedonian Secretary of State Ann Firefly arrived here last night for a state visit. "
        "Israel has waited long for it, and Israel will welcome her, as Israel said."
    )
    got = _acts(_run(t, auth))
    assert ("Visit", ("person/ann-firefly",), (IL,), None) in got


def test_a_dateline_says_where_here_is(auth) -> None:
    t = "OSTBURG, May 4, 1984 (AP) — Prime Minister Pinsk arrived here last night."
    got = _acts(_run(t, auth))
    assert got == [("Visit", (PINSK,), (SY,), PartialDate(1984, 5, 3))]


def test_a_stay_in_a_foreign_capital_and_flying_on(auth) -> None:
    got = _acts(_run("In 1984 Pinsk is in Fredville to attend a funeral.", auth))
    assert got == [("Visit", (PINSK,), (FR,), PartialDate(1984))]
    got = _acts(_run("In 1984 Pinsk, who came from Ostburg, flew on to Fredville.", auth))
    assert ("Visit", (PINSK,), (FR,), PartialDate(1984)) in got


# -- changes of relations -------------------------------------------------------------------


def test_a_city_as_the_subject_stands_for_its_state(auth) -> None:
    got = _acts(_run("Ostburg broke off relations with Israel in June 1967.", auth))
    assert got == [("SeveranceOfRelations", (SY,), (IL,), PartialDate(1967, 6))]
    # a city inside a name is no government
    got = _acts(_run("Radio Ostburg condemned the visit in 1967.", auth))
    assert got == []


def test_another_state_followed_later_that_month(auth) -> None:
    t = (
        "Israel and Freedonia restored diplomatic relations on Feb. 9, 1990. Israel was glad. "
        "Israel said so."
    )
    got = _acts(_run(t + "\n\nSylvania followed later that month.", auth))
    assert ("ResumptionOfRelations", (SY,), (IL,), PartialDate(1990, 2)) not in got  # new para
    t2 = "Israel and Freedonia restored diplomatic relations on Feb. 9, 1990. Israel was glad."
    got = _acts(_run(t2.replace(" Israel was glad.", " Sylvania followed later that month."),
                     auth))
    assert ("ResumptionOfRelations", (SY,), (IL,), PartialDate(1990, 2)) in got


def test_the_first_of_many_to_renew_ties(auth) -> None:
    t = "Sylvania had been the first of the northern countries to renew ties with Israel, in 1989."
    assert _acts(_run(t, auth)) == [("ResumptionOfRelations", (SY,), (IL,), PartialDate(1989))]


def test_a_consulate_opened_and_a_leaders_government(auth) -> None:
    got = _acts(_run("In 1953 Israel was permitted to open a consulate in Ostburg.", auth))
    assert got == [("EstablishmentOfConsularRelations", (IL,), (SY,), PartialDate(1953))]
    got = _acts(_run("King Rupert’s government formally recognized Israel in May 1960.", auth))
    assert got == [("Recognition", (SY,), (IL,), PartialDate(1960, 5))]


# -- meetings, agreements, statements ---------------------------------------------------------


def test_understandings_and_treaties_initialed(auth) -> None:
    got = _acts(_run("In 1987 Pinsk met King Rupert, and the two men reached an understanding "
                     "on a conference.", auth))
    assert ("Agreement", (PINSK, RUPERT), (), PartialDate(1987)) in got
    got = _acts(_run("Israel and Sylvania talked for years. The treaty was initialed in 1994.",
                     auth))
    assert ("Agreement", (IL, SY), (), PartialDate(1994)) in got
    # what could be signed later is no agreement
    got = _acts(_run("An agreement on flights between Israel and Sylvania could be signed.", auth))
    assert got == []


def test_agreed_that_needs_two_sides(auth) -> None:
    got = _acts(_run("In 1987 Israel and Sylvania agreed that the border was final.", auth))
    assert got == [("Agreement", (IL, SY), (), PartialDate(1987))]
    assert _acts(_run("In 1987 Pinsk agreed that the border was final.", auth)) == []


def test_spokesmen_parliaments_and_arms(auth) -> None:
    got = _acts(_run("In 1984 a spokesman for Pinsk told reporters that all was well.", auth))
    assert got == [("PublicStatement", (PINSK,), (), PartialDate(1984))]
    got = _acts(_run("In 1984 Pinsk addressed the Sylvanian parliament.", auth))
    assert [g[:2] for g in got] == [("PublicStatement", (PINSK,))]
    got = _acts(_run("In 1999 Israel supplied Sylvania with artillery ammunition.", auth))
    assert got == [("ArmsTransfer", (IL,), (SY,), PartialDate(1999))]


def test_received_where_he_arrived(auth) -> None:
    t = "In 1960 Pinsk went to Ostburg, and in July 1984 Ann Firefly visited Israel, where she " \
        "was received at the airport by Pinsk."
    got = _acts(_run(t, auth))
    assert ("Meeting", (PINSK,), ("person/ann-firefly",), PartialDate(1984, 7)) in got


# -- collections ----------------------------------------------------------------------------

COLLECTION = (
    "COLLECTION\n\nCONTENTS\n\n"
    "1.1. LETTER FROM PRIME MINISTER H. PINSK TO KING RUPERT.\n\nMarch 3, 1985\n\n"
    "1.2. JOINT ISRAELI-SYLVANIAN STATEMENT ON THE TALKS.\n\nMay 9, 1985\n\n"
    "LETTER FROM PRIME MINISTER H. PINSK TO KING RUPERT.\n\nMarch 3, 1985\n\n"
    "Dear King, Ann Firefly handed me your letter during our conversation. "
    "I would like to invite you to visit Jerusalem.\n\n"
    "JOINT ISRAELI-SYLVANIAN STATEMENT ON THE TALKS.\n\nMay 9, 1985\n\n"
    "The sides met in Ostburg.\n"
)


def test_a_letter_speaks_in_the_first_person_and_a_joint_statement(auth) -> None:
    a = Analysis(
        text=COLLECTION, source_id="c", meta=SourceMeta(genre="collection"), authority=auth
    )
    got = _acts(acts.run(resolve.run(mentions.run(text.run(a)))))
    assert ("Proposal", (PINSK,), (RUPERT,), PartialDate(1985, 3, 3)) in got
    assert ("Meeting", ("person/ann-firefly",), (PINSK,), PartialDate(1985, 3)) in got
    assert ("PublicStatement", (IL, SY), (), PartialDate(1985, 5, 9)) in got


def test_more_triggers_and_a_pronoun_with_a_partner(auth) -> None:
    t = "In 1984 Pinsk flew to Ostburg, where he met Prime Minister Otto Brandl."
    out = _run(t, auth)
    brandl = next(e for e in out.entities if e.id == "otto-brandl")
    assert brandl.represents == "sylvania"
    assert ("Meeting", (PINSK,), ("person/otto-brandl",), PartialDate(1984)) in _acts(out)
    got = _acts(_run("In 1996 Israel signed a military training and cooperation agreement "
                     "with Sylvania.", auth))
    assert got == [("Agreement", (IL,), (SY,), PartialDate(1996))]
    got = _acts(_run("In March 2013 Pinsk telephoned King Rupert.", auth))
    assert got == [("Correspondence", (PINSK,), (RUPERT,), PartialDate(2013, 3))]
    got = _acts(_run("Pinsk went to Ostburg in October 1980, and on October 8 he and King "
                     "Rupert signed a treaty.", auth))
    assert ("Agreement", (PINSK, RUPERT), (), PartialDate(1980, 10, 8)) in got


def test_the_two_leaders_are_the_heads_named_last(auth) -> None:
    t = ("In 1984 Pinsk flew to Fredville with his aide, Israeli Minister Dov Arad, and met "
         "King Rupert. The two leaders agreed on a border.")
    got = _acts(_run(t, auth))
    assert ("Agreement", (PINSK, RUPERT), (), PartialDate(1984)) in got
    assert not [g for g in got if g[0] == "Agreement" and "person/dov-arad" in g[1]]
    assert _acts(_run("In 2013 Pinsk telephoned Erdal Kaya.", auth)) == []
