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
    assert got == [("Meeting", (PINSK,), (RUPERT,), PartialDate(2013, 3))]
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


# -- recall on unseen phrasings: lists, ellipsis, negation, anniversaries ----------------------

MA = "state/marsovia"


def test_a_list_did_the_same_one_act_per_state(auth) -> None:
    got = _acts(_run(
        "In June 1960 Israel broke off diplomatic relations with Freedonia. Jerusalem said so "
        "on June 10, and Sylvania and Marsovia did the same within days.", auth))
    assert ("SeveranceOfRelations", (SY,), (FR,), PartialDate(1960, 6)) in got
    assert ("SeveranceOfRelations", (MA,), (FR,), PartialDate(1960, 6)) in got


def test_a_list_did_the_same_with_an_elliptical_member(auth) -> None:
    got = _acts(_run(
        "Freedonia restored full diplomatic relations with Israel in May 1980. Sylvania did the "
        "same early in 1981, and Marsovia a few months later.", auth))
    assert ("ResumptionOfRelations", (SY,), (IL,), PartialDate(1981)) in got
    assert ("ResumptionOfRelations", (MA,), (IL,), PartialDate(1981)) in got


def test_as_did_lists_more_actors_of_the_same_act(auth) -> None:
    got = _acts(_run(
        "In 1962 Freedonia severed diplomatic relations with Israel, as did Sylvania and "
        "Marsovia.", auth))
    assert ("SeveranceOfRelations", (SY,), (IL,), PartialDate(1962)) in got
    assert ("SeveranceOfRelations", (MA,), (IL,), PartialDate(1962)) in got


def test_a_denied_or_discussed_change_of_relations_is_no_act(auth) -> None:
    got = _acts(_run(
        "Officials said the restoration of diplomatic relations between Israel and Freedonia "
        "was not discussed. Pinsk discussed the restoration of relations with Rupert.", auth))
    assert not [g for g in got if g[0] == "ResumptionOfRelations"]


def test_an_anniversary_dates_the_earlier_event_or_gives_none(auth) -> None:
    got = _acts(_run(
        "Pinsk came to Fredville in June 1990 for the tenth anniversary of the restoration of "
        "relations between Israel and Freedonia.", auth))
    rel = [g for g in got if g[0] == "ResumptionOfRelations"]
    assert rel and rel[0][3] == PartialDate(1980)
    got = _acts(_run(
        "Pinsk came to Fredville for an anniversary of the restoration of relations between "
        "Israel and Freedonia.", auth))
    assert not [g for g in got if g[0] == "ResumptionOfRelations"]


def test_a_reception_at_a_mission_is_a_meeting_not_a_visit(auth) -> None:
    got = _acts(_run("Pinsk received King Rupert at the Israeli mission for a talk.", auth))
    assert ("Meeting", (PINSK,), (RUPERT,), None) in got
    assert not [g for g in got if g[0] == "Visit"]


def test_a_date_after_since_belongs_to_the_background_event(auth) -> None:
    got = _acts(_run(
        "Pinsk met King Rupert, the first meeting since Sylvania broke off relations with "
        "Israel in June 1967.", auth))
    assert [g for g in got if g[0] == "Meeting" and g[3] != PartialDate(1967, 6)]


def test_a_treaty_that_two_states_signed(auth) -> None:
    got = _acts(_run(
        "Rupert never came to Ostburg, and the treaty that Israel and Freedonia signed in "
        "Fredville on March 2, 1979 was a success.", auth))
    assert ("Agreement", (IL, FR), (), PartialDate(1979, 3, 2)) in got


def test_a_repeated_meeting_without_a_verb(auth) -> None:
    got = _acts(_run("Pinsk met King Rupert in Ostburg in August 1987 and in Fredville in "
                     "January 1988.", auth))
    assert ("Meeting", (PINSK,), (RUPERT,), PartialDate(1987, 8)) in got
    assert ("Meeting", (PINSK,), (RUPERT,), PartialDate(1988, 1)) in got


def test_who_after_two_names_and_an_apposition(auth) -> None:
    got = _acts(_run("The summit was chaired by King Rupert and Prime Minister Hugo Pinsk, who "
                     "met in Fredville on the eve of the opening.", auth))
    assert ("Meeting", (RUPERT,), (PINSK,), None) in got
    got = _acts(_run("King Rupert, speaking after Pinsk, told reporters that all was well.", auth))
    assert ("PublicStatement", (RUPERT,), (), None) in got


def test_speeches_by_a_list_and_separate_talks(auth) -> None:
    got = _acts(_run("The session heard speeches by King Rupert and Prime Minister Hugo Pinsk. "
                     "Marcus Rupert conferred separately with Pinsk and with King Rupert.", auth))
    assert ("PublicStatement", (RUPERT,), (), None) in got
    assert ("PublicStatement", (PINSK,), (), None) in got
    mr = "person/marcus-rupert"
    assert ("Meeting", (mr,), (PINSK,), None) in got
    assert ("Meeting", (mr,), (RUPERT,), None) in got


def test_letters_of_recognition_and_the_answer(auth) -> None:
    got = _acts(_run(
        "Pinsk wrote to King Rupert that the NLF recognized the right of the State of Israel "
        "to exist, and Rupert answered that Sylvania recognized the NLF as the representative "
        "of its people.", auth, date=PartialDate(1980, 5)))
    assert ("Correspondence", (PINSK,), (RUPERT,)) in [g[:3] for g in got]
    assert ("Correspondence", (RUPERT,), (PINSK,)) in [g[:3] for g in got]
    assert ("Recognition", (), (IL,)) in [g[:3] for g in got]
    assert ("Recognition", (SY,), ()) in [g[:3] for g in got]


def test_an_entry_on_this_day_dates_the_days_around_it(auth) -> None:
    t = ("Freedonia and Israel sign a treaty in Fredville.\n\nDays before the ceremony, Pinsk "
         "wrote to King Rupert.\n\nLater the treaty was ratified by Freedonia.")
    got = _acts(_run(t, auth, genre="encyclopedia", date=PartialDate(1980, 5, 3)))
    assert ("Correspondence", (PINSK,), (RUPERT,), PartialDate(1980, 5)) in got


def test_a_middle_initial_and_a_bare_surname_met_before(auth) -> None:
    out = _run("Prime Minister Hugo Q. Pinsk arrived. Later Pinsk met King Rupert in Ostburg.",
               auth)
    assert ("Meeting", (PINSK,), (RUPERT,), None) in _acts(out)
    assert "hugo" not in {e.id for e in out.entities}


def test_ordinals_of_anniversaries() -> None:
    assert acts._ordinal("twenty-fifth") == 25
    assert acts._ordinal("tenth") == 10
    assert acts._ordinal("40th") == 40
    assert acts._ordinal("fiftieth") == 50
    assert acts._ordinal("happy") is None


def test_more_ways_to_tell_visits_statements_and_arms(auth) -> None:
    got = _acts(_run(
        "Pinsk was back in Fredville in June 1985. King Rupert had already come to Israel in "
        "May 1984. In 1986 Freedonia blamed Israel for the crisis. In 1987 Freedonia delivered "
        "S-300 air-defence systems to Sylvania. Pinsk addressed the conference in 1988.", auth))
    assert ("Visit", (PINSK,), (FR,), PartialDate(1985, 6)) in got
    assert ("Visit", (RUPERT,), (IL,), PartialDate(1984, 5)) in got
    assert ("PublicStatement", (FR,), (IL,), PartialDate(1986)) in got
    assert ("ArmsTransfer", (FR,), (SY,), PartialDate(1987)) in got
    assert ("PublicStatement", (PINSK,), (), PartialDate(1988)) in got


def test_announcing_the_decision_is_the_change_of_relations(auth) -> None:
    got = _acts(_run(
        "In June 1960 Freedonia and its allies broke off diplomatic relations with Israel, one "
        "after another. Fredville announced its decision on June 10, as the war ended.", auth))
    sev = [g for g in got if g[0] == "SeveranceOfRelations" and FR in g[1]]
    assert sev == [("SeveranceOfRelations", (FR,), (IL,), PartialDate(1960, 6, 10))]
    assert not [g for g in got if g[0] == "PublicStatement"]


def test_they_met_again_and_a_meeting_of_one_with_another(auth) -> None:
    got = _acts(_run(
        "Pinsk met King Rupert in Ostburg in May 1985. In July 1986 they met again in Fredville. "
        "The secret meeting of Pinsk with Freedonia’s foreign minister in Ostburg in September "
        "1987 mattered more. Pinsk and King Rupert exchanged a few words in Fredville in "
        "November 1988.", auth))
    assert ("Meeting", (PINSK,), (RUPERT,), PartialDate(1986, 7)) in got
    assert ("Meeting", (PINSK,), (FR,), PartialDate(1987, 9)) in got
    assert ("Meeting", (PINSK,), (RUPERT,), PartialDate(1988, 11)) in got


def test_his_meeting_at_the_start_of_a_sentence(auth) -> None:
    got = _acts(_run("Pinsk flew to Ostburg on May 2, 1985. In his meeting with King Rupert, "
                     "he raised the border.", auth))
    assert [g for g in got if g[0] == "Meeting" and g[1] == (PINSK,) and g[2] == (RUPERT,)]


def test_last_month_counts_back_from_the_documents_date() -> None:
    from kg.records import Document, Span

    t = "during my stay in Ostburg last month; earlier this year; and last year"
    doc = Document(1, "Letter", Span(0, len(t)), date=PartialDate(1974, 1, 26))
    assert acts._relative_date(t, Span(0, 36), doc, None, 0.0)[0] == PartialDate(1973, 12)
    assert acts._relative_date(t, Span(60, len(t)), doc, None, 0.0)[0] == PartialDate(1973)
    assert acts._relative_date(t, Span(0, 15), doc, None, 0.0)[0] is None


def test_two_states_delegations_meet(auth) -> None:
    got = _acts(_run("The Israeli and Freedonian delegations met first in Ostburg.", auth))
    assert ("Meeting", (IL,), (FR,), None) in got
    got = _acts(_run("The Israeli position was firm; Freedonian farmers met in Ostburg.", auth))
    assert not [g for g in got if g[0] == "Meeting"]


# -- the day a news report's story is told of -------------------------------------------------

REPORT = PartialDate(1985, 5, 3)  # a Friday


def _dated(t: str, auth, date: PartialDate | None = REPORT, genre: str = "news") -> list[tuple]:
    """The acts of ``t`` told after a lead sentence (a lead has rules of its own)."""
    return _acts(_run("The weather was fine.\n\n" + t, auth, genre=genre, date=date))


def _meetings(got: list[tuple]) -> list[PartialDate | None]:
    return [g[3] for g in got if g[0] == "Meeting"]


def test_an_undated_act_of_the_story_takes_the_story_day(auth) -> None:
    got = _dated(
        "King Rupert arrived in Israel on Thursday for a state visit. In the afternoon King "
        "Rupert travelled to the Prime Minister's office for talks with Pinsk.", auth)
    assert ("Meeting", (RUPERT,), (PINSK,), PartialDate(1985, 5, 2)) in got


def test_without_a_day_named_the_story_is_the_reports_day(auth) -> None:
    got = _dated("Pinsk travelled to Ostburg for talks with King Rupert.", auth)
    assert ("Meeting", (PINSK,), (RUPERT,), REPORT) in got


def test_a_report_dated_by_its_month_gives_only_the_month(auth) -> None:
    got = _dated("Pinsk travelled to Ostburg for talks with King Rupert.", auth,
                 date=PartialDate(1985, 5))
    assert _meetings(got) == [PartialDate(1985, 5)]


def test_no_story_day_outside_a_dated_news_report(auth) -> None:
    t = "Pinsk travelled to Ostburg for talks with King Rupert."
    assert _meetings(_dated(t, auth, date=None)) == [None]
    assert _meetings(_dated(t, auth, genre="essay")) == [None]


def test_a_pluperfect_act_is_not_of_the_story_day(auth) -> None:
    got = _dated("Pinsk had travelled to Ostburg for talks with King Rupert.", auth)
    assert _meetings(got) == [None]


def test_an_act_told_with_earlier_is_not_of_the_story_day(auth) -> None:
    got = _dated("Pinsk earlier travelled to Ostburg for talks with King Rupert.", auth)
    assert _meetings(got) == [None]


def test_a_paragraph_about_another_time_gets_no_story_day(auth) -> None:
    got = _dated(
        "Pinsk travelled to Ostburg for talks with King Rupert.\n\n"
        "The two leaders are old friends, and King Rupert had met Pinsk in March 1970. Pinsk "
        "travelled to Fredville.", auth)
    assert ("Visit", (PINSK,), (SY,), REPORT) in got
    assert ("Visit", (PINSK,), (FR,), None) in got


def test_a_date_of_a_relative_clause_does_not_date_the_main_verb(auth) -> None:
    got = _dated("Pinsk, who visited Ostburg in 1980, travelled to Fredville for talks with "
                 "King Rupert.", auth)
    assert ("Meeting", (PINSK,), (RUPERT,), REPORT) in got
    assert ("Visit", (PINSK,), (SY,), PartialDate(1980)) in got


def _story(t: str, trigger: str, form: str = "noun") -> PartialDate | None:
    """``story_date`` for one trigger of a one-sentence report dated REPORT."""
    import re

    from kg.records import Sentence, Span
    from kg.stages.acts.dating import Timeline, story_date
    from kg.stages.acts.patterns import Pattern

    sent = Sentence(Span(0, len(t)), 0, 0, lead=True)
    trig = re.compile(re.escape(trigger)).search(t)
    assert trig is not None
    pat = Pattern("p", "Meeting", form, re.compile(re.escape(trigger)), 0.9)
    time = Timeline(0, set(), report=REPORT)
    return story_date(t, sent, Span(0, len(t)), trig, pat, None, time)


@pytest.mark.parametrize(
    ("sentence", "trigger", "form", "dated"),
    [
        ("Pinsk travelled to Ostburg for talks with Rupert.", "talks with", "noun", True),
        ("Pinsk met Rupert in Ostburg.", "met", "verb", True),
        ("Pinsk was received by Rupert in Ostburg.", "received by", "verb", True),
        ("Pinsk had met Rupert in Ostburg.", "met", "verb", False),  # pluperfect
        ("Pinsk had travelled to Ostburg for talks with Rupert.", "talks with", "noun", False),
        ("Pinsk had flown to Ostburg to meet Rupert.", "to meet", "verb", False),
        ("Pinsk will meet Rupert in Ostburg.", "meet", "verb", False),  # future
        ("Pinsk is due to hold talks with Rupert.", "talks with", "noun", False),
        ("Pinsk has met Rupert in Ostburg.", "met", "verb", False),  # present perfect
        ("Pinsk meets Rupert in Ostburg.", "meets", "verb", False),  # present
        ("Pinsk met Rupert, as he has since the war.", "met", "verb", False),  # since
        ("Pinsk met Rupert until the war.", "met", "verb", False),  # until
        ("Pinsk met Rupert three years ago.", "met", "verb", False),
        ("Pinsk met Rupert in 1980.", "met", "verb", False),
        ("Pinsk said: \"I met Rupert in Ostburg.\"", "met", "verb", False),  # quoted
        ("The communique contained an exchange of letters.", "exchange of letters", "noun",
         False),  # a noun named, not done
        ("Pinsk told reporters that he would meet Rupert.", "told reporters", "verb", True),
    ],
)
def test_story_day_only_for_the_simple_past_of_the_story(
    sentence: str, trigger: str, form: str, dated: bool
) -> None:
    assert (_story(sentence, trigger, form) == REPORT) is dated


def test_last_week_and_days_ago_count_back_from_the_reports_date() -> None:
    from kg.records import Span

    def rel(t: str, now: PartialDate, last: PartialDate | None = None) -> PartialDate | None:
        return acts._relative_date(t, Span(0, len(t)), None, now, 0.0, last)[0]

    # the week before Friday 3 May 1985 is 22-28 April; before Wednesday 8 May, 29 April to
    # 5 May: two months, so only the year
    assert rel("Pinsk met Rupert last week", REPORT) == PartialDate(1985, 4)
    assert rel("Pinsk met Rupert last week", PartialDate(1985, 5, 8)) == PartialDate(1985)
    assert rel("Pinsk met Rupert last week", PartialDate(1985, 5)) is None
    assert rel("Pinsk met Rupert three days ago", REPORT) == PartialDate(1985, 4, 30)
    assert rel("Pinsk met Rupert two weeks ago", REPORT) == PartialDate(1985, 4)


def test_later_counts_on_from_the_last_event() -> None:
    from kg.records import Span

    def rel(t: str, last: PartialDate | None) -> PartialDate | None:
        return acts._relative_date(t, Span(0, len(t)), None, REPORT, 0.0, last)[0]

    assert rel("two days later he met Rupert", PartialDate(1985, 4, 30)) == PartialDate(1985, 5, 2)
    assert rel("two days later he met Rupert", PartialDate(1985, 4)) is None  # no day to count
    assert rel("a year later he met Rupert", PartialDate(1984, 3)) == PartialDate(1985)
    assert rel("three months later he met Rupert", PartialDate(1984, 11)) == PartialDate(1985, 2)
    assert rel("two days later he met Rupert", None) is None
    # "two days after the war": counted from that event, not the last date
    assert rel("two days after the war he met Rupert", PartialDate(1985, 4, 30)) is None


def test_relative_dates_of_a_report_in_its_story(auth) -> None:
    got = _dated(
        "Last August Pinsk met King Rupert in Ostburg. On May 1 Pinsk arrived in Ostburg. "
        "The following day Pinsk met King Rupert.\n\nTwo days later Pinsk met King Rupert again.",
        auth)
    meetings = _meetings(got)
    assert PartialDate(1984, 8) in meetings
    assert PartialDate(1985, 5, 2) in meetings
    assert PartialDate(1985, 5, 4) in meetings


def test_the_year_a_paragraph_opened_with_only_where_the_clause_stays_in_it(auth) -> None:
    said = "In 1985 Pinsk visited Ostburg. Pinsk also met King Rupert in Fredville."
    assert _meetings(_dated(said, auth, date=None, genre="essay")) == [PartialDate(1985)]
    for other in ("Pinsk had met King Rupert in Fredville.",  # pluperfect
                  "Pinsk had earlier met King Rupert in Fredville.",
                  "Pinsk has met King Rupert since then."):
        t = "In 1985 Pinsk visited Ostburg. " + other
        assert _meetings(_dated(t, auth, date=None, genre="essay")) == [None], other


def test_the_next_year_at_the_start_of_a_sentence(auth) -> None:
    got = _dated("In 1984 Pinsk met King Rupert in Ostburg. The next year Pinsk met King Rupert "
                 "in Fredville.", auth, date=None, genre="essay")
    assert _meetings(got) == [PartialDate(1984), PartialDate(1985)]
