"""The acts stage on hand-written sentences: types, roles, dates, and what must not count."""

from __future__ import annotations

import pytest
from tiny_authority import tiny_authority

from kg.records import Analysis, PartialDate, SourceMeta
from kg.stages import acts, mentions, resolve, text


@pytest.fixture(scope="module")
def auth(tmp_path_factory: pytest.TempPathFactory):
    return tiny_authority(tmp_path_factory.mktemp("authority"))


def _acts(t: str, auth, date: PartialDate | None = None):
    meta = SourceMeta(genre="news", title="T", date=date)
    a = Analysis(text="T\n\n" + t, source_id="s", meta=meta, authority=auth)
    out = acts.run(resolve.run(mentions.run(text.run(a))))
    for act in out.acts:
        assert act.evidence.of(out.text) in out.text[act.evidence.start : act.evidence.end]
    return [(x.type, x.actors, x.counterparts, x.date) for x in out.acts]


FR, IL, SU, PL = "state/freedonia", "state/israel", "state/soviet-union", "state/poland"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "In 1950, Freedonia recognized the State of Israel.",
            ("Recognition", (FR,), (IL,), PartialDate(1950)),
        ),
        (
            "Freedonia severed diplomatic relations with Israel in June 1967.",
            ("SeveranceOfRelations", (FR,), (IL,), PartialDate(1967, 6)),
        ),
        (
            "Relations were broken off by Fredville in 1960.",
            ("SeveranceOfRelations", (FR,), (), PartialDate(1960)),
        ),
        (
            "The resumption of diplomatic relations between Israel and Freedonia was announced "
            "on July 20, 1953.",
            ("ResumptionOfRelations", (IL,), (FR,), PartialDate(1953, 7, 20)),
        ),
        (
            "In 1987, Freedonia and Israel established consular ties.",
            ("EstablishmentOfConsularRelations", (FR, IL), (), PartialDate(1987)),
        ),
        (
            "On July 6, 1953, Mr. Sharett wrote to Mr. Molotov.",
            (
                "Correspondence",
                ("person/moshe-sharett",),
                ("person/vyacheslav-molotov",),
                PartialDate(1953, 7, 6),
            ),
        ),
        (
            "Rufus Firefly's visit to Israel in 1999 was short.",
            ("Visit", ("person/rufus-firefly",), (IL,), PartialDate(1999)),
        ),
        (
            "In 2004, Freedonia abstained in a vote on the fence.",
            ("Vote", (FR,), (), PartialDate(2004)),
        ),
        (
            "In 1955, weapons were sent from Freedonia to Israel.",
            ("ArmsTransfer", (FR,), (IL,), PartialDate(1955)),
        ),
        (
            "Freedonia signed an agreement with Israel in 2008.",
            ("Agreement", (FR,), (IL,), PartialDate(2008)),
        ),
        (
            "In 1969, Freedonia proposed direct negotiations.",
            ("Proposal", (FR,), (), PartialDate(1969)),
        ),
    ],
)
def test_one_act(auth, sentence: str, expected) -> None:
    assert _acts(sentence, auth) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "The hoped-for announcement that Fredville was ready to resume full diplomatic ties "
        "did not materialize.",
        "Freedonia would recognize Israel.",
        "Freedonia put pressure on Firefly to recognize Israel.",
        "Freedonia did not supply Israel with arms.",
        "Freedonia is expected to sign an agreement with Israel.",
        "It is hoped that Freedonian-Israeli relations will soon be restored.",
        "Rufus Firefly cancelled a visit to Israel.",
        "The Freedonian Jewish community grew in 1950.",
        "Firefly visited Fredville in 1950.",  # a Freedonian in his own capital: no visit
    ],
)
def test_no_act(auth, sentence: str) -> None:
    assert _acts(sentence, auth) == []


def test_relative_dates_are_never_invented(auth) -> None:
    assert _acts("Freedonia severed relations with Israel last February.", auth) == [
        ("SeveranceOfRelations", (FR,), (IL,), None)
    ]
    assert _acts(
        "Freedonia severed relations with Israel last February.", auth, PartialDate(1953, 7, 20)
    ) == [("SeveranceOfRelations", (FR,), (IL,), PartialDate(1953, 2))]


def test_most_specific_type_wins_over_the_announcement(auth) -> None:
    got = _acts("Freedonia announced the restoration of diplomatic relations with Israel.", auth)
    assert [g[0] for g in got] == ["ResumptionOfRelations"]


def test_letters_of_a_collection_are_correspondence(auth) -> None:
    t = (
        "COLLECTION\n\nCONTENTS\n\n"
        "1.1. LETTER FROM FOREIGN MINISTER M. CHARETTA TO V.M. MOLOTOV.\n\n"
        "July 6, 1953\n\n1.2. STATEMENT BY THE ISRAELI FOREIGN MINISTRY TO THE PRESS.\n\n"
        "July 7, 1953\n\nLETTER FROM FOREIGN MINISTER M. CHARETTA TO V.M. MOLOTOV.\n\n"
        "July 6, 1953\n\nDear Sir. I write.\n\nSTATEMENT BY THE ISRAELI FOREIGN MINISTRY TO THE "
        "PRESS.\n\nJuly 7, 1953\n\nWe are glad.\n"
    )
    a = Analysis(text=t, source_id="c", meta=SourceMeta(genre="collection"), authority=auth)
    out = acts.run(resolve.run(mentions.run(text.run(a))))
    got = [(x.type, x.actors, x.counterparts, x.date, x.doc) for x in out.acts]
    assert got == [
        (
            "Correspondence",
            ("person/moshe-sharett",),
            ("person/vyacheslav-molotov",),
            PartialDate(1953, 7, 6),
            1,
        ),
        ("PublicStatement", (IL,), (), PartialDate(1953, 7, 7), 2),
    ]
    assert out.acts[0].evidence.of(t).startswith("LETTER FROM FOREIGN MINISTER")


def test_lists_and_coordinated_subjects(auth) -> None:
    got = _acts("In 1975, Freedonia signed agreements with Israel, Poland and Russia.", auth)
    assert got == [("Agreement", (FR,), (IL, PL, "state/russia"), PartialDate(1975))]
    got = _acts(
        "Israel sided with Poland and Freedonian Foreign Minister Rufus Firefly sent a message "
        "to Molotov.",
        auth,
    )
    assert got == [
        ("Correspondence", ("person/rufus-firefly",), ("person/vyacheslav-molotov",), None)
    ]
