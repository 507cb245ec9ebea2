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


# -- implied parties, replies, captions, dedupe: each rule on a sentence of its own ---------

MO, SH, RF = "person/vyacheslav-molotov", "person/moshe-sharett", "person/rufus-firefly"
RU = "state/russia"


def test_a_visit_to_a_capital_is_a_visit_to_its_state_of_that_year(auth) -> None:
    assert _acts("In 1960, Mr. Sharett visited Moscow.", auth) == [
        ("Visit", (SH,), (SU,), PartialDate(1960))
    ]
    assert _acts("In 2005, Mr. Sharett visited Moscow.", auth) == [
        ("Visit", (SH,), (RU,), PartialDate(2005))
    ]
    assert _acts("Mr. Sharett's visit to Fredville in 1962 was short.", auth) == [
        ("Visit", (SH,), (FR,), PartialDate(1962))
    ]


def test_relations_with_one_named_state_take_the_texts_other_state(auth) -> None:
    got = _acts(
        "Poland and Freedonia had long been close. Poland sent a mission to Freedonia in 1955. "
        "Relations were broken off by Fredville in 1960.",
        auth,
    )
    assert ("SeveranceOfRelations", (FR,), (PL,), PartialDate(1960)) in got


def test_relations_between_two_states_the_sentence_names(auth) -> None:
    got = _acts(
        "Poland and Freedonia met in 1950 to discuss their diplomatic relations, which were "
        "interrupted on May 2, 1949.",
        auth,
    )
    sev = [g for g in got if g[0] == "SeveranceOfRelations"]
    assert len(sev) == 1 and set(sev[0][1] + sev[0][2]) == {PL, FR}
    assert sev[0][3] == PartialDate(1949, 5, 2)


def test_a_letter_answers_the_one_who_wrote_to_its_author(auth) -> None:
    got = _acts(
        "On May 2, 1960, Rufus Firefly wrote to Mr. Molotov. Mr. Molotov's letter, dated "
        "May 9, 1960, thanked him.",
        auth,
    )
    assert ("Correspondence", (MO,), (RF,), PartialDate(1960, 5, 9)) in got


def test_a_governments_note_goes_to_the_other_principal_state(auth) -> None:
    got = _acts(
        "Israel and Freedonia quarrelled over the border in 1959. Israel recalled its note "
        "of 3 March 1960 on the incident.",
        auth,
    )
    assert ("Correspondence", (IL,), (FR,), PartialDate(1960, 3, 3)) in got


def test_receiving_a_visitor_is_a_meeting_and_a_visit(auth) -> None:
    got = _acts(
        "Foreign Minister Rufus Firefly (right) receiving Mr. Molotov in Fredville on May 3, 1961.",
        auth,
    )
    assert ("Meeting", (RF,), (MO,), PartialDate(1961, 5, 3)) in got
    assert ("Visit", (MO,), (FR,), PartialDate(1961, 5, 3)) in got


def test_a_photo_caption_is_read_but_the_words_about_the_photo_are_not_evidence(auth) -> None:
    t = "T\n\nThey met.\n\nThe photo above shows Rufus Firefly receiving Mr. Molotov in 1961.\n"
    a = Analysis(text=t, source_id="s", meta=SourceMeta(genre="news", title="T"), authority=auth)
    out = acts.run(resolve.run(mentions.run(text.run(a))))
    got = {(x.type, x.actors, x.counterparts) for x in out.acts}
    assert ("Visit", (MO,), (FR,)) in got
    assert not any("photo" in x.evidence.of(t) for x in out.acts)


def test_a_subject_pronoun_is_the_previous_sentences_actor(auth) -> None:
    got = _acts(
        "In 1950, Freedonia signed a treaty with Poland. It also expressed its gratitude to "
        "Israel.",
        auth,
    )
    assert ("PublicStatement", (FR,), (IL,), PartialDate(1950)) in got


def test_a_signed_agreement_without_parties_is_between_the_texts_two_states(auth) -> None:
    got = _acts(
        "Israel and Freedonia grew closer. Israel opened an embassy in Fredville. "
        "In 1994 a trade agreement was signed.",
        auth,
    )
    ag = [g for g in got if g[0] == "Agreement"]
    assert len(ag) == 1 and set(ag[0][1] + ag[0][2]) == {IL, FR}
    assert ag[0][3] == PartialDate(1994)


def test_an_adjective_pair_names_the_parties_of_an_agreement(auth) -> None:
    got = _acts("In 1956 Israel watched the signing of a Polish-Freedonian arms deal.", auth)
    ag = [g for g in got if g[0] == "Agreement"]
    assert len(ag) == 1 and set(ag[0][1] + ag[0][2]) == {PL, FR}


def test_the_same_event_told_twice_is_one_act_unless_it_happened_again(auth) -> None:
    got = _acts(
        "Freedonia severed relations with Israel in June 1967. Some say that Fredville "
        "broke off relations with Israel in 1967 over the war.",
        auth,
    )
    assert got == [("SeveranceOfRelations", (FR,), (IL,), PartialDate(1967, 6))]
    got = _acts(
        "Freedonia severed relations with Israel in June 1967. Later Freedonia cut off "
        "relations with Israel a second time.",
        auth,
    )
    assert len([g for g in got if g[0] == "SeveranceOfRelations"]) == 2


def test_the_same_meeting_from_either_side_is_one_meeting(auth) -> None:
    got = _acts(
        "After his talks with Mr. Molotov, Rufus Firefly left. Mr. Molotov, reporting on his "
        "conversation with Firefly, was pleased.",
        auth,
    )
    assert len([g for g in got if g[0] == "Meeting"]) == 1


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            # a statement is directed at the foreign state it is about
            "As a result of the pressure, Freedonia declared its support for Israel.",
            ("PublicStatement", (FR,), (IL,), None),
        ),
        (
            "Later on, Freedonia criticized the plan.",
            ("PublicStatement", (FR,), (), None),
        ),
        (
            "In 1999, Freedonia accused Israel of spying.",
            ("PublicStatement", (FR,), (IL,), PartialDate(1999)),
        ),
        (
            "Rufus Firefly told reporters in Fredville that he was pleased.",
            ("PublicStatement", (RF,), (), None),
        ),
        (
            "In 2017, Poland announced that it recognizes Jerusalem as the capital of Israel.",
            ("Recognition", (PL,), (IL,), PartialDate(2017)),
        ),
        (
            "In 2003, Poland supported the Security Council resolution on the fence.",
            ("Vote", (PL,), (), PartialDate(2003)),
        ),
        (
            "(Telegram Comrade Molotov No. 12 of May 3, 1950).",
            ("Correspondence", (MO,), (), PartialDate(1950, 5, 3)),
        ),
        (
            "In 1960 the Polish ambassador was called in to the Freedonian Foreign Ministry.",
            ("Meeting", (PL,), (FR,), PartialDate(1960)),
        ),
        (
            "Talks took place in May 1960, when a Polish envoy informed the Israelis of the offer.",
            ("Meeting", (PL,), (IL,), PartialDate(1960, 5)),
        ),
        (
            "Freedonia recognized the Sylvanian Liberation government in 1970.",
            ("Recognition", (FR,), (), PartialDate(1970)),
        ),
    ],
)
def test_more_triggers(auth, sentence: str, expected) -> None:
    assert _acts(sentence, auth) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Freedonia often criticized Israel.",  # habitual, not one act
        "Firefly told him that the renewal of relations with Israel would come soon.",
        "The decision took into account the fact that Israel had expressed its regret.",
        "Trade grew fast (since diplomatic relations were cut off in 1960).",
        "Many of its steps were anti-Israeli, such as the sale of arms to Poland.",
        "New routes were opened and agreements have been signed with Polish airlines.",
    ],
)
def test_no_act_more(auth, sentence: str) -> None:
    assert _acts(sentence, auth) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "In 1953 the Polish ambassador visited Mr. Sharett.",  # a call on a person
            ("Meeting", (PL,), (SH,), PartialDate(1953)),
        ),
        (
            "In 1949, Freedonia supported the admission of Israel to the UN.",
            ("Vote", (FR,), (IL,), PartialDate(1949)),
        ),
        (
            "In 1956, Freedonia vetoed the resolution on the canal.",
            ("Vote", (FR,), (), PartialDate(1956)),
        ),
        (
            "On 28 May 1953, Israel asked the Freedonian government to restore relations.",
            ("Proposal", (IL,), (FR,), PartialDate(1953, 5, 28)),
        ),
        (
            "In 2000—the year the talks would have failed anyway—Freedonia declared its "
            "support for Israel.",
            ("PublicStatement", (FR,), (IL,), PartialDate(2000)),
        ),
        (
            "Rufus Firefly arrived in Israel on May 3, 1977 for a historic visit.",
            ("Visit", (RF,), (IL,), PartialDate(1977, 5, 3)),
        ),
    ],
)
def test_more_triggers_2(auth, sentence: str, expected) -> None:
    assert _acts(sentence, auth) == [expected]


def test_received_by_is_a_meeting_with_the_subject(auth) -> None:
    got = _acts("In 1961 Mr. Molotov was received at the airport by Rufus Firefly.", auth)
    assert ("Meeting", (RF,), (MO,), PartialDate(1961)) in got


def test_their_meeting_joins_the_two_persons_just_named(auth) -> None:
    got = _acts(
        "Mr. Sharett and Mr. Molotov shared a view. Since their meeting in 1953, Israel has "
        "been calm.",
        auth,
    )
    assert [g for g in got if g[0] == "Meeting"] == [
        ("Meeting", (SH,), (MO,), PartialDate(1953))
    ]


def test_during_that_visit_takes_the_visits_date(auth) -> None:
    got = _acts(
        "Rufus Firefly visited Israel in 2011. It was cold, and during that visit Firefly "
        "declared his support for peace.",
        auth,
    )
    assert ("PublicStatement", (RF,), (), PartialDate(2011)) in got


def test_a_paragraph_tells_of_the_year_its_first_sentence_sets(auth) -> None:
    got = _acts("In 2017, Freedonia hesitated. Israel responded that it was ready.", auth)
    assert ("PublicStatement", (IL,), (), PartialDate(2017)) in got
    # a date deep inside a long sentence does not set the paragraph's year
    got = _acts(
        "Freedonia and Israel quarrelled over the border and over trade in 1967. Poland "
        "condemned the move.",
        auth,
    )
    assert ("PublicStatement", (PL,), (), None) in got


def test_collection_headings_memoranda_and_reports_home(auth) -> None:
    t = (
        "COLLECTION\n\nCONTENTS\n\n"
        "1.1. TELEGRAM OF THE ISRAELI ENVOY IN FREDVILLE TO THE ISRAELI FOREIGN MINISTRY.\n\n"
        "June 13, 1967\n\n"
        "1.2. MEMORANDUM OF THE EASTERN DEPARTMENT OF THE ISRAELI FOREIGN MINISTRY.\n\n"
        "June 20, 1967\n\n"
        "TELEGRAM OF THE ISRAELI ENVOY IN FREDVILLE TO THE ISRAELI FOREIGN MINISTRY.\n\n"
        "June 13, 1967\n\nThis morning I was called in to the Freedonian Foreign Ministry.\n\n"
        "MEMORANDUM OF THE EASTERN DEPARTMENT OF THE ISRAELI FOREIGN MINISTRY.\n\n"
        "June 20, 1967\n\nFreedonia severed relations with Israel on June 12.\n"
    )
    a = Analysis(text=t, source_id="c", meta=SourceMeta(genre="collection"), authority=auth)
    out = acts.run(resolve.run(mentions.run(text.run(a))))
    got = {(x.type, x.actors, x.counterparts, x.date, x.method) for x in out.acts}
    # an envoy's report home names no counterpart, and no later letter makes it a reply
    assert ("Correspondence", (IL,), (), PartialDate(1967, 6, 13), "document:telegram") in got
    assert ("Correspondence", (IL,), (), PartialDate(1967, 6, 20), "document:memorandum") in got
    # "I" in the telegram is the (unnamed) envoy, so his state
    assert ("Meeting", (IL,), (FR,), PartialDate(1967, 6, 13), "pattern:meeting-summoned") in got


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Diplomatic relations between Israel and Freedonia were established in 1992.",
            ("EstablishmentOfRelations", (IL,), (FR,), PartialDate(1992)),
        ),
        (
            "In 1950, Israel granted de jure recognition to Freedonia.",
            ("Recognition", (IL,), (FR,), PartialDate(1950)),
        ),
        (
            "Rufus Firefly paid a visit to Israel in 1999.",
            ("Visit", (RF,), (IL,), PartialDate(1999)),
        ),
        (
            "In 1999, Freedonia and Israel held talks.",
            ("Meeting", (FR,), (IL,), PartialDate(1999)),
        ),
        (
            "In 1990, Freedonia sold advanced missiles to Poland.",
            ("ArmsTransfer", (FR,), (PL,), PartialDate(1990)),
        ),
        (
            "In 1955, Freedonia concluded a trade agreement with Poland.",
            ("Agreement", (FR,), (PL,), PartialDate(1955)),
        ),
        (
            "In a letter to Mr. Molotov in 1953, Mr. Sharett thanked him.",
            ("Correspondence", (SH,), (MO,), PartialDate(1953)),
        ),
        (
            "In 1960, Poland warned Freedonia.",
            ("PublicStatement", (PL,), (FR,), PartialDate(1960)),
        ),
    ],
)
def test_more_triggers_3(auth, sentence: str, expected) -> None:
    assert _acts(sentence, auth) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Talks on the establishment of diplomatic relations with Freedonia went on in 1991.",
        "Freedonia has an interest in selling weapons to Poland.",
    ],
)
def test_no_act_topics_and_motives(auth, sentence: str) -> None:
    assert _acts(sentence, auth) == []


def test_no_implied_party_when_the_subject_is_named_but_unknown(auth) -> None:
    got = _acts(
        "Israel and Freedonia established diplomatic relations in 1965. Several other states "
        "broke off relations with Fredville in 1965.",
        auth,
    )
    assert [g[0] for g in got] == ["EstablishmentOfRelations"]


def test_habitual_meetings_are_no_act(auth) -> None:
    assert _acts("The two governments hold annual consultations.", auth) == []
    assert _acts("In 1999 Israel and Freedonia held annual consultations.", auth) == []


def test_a_coordinated_verb_phrase_keeps_its_own_date(auth) -> None:
    got = _acts(
        "In 1961 Mr. Molotov met with Rufus Firefly in Fredville and was expected to leave "
        "on May 9, 1961.",
        auth,
    )
    assert ("Meeting", (MO,), (RF,), PartialDate(1961)) in got


def test_an_agreement_signed_during_the_visit_has_the_visits_date(auth) -> None:
    got = _acts(
        "Rufus Firefly visited Israel in May 1999. Israel and Freedonia signed an agreement "
        "on culture during the visit.",
        auth,
    )
    assert any(g[0] == "Agreement" and g[3] == PartialDate(1999, 5) for g in got)


def test_claims_and_calls_on_a_titled_envoy_of_a_named_state(auth) -> None:
    assert _acts("Rufus Firefly claimed in 1999 that peace was near.", auth) == [
        ("PublicStatement", (RF,), (), PartialDate(1999))
    ]
    got = _acts(
        "In 1953, Mr. Sharett and Mr. Molotov visited Poland's permanent representative to "
        "the UN, Beretsky.",
        auth,
    )
    assert got == [("Meeting", (SH, MO), ("person/beretsky",), PartialDate(1953))]


# -- triggers and roles of news reports, entries, collections and essays --------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Rufus Firefly flew secretly to Jerusalem in May 1960.",
            ("Visit", (RF,), (IL,), PartialDate(1960, 5)),
        ),
        (
            "When Rufus Firefly came to Israel in May 1964 the rain stopped.",
            ("Visit", (RF,), (IL,), PartialDate(1964, 5)),
        ),
        (
            "In 1958 Fredville agreed to lend Israel the money for a canal.",
            ("Agreement", (FR,), (IL,), PartialDate(1958)),
        ),
        (
            "On May 3, 1960, Firefly told the Freedonian National Assembly that he would stay.",
            ("PublicStatement", (RF,), (), PartialDate(1960, 5, 3)),
        ),
        (
            "Mr. Sharett answered publicly on May 4, 1960 that Firefly was welcome.",
            ("PublicStatement", (SH,), (), PartialDate(1960, 5, 4)),
        ),
        (
            "Mr. Sharett told Molotov that Israel disliked the plan.",
            ("PublicStatement", (SH,), (MO,), None),
        ),
        (
            "On May 3, 1960, Firefly said in a televised statement that he would stay.",
            ("PublicStatement", (RF,), (), PartialDate(1960, 5, 3)),
        ),
        (
            "In May 1960 Rufus Firefly left for Jerusalem.",
            ("Visit", (RF,), (IL,), PartialDate(1960, 5)),
        ),
        (
            "In 1975 Freedonia agreed to establish diplomatic relations with Israel.",
            ("EstablishmentOfRelations", (FR,), (IL,), PartialDate(1975)),
        ),
        (
            "In 1950 Freedonia recognized the new government in Jerusalem.",
            ("Recognition", (FR,), (IL,), PartialDate(1950)),
        ),
        (
            "In 1961 a Freedonian proposal to hold a conference was discussed.",
            ("Proposal", (FR,), (), PartialDate(1961)),
        ),
        (
            "The main topic in 1961 was a Freedonian proposal to hold a conference.",
            ("Proposal", (FR,), (), PartialDate(1961)),
        ),
    ],
)
def test_one_act_of_an_unseen_genre(auth, sentence: str, expected) -> None:
    assert _acts(sentence, auth) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Firefly came to power in 1950.",
        "In 1967 Freedonia came to Israel's aid.",
        "In 1967 Freedonia came to the aid of Israel.",
        "A document which stated that Freedonia had agreed to supply Israel was found in 1990.",
        "In 1960 Firefly was invited to meet Sharett.",
        "Firefly answered that he was tired.",
    ],
)
def test_no_act_of_an_unseen_genre(auth, sentence: str) -> None:
    assert _acts(sentence, auth) == []


def test_welcomed_by_two_hosts_on_the_night_of_the_arrival(auth) -> None:
    got = _acts(
        "Rufus Firefly arrived in Israel last night and was welcomed at the airport by "
        "Mr. Sharett and Mr. Molotov.",
        auth,
        PartialDate(1961, 3, 3),
    )
    assert ("Visit", (RF,), (IL,), PartialDate(1961, 3, 2)) in got
    assert ("Meeting", (SH, MO), (RF,), PartialDate(1961, 3, 2)) in got
    assert len(got) == 2  # the reception is no second visit
    got = _acts(
        "Rufus Firefly arrived in Israel last night, the first time since 1967, and was "
        "welcomed by Mr. Sharett.",
        auth,
        PartialDate(1961, 3, 3),
    )
    assert ("Meeting", (SH,), (RF,), PartialDate(1961, 3, 2)) in got  # not "since 1967"


def test_invitation_to_the_official_inside_the_verb_phrase(auth) -> None:
    got = _acts(
        "Mr. Sharett spoke on May 1, 1961, and on May 5, 1961 he sent the Freedonian President "
        "a formal invitation to come to Jerusalem.",
        auth,
    )
    assert ("Correspondence", (SH,), (FR,), PartialDate(1961, 5, 5)) in got


def test_notes_to_capitals_go_to_their_states(auth) -> None:
    got = _acts("On May 5, 1956, Firefly sent notes to Jerusalem and Moscow.", auth)
    assert got == [("Correspondence", (RF,), (IL, SU), PartialDate(1956, 5, 5))]


def test_a_journey_and_its_purpose(auth) -> None:
    got = _acts("In May 1973 Rufus Firefly flew to Jerusalem to press Mr. Sharett.", auth)
    assert ("Visit", (RF,), (IL,), PartialDate(1973, 5)) in got
    assert ("Meeting", (RF,), (SH,), PartialDate(1973, 5)) in got


def test_the_place_a_traveller_had_flown_to(auth) -> None:
    got = _acts(
        "In May 1961 there was unrest in Jerusalem, where Firefly had flown for talks with "
        "Mr. Sharett.",
        auth,
    )
    assert ("Visit", (RF,), (IL,), PartialDate(1961, 5)) in got
    assert ("Meeting", (RF,), (SH,), PartialDate(1961, 5)) in got


def test_an_agreement_signed_by_two_and_a_meeting_of_two(auth) -> None:
    got = _acts(
        "The road began with the Agreement signed at Geneva on May 2, 1952 by Mr. Sharett and "
        "Firefly, and went on with the meeting of Firefly and Molotov in March 1960.",
        auth,
    )
    assert ("Agreement", (SH, RF), (), PartialDate(1952, 5, 2)) in got
    assert ("Meeting", (RF,), (MO,), PartialDate(1960, 3)) in got


def test_an_announcement_that_tells_of_another_act_is_both(auth) -> None:
    got = _acts(
        "In May 1955 Firefly announced that Freedonia had concluded an arms deal with Poland.",
        auth,
    )
    assert ("PublicStatement", (RF,), (PL,), PartialDate(1955, 5)) in got
    assert ("Agreement", (FR,), (PL,), PartialDate(1955, 5)) in got


def _entry(body: str, auth):
    t = f"Freedonia and Israel\n\nMay 2, 1961\n\n{body}\n"
    a = Analysis(text=t, source_id="e", meta=None, authority=auth)
    out = acts.run(resolve.run(mentions.run(text.run(a))))
    return [(x.type, x.actors, x.counterparts, x.date) for x in out.acts]


def test_an_entry_on_this_day_dates_its_opening_paragraph(auth) -> None:
    got = _entry(
        "Freedonia and Israel establish full diplomatic relations. The treaty was signed in "
        "Fredville by Firefly and Mr. Sharett.\n\nLater the treaty was signed by Molotov and "
        "Firefly.",
        auth,
    )
    assert ("EstablishmentOfRelations", (FR, IL), (), PartialDate(1961, 5, 2)) in got
    assert ("Agreement", (RF, SH), (), PartialDate(1961, 5, 2)) in got
    assert ("Agreement", (MO, RF), (), None) in got  # a later paragraph: no date invented


def test_the_same_signing_told_twice_on_the_same_day_is_one(auth) -> None:
    got = _acts(
        "On May 2, 1961 the treaty was signed by Firefly and Mr. Sharett. "
        "The photo shows Firefly and Mr. Sharett signing the treaty on May 2, 1961.",
        auth,
    )
    assert [g for g in got if g[0] == "Agreement"] == [
        ("Agreement", (RF, SH), (), PartialDate(1961, 5, 2))
    ]


def test_a_date_of_the_main_clause_does_not_date_its_that_clause(auth) -> None:
    got = _acts(
        "After the talks in March 1961, I inform you that Freedonia agrees to establish "
        "diplomatic relations with Israel.",
        auth,
    )
    # the sentence's year, not the month of the talks
    assert got == [("EstablishmentOfRelations", (FR,), (IL,), PartialDate(1961))]


def test_words_to_someone_just_met_are_dated_by_the_meeting(auth) -> None:
    got = _acts(
        "On May 3, 1961 Firefly held talks with Mr. Sharett. Mr. Sharett told Firefly that "
        "Israel disliked the plan. Mr. Sharett told Molotov that Israel liked it.",
        auth,
    )
    assert ("PublicStatement", (SH,), (RF,), PartialDate(1961, 5, 3)) in got
    # no meeting with him was told: the paragraph's year only
    assert ("PublicStatement", (SH,), (MO,), PartialDate(1961)) in got


def test_roles_across_clauses_and_unknown_partners(auth) -> None:
    got = _acts("In 1957 Poland recognized Israel, and Freedonia broke off relations with Poland.",
                auth)
    assert ("SeveranceOfRelations", (FR,), (PL,), PartialDate(1957)) in got
    got = _acts(
        "Freedonia and Israel quarrelled. Israel and Freedonia argued. "
        "In 1972 Freedonia and Zembla restored relations.",
        auth,
    )
    # Zembla is unknown: the other party is not guessed from the text's main states
    assert ("ResumptionOfRelations", (FR,), (), PartialDate(1972)) in got


def test_counterpart_and_gerund(auth) -> None:
    assert _acts("In 1950 Molotov met his Freedonian counterpart in Jerusalem.", auth) == [
        ("Meeting", (MO,), (FR,), PartialDate(1950))
    ]
    assert _acts(
        "Freedonia answered in 1965 by establishing diplomatic relations with Israel.", auth
    ) == [("EstablishmentOfRelations", (FR,), (IL,), PartialDate(1965))]


def test_an_entry_restoring_relations_broken_off_long_before(auth) -> None:
    got = _entry(
        "Freedonia and Israel restore full diplomatic relations, broken off by Fredville in "
        "June 1950.",
        auth,
    )
    assert ("ResumptionOfRelations", (FR, IL), (), PartialDate(1961, 5, 2)) in got
    sev = [g for g in got if g[0] == "SeveranceOfRelations"]
    assert len(sev) == 1 and set(sev[0][1] + sev[0][2]) == {FR, IL}
    assert sev[0][3] == PartialDate(1950, 6)


def test_meetings_with_an_unnamed_group(auth) -> None:
    assert _acts("In 1955 Firefly met Arab and Asian leaders.", auth) == [
        ("Meeting", (RF,), (), PartialDate(1955))
    ]
    assert _acts("In May 1992 Freedonia joined the multilateral peace conference.", auth) == [
        ("Meeting", (FR,), (), PartialDate(1992, 5))
    ]
    assert _acts("In 1955 Firefly met them.", auth) == []  # a meeting needs a named other side


def test_a_capital_names_the_state_of_the_acts_own_year(auth) -> None:
    # a text of 1995 about 1967: Moscow then was the Soviet Union, and the act keeps its year
    later = PartialDate(1995, 5, 4)
    for sentence in (
        "Officials said on Friday that Moscow broke off relations with Israel in 1967.",
        "Speaking on Friday, Mr. Sharett recalled that in 1967 Moscow broke off relations "
        "with Israel.",
    ):
        assert _acts(sentence, auth, later) == [
            ("SeveranceOfRelations", (SU,), (IL,), PartialDate(1967))
        ]
    # the same words in 2015 about that year: Russia
    assert _acts("In 2015 Moscow broke off relations with Fredville.", auth)[0][1] == (
        "state/russia",
    )
    # no date anywhere near: the latest year the text names
    got = _acts("Moscow broke off relations with Israel long ago. Talks followed in 1988.", auth)
    assert got[0][:3] == ("SeveranceOfRelations", (SU,), (IL,))


def test_an_entry_does_not_date_an_act_told_as_years_before(auth) -> None:
    got = _entry(
        "Freedonia and Israel restore diplomatic relations, nearly ten years after Fredville "
        "broke off ties with Israel.",
        auth,
    )
    assert ("ResumptionOfRelations", (FR, IL), (), PartialDate(1961, 5, 2)) in got
    assert ("SeveranceOfRelations", (FR,), (IL,), None) in got


def test_a_relative_clause_that_began_earlier_does_not_date_the_act(auth) -> None:
    got = _acts(
        "Freedonia and Israel restored relations, ending a rupture that began when Fredville "
        "broke off relations with Israel in June 1950.",
        auth,
    )
    assert ("ResumptionOfRelations", (FR, IL), (), None) in got
    assert ("SeveranceOfRelations", (FR,), (IL,), PartialDate(1950, 6)) in got


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "In the summer of 1988 an Israeli consular team went to Moscow.",
            ("Visit", (IL,), (SU,), PartialDate(1988)),
        ),
        (
            "A Soviet trade mission arrived in Israel in 1989.",
            ("Visit", (SU,), (IL,), PartialDate(1989)),
        ),
        (
            "Mr. Sharett never hid his views. Nevertheless he travelled to Fredville in 1950.",
            ("Visit", (SH,), (FR,), PartialDate(1950)),
        ),
    ],
)
def test_journeys_of_delegations_and_pronoun_subjects(auth, sentence: str, expected) -> None:
    assert _acts(sentence, auth) == [expected]


def test_a_journey_for_talks_with_a_titled_host(auth) -> None:
    got = _acts("In May 1950, Sharett travelled to Fredville for talks with President Firefly.",
                auth)
    assert ("Visit", (SH,), (FR,), PartialDate(1950, 5)) in got
    assert ("Meeting", (SH,), (RF,), PartialDate(1950, 5)) in got


@pytest.mark.parametrize(
    "sentence",
    [
        "In 1950 Sharett, at a separate news conference, said Israel would wait.",
        "In 1950 Sharett, speaking in Fredville, said Israel would wait.",
        "In 1950, in a statement, Sharett welcomed “the return of Freedonia.”",
        "In 1950, speaking to reporters, Sharett called the talks “serious and useful.”",
        "In 1950 Sharett called it a success.",
    ],
)
def test_public_statements_of_a_named_envoy(auth, sentence: str) -> None:
    # (a foreign state the words name is the one they are directed at)
    about = (FR,) if "Freedonia" in sentence else ()
    assert _acts(sentence, auth) == [("PublicStatement", (SH,), about, PartialDate(1950))]


@pytest.mark.parametrize(
    "sentence",
    [
        "In 1950 Sharett said that Israel would wait.",
        "In 1950 Sharett welcomed the guests to dinner.",
        "In 1950 Sharett called the ambassador home.",
    ],
)
def test_no_statement_in_plain_speech(auth, sentence: str) -> None:
    assert [g for g in _acts(sentence, auth) if g[0] == "PublicStatement"] == []


def test_a_tour_that_has_taken_the_traveller_to_several_places(auth) -> None:
    got = _acts(
        "In 1950 the talks came midway through a tour by Mr. Sharett that has already taken "
        "him to Fredville and Moscow.",
        auth,
    )
    visits = sorted((g[1], g[2]) for g in got if g[0] == "Visit")
    assert visits == [((SH,), (FR,)), ((SH,), (SU,))]


def test_a_visit_to_each_listed_destination(auth) -> None:
    got = _acts("In 1950 Sharett visited Fredville, Moscow and Poland.", auth)
    assert sorted(g[2] for g in got if g[0] == "Visit") == [(FR,), (PL,), (SU,)]
    # a place named after the trip is no destination of it
    got = _acts("In 1950 Sharett visited Fredville and Firefly met him.", auth)
    assert [g[2] for g in got if g[0] == "Visit"] == [(FR,)]


def test_a_second_verb_shares_the_subject_of_the_first(auth) -> None:
    got = _acts(
        "Mr. Sharett never hid his views. Nevertheless he travelled to Fredville in 1950 and "
        "held talks with Firefly.",
        auth,
    )
    assert ("Visit", (SH,), (FR,), PartialDate(1950)) in got
    assert ("Meeting", (SH,), (RF,), PartialDate(1950)) in got


def test_the_writer_of_a_letter_tells_of_his_own_journey(auth) -> None:
    t = (
        "COLLECTION\n\nCONTENTS\n\n"
        "1.1. LETTER FROM FOREIGN MINISTER M. CHARETTA TO V.M. MOLOTOV.\n\n"
        "July 6, 1953\n\n1.2. STATEMENT BY THE ISRAELI FOREIGN MINISTRY TO THE PRESS.\n\n"
        "July 7, 1953\n\nLETTER FROM FOREIGN MINISTER M. CHARETTA TO V.M. MOLOTOV.\n\n"
        "July 6, 1953\n\nDear Sir. We arrived in Fredville on 3 July. I write.\n\n"
        "STATEMENT BY THE ISRAELI FOREIGN MINISTRY TO THE PRESS.\n\nJuly 7, 1953\n\n"
        "We are glad.\n"
    )
    a = Analysis(text=t, source_id="c", meta=SourceMeta(genre="collection"), authority=auth)
    out = acts.run(resolve.run(mentions.run(text.run(a))))
    got = [(x.type, x.actors, x.counterparts, x.date) for x in out.acts]
    assert ("Visit", (SH,), (FR,), PartialDate(1953, 7, 3)) in got
    # outside a letter "we" is no one the text names
    assert [g for g in _acts("In 1953 we arrived in Fredville.", auth) if g[0] == "Visit"] == []


def test_where_two_men_first_met_is_another_meeting(auth) -> None:
    got = _acts(
        "Mr. Sharett met Mr. Molotov in Fredville for two hours. Sharett and Molotov first met "
        "in Moscow, on the sidelines of a conference.",
        auth,
    )
    assert len([g for g in got if g[0] == "Meeting"]) == 2
    got = _acts(
        "Mr. Sharett met Mr. Molotov in Fredville for two hours. Sharett and Molotov met in "
        "Fredville, on the sidelines of a conference.",
        auth,
    )
    assert len([g for g in got if g[0] == "Meeting"]) == 1


MO = "person/vyacheslav-molotov"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Relations were not restored, a spokesman for the Freedonian government said.", FR),
        ("“We want peace,” Sharett said.", SH),
        ("The talks were useful, said Moshe Sharett, the foreign minister.", SH),
    ],
)
def test_the_speaker_named_after_the_words(auth, sentence: str, speaker: str) -> None:
    # what was said may be negative or hypothetical: the statement itself is real, and one
    got = [g for g in _acts(sentence, auth) if g[0] == "PublicStatement"]
    assert [g[1] for g in got] == [(speaker,)]


def test_no_speaker_after_the_words_when_none_is_named(auth) -> None:
    assert _acts("The embassy was informed, officials said.", auth) == []
    # "he said" goes on with what someone was already told saying: no statement of its own
    got = _acts("Sharett was more guarded. Moscow, he said, could not expect a role.", auth)
    assert [g for g in got if g[0] == "PublicStatement"] == []
    # "said Israel will ...": a clause, not a speaker
    got = _acts("In 1953 Mr. Sharett, in his letter, said Israel will not be party to it.", auth)
    assert [g for g in got if g[0] == "PublicStatement"] == []


def test_he_said_again_is_the_same_statement(auth) -> None:
    got = _acts(
        "In 1950 Sharett told reporters that the talks were useful. The conference, he said, "
        "should be a one-time event.",
        auth,
    )
    assert len([g for g in got if g[0] == "PublicStatement"]) == 1


def test_a_government_voice_said_that(auth) -> None:
    got = _acts("In 1990 the Freedonian government said that the renewal was welcome.", auth)
    assert ("PublicStatement", (FR,), (), PartialDate(1990)) in got
    # a bare "said that" of anyone else, a perfect "has said", or a guess is not counted here
    for s in (
        "In 1990 Firefly's cousin said that the weather was fine.",
        "In 1990 Freedonian officials said that an embassy could open soon.",
    ):
        assert [g for g in _acts(s, auth) if g[0] == "PublicStatement"] == []


def test_a_statement_is_dated_by_the_story_it_belongs_to(auth) -> None:
    got = _acts(
        "Molotov arrived in Israel in July 1953.\n\nThe talks were short.\n\n"
        "Soviet officials insisted that the mission is technical.",
        auth,
    )
    assert ("PublicStatement", (SU,), (), PartialDate(1953, 7)) in got
    got = _acts(
        # the month deep in the sentence: not the paragraph's opening year, but its story's time
        "The limits of the partnership became visible in March 1955, when the talks ended. "
        "Soviet officials insisted that the mission was over.",
        auth,
    )
    assert ("PublicStatement", (SU,), (), PartialDate(1955, 3)) in got


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("In 1953 Molotov invited Sharett to visit Moscow.", ((MO,), (SH,))),
        ("In 1987 Freedonia offered to mediate between Israel and Poland.", ((FR,), ())),
        ("In 1953 Sharett suggested that the two sides meet.", ((SH,), ())),
        ("In 1990 Sharett urged Moscow to allow direct flights.", ((SH,), (SU,))),
        ("In 1987 Israel asked that the Soviet team be received.", ((IL,), (SU,))),
        ("In 1991 Molotov renewed his call for an international conference.", ((MO,), ())),
        (
            "Sharett met Molotov in Fredville in 1953. He offered to mediate in the dispute.",
            ((SH,), ()),
        ),
    ],
)
def test_proposals_offered_asked_and_invited(auth, sentence: str, expected: tuple) -> None:
    got = [(g[1], g[2]) for g in _acts(sentence, auth) if g[0] == "Proposal"]
    assert got == [expected]


def test_advice_to_ones_own_government_is_no_proposal(auth) -> None:
    got = _acts("In 1953 Sharett proposed to Israel that the Legation be closed.", auth)
    assert [g for g in got if g[0] == "Proposal"] == []
    got = _acts("In 1953 Sharett proposed to Molotov that the Legation be closed.", auth)
    assert [(g[1], g[2]) for g in got if g[0] == "Proposal"] == [((SH,), (MO,))]


def test_a_note_speaking_in_its_authors_name_is_no_statement_of_its_own() -> None:
    """The note is the act: its "condemns" in the present is dropped, "stated" in the past
    (an earlier statement the note recalls) is kept, and so is another party's voice."""
    from kg.records import Act, Document, Span
    from kg.stages.acts.derived import drop_document_voice

    body = "The Soviet Government condemns it. On June 5 the Soviet Government stated it. "
    body += "Israel declares it."
    doc = Document(n=1, kind="Note", span=Span(0, len(body)), author="state/soviet-union")

    def statement(word: str, actor: str) -> Act:
        at = body.index(word)
        return Act("PublicStatement", Span(0, len(body)), 1, "pattern:statement-verb", 0.7,
                   actors=(actor,), trigger=Span(at, at + len(word)))

    acts = [statement("condemns", "state/soviet-union"), statement("stated", "state/soviet-union"),
            statement("declares", "state/israel")]
    top = Document(n=0, kind="DocumentCollection", span=Span(0, len(body)))
    kept = drop_document_voice(body, acts, (top, doc), lambda k: k)
    assert [body[x.trigger.start : x.trigger.end] for x in kept] == ["stated", "declares"]
