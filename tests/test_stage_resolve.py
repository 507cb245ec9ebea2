"""The resolve stage: exact, fuzzy, capitals by context, new envoys, coreference."""

from __future__ import annotations

import pytest
from tiny_authority import tiny_authority

from kg.records import Analysis, SourceMeta
from kg.stages import mentions, resolve, text


@pytest.fixture(scope="module")
def auth(tmp_path_factory: pytest.TempPathFactory):
    return tiny_authority(tmp_path_factory.mktemp("authority"))


def _run(t: str, auth):
    meta = SourceMeta(genre="news", title="T")
    a = Analysis(text="T\n\n" + t, source_id="s", meta=meta, authority=auth)
    return resolve.run(mentions.run(text.run(a)))


def _links(a) -> list[tuple[str, str | None, str | None]]:
    return [(m.surface, m.entity, m.sense) for m in a.mentions if m.kind != "Date"]


def test_transliteration_is_matched_fuzzily(auth) -> None:
    a = _run("Foreign Minister M. Scharett wrote to Molotov.", auth)
    assert ("M. Scharett", "person/moshe-sharett", None) in _links(a)
    assert ("Molotov", "person/vyacheslav-molotov", None) in _links(a)


def test_capital_as_government_or_place(auth) -> None:
    a = _run("In 1953 Moscow was ready. It was announced in Moscow.", auth)
    links = [x for x in _links(a) if x[0] == "Moscow"]
    assert links == [
        ("Moscow", "state/soviet-union", "government"),
        ("Moscow", "place/moscow", "place"),
    ]


def test_period_dependent_names(auth) -> None:
    a = _run("In 1953 the Russians agreed. In 2003 the Russians agreed.", auth)
    assert [x[1] for x in _links(a) if x[0] == "Russians"] == ["state/soviet-union", "state/russia"]


def test_new_envoy_from_title(auth) -> None:
    a = _run(
        "The Polish ambassador Beretsky came. Later Beretsky left. The Czech ambassador stayed.",
        auth,
    )
    new = [e for e in a.entities if e.evidence is not None]
    assert [(e.id, e.kind, e.represents) for e in new] == [("beretsky", "Envoy", "poland")]
    assert new[0].evidence.of(a.text) == "Beretsky"
    assert [x[1] for x in _links(a) if x[0] == "Beretsky"] == ["person/beretsky"] * 2
    # the envoy's state comes along, for a self-contained graph
    assert "state/poland" in {f"state/{e.id}" for e in a.entities if e.kind == "State"}


def test_groups_stand_for_the_last_two_states(auth) -> None:
    a = _run("Freedonia talked to Israel. Later the two countries agreed.", auth)
    group = next(m for m in a.mentions if m.kind == "Group")
    assert group.group == ("state/freedonia", "state/israel")
    b = _run("Israel talked. Later the two countries agreed.", auth)
    assert not [m for m in b.mentions if m.kind == "Group"]  # one state is not two


def test_modifier_is_not_a_participant(auth) -> None:
    a = _run("The Soviet Jewish community grew. The Soviet government agreed.", auth)
    senses = [x[2] for x in _links(a) if x[0] == "Soviet"]
    assert senses == ["modifier", "state"]


def test_groups_prefer_the_states_the_text_is_about(auth) -> None:
    a = _run(
        "Freedonia armed Israel. Israel thanked Freedonia. A Polish-Israeli deal was signed, "
        "and later the two countries agreed.",
        auth,
    )
    group = next(m for m in a.mentions if m.kind == "Group")
    assert set(group.group) == {"state/freedonia", "state/israel"}
