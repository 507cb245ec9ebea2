"""The mentions stage: gazetteer, titled persons, dates completed from context."""

from __future__ import annotations

import re

import pytest
from tiny_authority import tiny_authority

from kg.records import Analysis, PartialDate, SourceMeta
from kg.stages import mentions, text


@pytest.fixture(scope="module")
def auth(tmp_path_factory: pytest.TempPathFactory):
    return tiny_authority(tmp_path_factory.mktemp("authority"))


def _run(t: str, auth, date: PartialDate | None = None):
    meta = SourceMeta(genre="news", date=date, title="T")
    return mentions.run(
        text.run(Analysis(text="T\n\n" + t, source_id="s", meta=meta, authority=auth))
    )


def test_states_persons_and_titles(auth) -> None:
    a = _run("Soviet Foreign Minister V.M. Molotov met Polish ambassador Beretsky in Moscow.", auth)
    got = {(m.kind, m.surface, m.title, m.adjective) for m in a.mentions if m.kind != "Name"}
    assert ("Envoy", "V.M. Molotov", "Foreign Minister", "Soviet") in got
    assert ("Envoy", "Beretsky", "ambassador", "Polish") in got
    assert ("State", "Moscow", None, None) in got


def test_case_rules(auth) -> None:
    a = _run("They told us about the SOVIET Union and the USSR.", auth)
    surfaces = [m.surface for m in a.mentions if m.kind == "State"]
    assert surfaces == ["SOVIET Union", "USSR"]


def test_dates_relative_to_publication_and_context(auth) -> None:
    a = _run(
        "Relations were cut last February. In 1953 a note came. On April 4 he left. "
        "In March of this year they met. In that same year nothing.",
        auth,
        date=PartialDate(1954, 1, 20),
    )
    dates = {m.surface: m.date for m in a.mentions if m.kind == "Date"}
    assert dates["last February"] == PartialDate(1953, 2)
    assert dates["April 4"] == PartialDate(1953, 4, 4)
    assert dates["March of this year"] == PartialDate(1954, 3)
    assert dates["that same year"] == PartialDate(1953)


def test_no_year_no_date(auth) -> None:
    a = _run("On April 4 he left.", auth)
    assert not [m for m in a.mentions if m.kind == "Date"]


def test_full_dates(auth) -> None:
    a = _run("On May 17th 1948 and 15 July 1953 and in June 1967.", auth)
    assert [m.date for m in a.mentions if m.kind == "Date"] == [
        PartialDate(1948, 5, 17),
        PartialDate(1953, 7, 15),
        PartialDate(1967, 6),
    ]


def test_a_name_written_with_the_article_is_found_after_a_lower_case_the(tmp_path) -> None:
    from kg.authority import load_authority

    (tmp_path / "states.yaml").write_text(
        "- {id: gondor, label: Gondor, wikidata: null, names: [Gondor, The Gondor Realm]}\n"
        "- {id: rohan, label: Rohan, wikidata: null, names: [Rohan]}\n",
        "utf-8",
    )
    (tmp_path / "persons.yaml").write_text("[]\n", "utf-8")
    (tmp_path / "places.yaml").write_text("[]\n", "utf-8")
    a = _run("Rohan thanked the Gondor Realm for its help.", load_authority(tmp_path))
    got = [m.surface for m in a.mentions if m.kind == "State"]
    assert got == ["Rohan", "Gondor"]  # the match at "the" fails on case; the next word holds


def test_photo_captions_are_read_for_mentions_and_dates(auth) -> None:
    a = _run("They met.\n\nThe photo above shows Rufus Firefly in Moscow on May 3, 1961.", auth)
    assert a.captions and a.captions[0].of(a.text).startswith("Rufus Firefly")
    inside = [m for m in a.mentions if m.span in a.captions[0]]
    assert {m.kind for m in inside} >= {"Envoy", "Date"}
    assert not any("photo" in s.span.of(a.text) for s in a.sentences)


# -- generalisation to unseen texts ----------------------------------------------------------


def test_abbreviated_months_and_days_relative_to_the_report(auth) -> None:
    a = _run(
        "On Sept. 3, 1961 they met. Firefly arrived last night. Today he rests. "
        "He spoke earlier this week. The next day he left.",
        auth,
        date=PartialDate(1961, 9, 20),
    )
    dates = {m.surface: m.date for m in a.mentions if m.kind == "Date"}
    assert dates["Sept. 3, 1961"] == PartialDate(1961, 9, 3)
    assert dates["last night"] == PartialDate(1961, 9, 19)
    assert dates["Today"] == PartialDate(1961, 9, 20)
    assert dates["earlier this week"] == PartialDate(1961, 9)
    assert dates["The next day"] == PartialDate(1961, 9, 4)  # the day after the last day named


def test_week_across_a_month_boundary_keeps_only_the_year(auth) -> None:
    a = _run("He spoke earlier this week.", auth, date=PartialDate(1961, 10, 2))
    assert [m.date for m in a.mentions if m.kind == "Date"] == [PartialDate(1961)]


def test_state_after_a_titled_name_and_in_capital_headings(auth) -> None:
    a = _run("President Otto Quill of Freedonia came. Poland's Foreign Minister, Jan Wiec, left.",
             auth)
    got = {(m.surface, m.title, m.adjective, m.of_state) for m in a.mentions if m.kind == "Envoy"}
    assert ("Otto Quill", "President", None, "Freedonia") in got
    assert ("Jan Wiec", "Foreign Minister", "Poland", None) in got
    heading = "LETTER FROM THE PRIME MINISTER OF FREEDONIA O. QUILL TO V.M. MOLOTOV."
    c = mentions.run(
        text.run(
            Analysis(
                text=f"PAPERS\n\nCONTENTS\n\n1.1. {heading}\n\nMay 2, 1961\n\n{heading}\n\n"
                "May 2, 1961\n\nWe write.\n",
                source_id="c",
                meta=SourceMeta(genre="collection"),
                authority=auth,
            )
        )
    )
    caps = [m for m in c.mentions if m.kind == "Envoy" and m.surface == "O. QUILL"]
    assert caps and caps[0].title == "Prime Minister" and caps[0].of_state == "FREEDONIA"


def test_a_building_is_not_a_titled_person(auth) -> None:
    a = _run("He stayed at the King David Hotel.", auth)
    assert not [m for m in a.mentions if m.kind == "Envoy"]


def test_a_title_after_the_name(auth) -> None:
    a = _run(
        "In 1990 Otto Quill became the first Freedonian President to visit Israel. "
        "Jan Wiec, the Polish ambassador, left.",
        auth,
    )
    got = {(m.surface, m.title, m.adjective) for m in a.mentions if m.kind == "Envoy"}
    assert ("Otto Quill", "President", "Freedonian") in got
    assert ("Jan Wiec", "ambassador", "Polish") in got


def test_weekday_at_the_start_of_a_sentence(auth) -> None:
    a = _run("On Friday he left.", auth, date=PartialDate(1961, 9, 20))  # a Wednesday
    assert [m.date for m in a.mentions if m.kind == "Date"] == [PartialDate(1961, 9, 15)]


def test_lower_case_titles_after_a_state_adjective(auth) -> None:
    a = _run("The Polish foreign minister, Jan Wiec, left.", auth)
    got = {(m.surface, m.title, m.adjective) for m in a.mentions if m.kind == "Envoy"}
    assert ("Jan Wiec", "foreign minister", "Polish") in got


def test_the_following_month_counts_forward_from_the_date_before(auth) -> None:
    a = _run(
        "Talks were held in August 1986. A team came the following July. Another came the "
        "next month. Talks in May 1990 led to more talks the following year.",
        auth,
        date=PartialDate(1995, 1, 1),
    )
    dates = {m.surface: m.date for m in a.mentions if m.kind == "Date"}
    assert dates["following July"] == PartialDate(1987, 7)
    assert dates["the next month"] == PartialDate(1987, 8)
    assert dates["the following year"] == PartialDate(1991)


def test_following_as_a_preposition_is_no_relative_month(auth) -> None:
    a = _run("In 1960, following May talks, they left.", auth)
    assert [m.date for m in a.mentions if m.kind == "Date"] == [PartialDate(1960)]


def _envoys(a) -> dict[str, tuple[str | None, str | None, str | None]]:
    return {m.surface: (m.title, m.adjective, m.of_state) for m in a.mentions if m.kind == "Envoy"}


def test_a_description_after_the_full_name(auth) -> None:
    a = _run(
        "The group, headed by Yevgeny Antipov, a veteran official of the consular "
        "administration of the Soviet Foreign Ministry, came. Amikam Norkin, the commander of "
        "the Israeli Air Force, flew. Otto Quill, head of the Freedonian delegation, spoke.",
        auth,
    )
    got = _envoys(a)
    assert got["Yevgeny Antipov"] == ("official", None, "Soviet Foreign Ministry")
    assert got["Amikam Norkin"] == ("commander", None, "Israeli Air Force")
    assert got["Otto Quill"] == ("head", None, "Freedonian")


def test_a_description_before_the_full_name(auth) -> None:
    a = _run(
        "In Moscow, a Soviet Foreign Ministry spokesman, Gennady Gerasimov, told reporters. "
        "The commander of the Israeli Air Force, Amikam Norkin, travelled. "
        "Soviet Foreign Ministry spokesman Boris Pyadyshev said no.",
        auth,
    )
    got = _envoys(a)
    assert got["Gennady Gerasimov"][::2] == ("spokesman", "Soviet Foreign Ministry")
    assert got["Amikam Norkin"] == ("commander", None, "Israeli Air Force")
    # the title pattern takes "Ministry" as the adjective; the state stands before it
    assert got["Boris Pyadyshev"][2] == "Soviet Foreign Ministry"


def test_the_head_of_a_delegation_and_new_titles(auth) -> None:
    a = _run(
        "The Israeli consular delegation headed by Aryeh Levin arrived. A delegation led by "
        "Khaled Mashal came. General Secretary Konstantin Chernenko died. Senator Henry "
        "Jackson wrote. Jan Wiec, who had led the Polish party since 1956, fell.",
        auth,
    )
    got = _envoys(a)
    assert got["Aryeh Levin"] == ("head of delegation", "Israeli", None)
    assert got["Khaled Mashal"] == ("head of delegation", None, None)
    assert got["Konstantin Chernenko"][0] == "General Secretary"
    assert got["Henry Jackson"][0] == "Senator"
    assert got["Jan Wiec"] == ("leader", None, "Polish")


def test_names_with_diacritics(auth) -> None:
    a = _run("The president and his foreign minister, Jiří Dienstbier, agreed.", auth)
    assert _envoys(a)["Jiří Dienstbier"][0] == "foreign minister"


def test_places_buildings_and_bodies_are_no_described_persons(auth) -> None:
    a = _run(
        "They landed at Firefly Airport, the main airport. The Security Council, the "
        "highest body of the United Nations, met. Radio Moscow, the official voice of the "
        "state, spoke. In Fredville Square, the head of the delegation spoke. He was received "
        "by the head of its consular department. The Israelis asked. A Polish official "
        "news agency, Quill Today, reported.",
        auth,
    )
    assert _envoys(a) == {}
    # a person's name in a place named after him is not the person
    assert not [m for m in a.mentions if m.surface == "Firefly"]


def test_a_plural_title_before_a_list_of_names(auth) -> None:
    a = _run(
        "Foreign ministers Jan Wiec and Otto Quill met. The two prime ministers, Hugo Blank, "
        "Karl Dorn and Moshe Sharett, spoke. The ministers of Freedonia and Poland left.",
        auth,
    )
    names = {m.surface for m in a.mentions if m.kind == "Envoy"}
    assert {"Jan Wiec", "Otto Quill", "Hugo Blank", "Karl Dorn", "Moshe Sharett"} <= names
    assert not names & {"Freedonia", "Poland"}


def test_a_full_name_acting_is_a_person_without_a_title(auth) -> None:
    a = _run(
        "Karl Dorn telephoned Quill. Jan Wiec himself visited Fredville. The Security Council "
        "met. Radio Moscow announced it. Camp David hosted them. The Soviet Union protested.",
        auth,
    )
    names = {m.surface for m in a.mentions if m.kind == "Envoy"}
    assert {"Karl Dorn", "Jan Wiec"} <= names
    assert not names & {"Security Council", "Radio Moscow", "Camp David", "Soviet Union"}


def test_a_month_later_than_a_news_report_is_in_the_year_before(auth) -> None:
    a = _run(
        "A plane was shot down on September 17. The talks resumed in November. Quill spoke "
        "on February 20.",
        auth,
        PartialDate(2019, 2, 27),
    )
    dates = [str(m.date) for m in a.mentions if m.kind == "Date"]
    assert dates == ["2018-09-17", "2018-11", "2019-02-20"]


def test_full_names_met_in_talks_are_persons(auth) -> None:
    a = _run("Otto Quill conferred with Xi Jinping and Li Keqiang. He received Camp David.",
             auth)
    names = {m.surface for m in a.mentions if m.kind == "Envoy"}
    assert {"Xi Jinping", "Li Keqiang"} <= names and "Camp David" not in names


def test_a_bare_month_in_news_is_the_reports_not_a_year_named_in_passing(auth) -> None:
    a = _run(
        "Quill asked for $335 million for the 1998 bombings. Firefly flew to Fredville in late "
        "August.",
        auth,
        PartialDate(2020, 10, 24),
    )
    assert [str(m.date) for m in a.mentions if m.kind == "Date"][-1] == "2020-08"


def test_a_capitals_heading_with_a_name_written_out(auth) -> None:
    a = _run(
        "TELEGRAM FROM SPECIAL ENVOY KARL DORN TO THE FEDERAL FOREIGN OFFICE. "
        "LETTER FROM THE DIRECTOR OF THE FOREIGN MINISTRY TO THE PRIME MINISTER.",
        auth,
    )
    names = {m.surface for m in a.mentions if m.kind == "Envoy"}
    assert "KARL DORN" in names
    assert not names & {"FOREIGN MINISTRY", "FEDERAL FOREIGN", "PRIME MINISTER"}


def test_the_gazetteer_trie_matches_as_the_longest_first_alternation() -> None:
    from kg.stages.mentions import _trie

    words = ["israel", "israeli", "israelis", "soviet union", "soviet", "tel aviv", "tel", "us",
             "u.s.", "ben-gurion", "ben-gurion airport", "levi", "levi eshkol", "levy"]
    text = ("The Israeli and Soviet Union delegations met in Tel Aviv; the U.S. envoy landed at "
            "Ben-Gurion Airport, and Levi Eshkol met Levy and the Israelis, not Telstar or Usman.")
    tail = r"(?![\w])(?!\.\w)"
    alternation = re.compile(
        r"(?<![\w.])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        + ")" + tail, re.I)
    trie = re.compile(r"(?<![\w.])" + _trie(words) + tail, re.I)
    expected = [m.group(0) for m in alternation.finditer(text)]
    assert [m.group(0) for m in trie.finditer(text)] == expected
    assert "Ben-Gurion Airport" in expected and "Telstar" not in expected
