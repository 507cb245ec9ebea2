"""The text stage: boilerplate, genre, title, dates, sentences, collections."""

from __future__ import annotations

from kg.records import Analysis, PartialDate, SourceMeta
from kg.stages.text import _doc_kind, _parties, news_date_line, run, smart_title, split_sentences

NEWS = (
    "Freedonia Recognizes Sylvania\nMenu JTA Search\n\nFreedonia Recognizes Sylvania\n\n"
    "Download PDF for this date\n\nMr. Firefly met the U.N. envoy V.M. Trentino today. "
    "He left.\n\nFounding Funders\n\nThe Gottesman Fund\n"
)


def test_news_boilerplate_title_and_sentences() -> None:
    a = run(Analysis(text=NEWS, source_id="t"))
    assert a.genre == "news"
    assert a.title == "Freedonia Recognizes Sylvania"
    texts = [s.span.of(NEWS) for s in a.sentences]
    assert texts == ["Mr. Firefly met the U.N. envoy V.M. Trentino today.", "He left."]
    assert all("Funders" not in t and "Menu" not in t for t in texts)
    assert a.sentences[0].lead and not a.sentences[1].lead


def test_date_line_under_title_and_photo_caption() -> None:
    text = (
        "Freedonia and Sylvania Resume Relations\n\nOctober 18, 1991\n\nThey resume "
        "relations. It was long.\n\nThe photo above shows Firefly in Fredville.\n"
    )
    a = run(Analysis(text=text, source_id="t"))
    assert a.date == PartialDate(1991, 10, 18)
    assert a.genre == "encyclopedia"
    assert not any("photo" in s.span.of(text) for s in a.sentences)


def test_manifest_wins() -> None:
    meta = SourceMeta(title="Given", genre="essay", date=PartialDate(2018))
    a = run(
        Analysis(text="Some Institute for Studies\n\nA sentence here.\n", source_id="t", meta=meta)
    )
    assert (a.title, a.genre, a.date) == ("Given", "essay", PartialDate(2018))
    assert [s.span.of(a.text) for s in a.sentences] == ["A sentence here."]


def test_sentence_splitter_keeps_abbreviations_and_points() -> None:
    text = "1. It is hoped. Mr. Bodrov met M.Charette and Dr. X in the U.S. in May. Done."
    spans = [s.of(text) for s in split_sentences(text, 0, len(text))]
    assert spans == [
        "1. It is hoped.",
        "Mr. Bodrov met M.Charette and Dr. X in the U.S. in May.",
        "Done.",
    ]


COLLECTION = """**A COLLECTION**

CONTENTS

1.1. LETTER FROM FREEDONIAN MINISTER R. FIREFLY TO THE AMBASSADOR OF SYLVANIA T. TRENTINO.

May 1, 1933

1.2. TELEGRAM OF THE ENVOY B. CHICOLINI TO THE MINISTRY.

May 2, 1933

1.3. STATEMENT BY THE FREEDONIAN FOREIGN MINISTRY TO THE PRESS.

May 3, 1933

LETTER FROM FREEDONIAN MINISTER R. FIREFLY TO THE AMBASSADOR OF SYLVANIA T. TRENTINO.

May 1, 1933

Dear Sir, I write.

TELEGRAM OF THE ENVOY B. CHICOLINl TO THE MINISTRY.

May 2, 1933

All is well.

STATEMENT BY THE FREEDONIAN FOREIGN MINISTRY TO THE PRESS.

May 3, 1933

We are pleased.
"""


def test_collection_inner_documents_from_the_table_of_contents() -> None:
    a = run(Analysis(text=COLLECTION, source_id="c"))
    assert a.genre == "collection"
    top, *inner = a.documents
    assert top.kind == "DocumentCollection"
    assert [(d.n, d.kind, d.date) for d in inner] == [
        (1, "Letter", PartialDate(1933, 5, 1)),
        (2, "Telegram", PartialDate(1933, 5, 2)),
        (3, "PressStatement", PartialDate(1933, 5, 3)),
    ]
    letter, telegram, statement = inner
    assert letter.author_span.of(COLLECTION) == "FREEDONIAN MINISTER R. FIREFLY"
    assert letter.recipient_span.of(COLLECTION) == "THE AMBASSADOR OF SYLVANIA T. TRENTINO"
    assert telegram.author_span.of(COLLECTION) == "THE ENVOY B. CHICOLINl"  # the body's spelling
    assert statement.author_span.of(COLLECTION) == "THE FREEDONIAN FOREIGN MINISTRY"
    assert letter.body.of(COLLECTION) == "Dear Sir, I write."
    assert letter.title.startswith("Letter from Freedonian Minister R. Firefly")
    # the table of contents and headings are not sentences; the bodies are, in their document
    assert [(s.doc, s.span.of(COLLECTION)) for s in a.sentences][:2] == [
        (1, "Dear Sir, I write."),
        (2, "All is well."),
    ]


def test_smart_title_keeps_initials_and_acronyms() -> None:
    assert smart_title("LETTER FROM A. LEVAWI TO THE USSR.") == "Letter from A. Levawi to the USSR"


# -- generalisation to unseen texts: datelines, heading topics ------------------------------


def test_news_dateline_dates_the_report_and_leaves_the_first_sentence() -> None:
    text = (
        "Quill Arrives\nMenu JTA Search\n\nQuill Arrives\n\n"
        "FREDVILLE, Mar. 3, 1961 (FNS) — Otto Quill arrived in Sylvania last night. He smiled.\n"
    )
    a = run(Analysis(text=text, source_id="t"))
    assert a.date == PartialDate(1961, 3, 3)
    assert a.dateline is not None and a.dateline.of(text) == "FREDVILLE"
    assert a.sentences[0].span.of(text) == "Otto Quill arrived in Sylvania last night."


def test_a_line_without_a_dateline_is_kept_whole() -> None:
    text = "Quill Arrives\n\nQuill, the envoy, arrived in Sylvania. He smiled.\n"
    a = run(Analysis(text=text, source_id="t", meta=SourceMeta(genre="news")))
    assert a.dateline is None
    assert a.sentences[0].span.of(text) == "Quill, the envoy, arrived in Sylvania."


def test_statement_heading_topic_is_no_party() -> None:
    text = (
        "PAPERS\n\nCONTENTS\n\n1.1. STATEMENT OF PRESIDENT O. QUILL ON THE RELATIONS WITH "
        "SYLVANIA.\n\nMay 2, 1961\n\n1.2. NOTE FROM SYLVANIA TO FREEDONIA.\n\nMay 3, 1961\n\n"
        "STATEMENT OF PRESIDENT O. QUILL ON THE RELATIONS WITH SYLVANIA.\n\nMay 2, 1961\n\n"
        "We speak.\n\nNOTE FROM SYLVANIA TO FREEDONIA.\n\nMay 3, 1961\n\nWe answer.\n"
    )
    a = run(Analysis(text=text, source_id="c", meta=SourceMeta(genre="collection")))
    statement = a.documents[1]
    assert statement.kind == "PressStatement"
    assert statement.author_span.of(text) == "PRESIDENT O. QUILL"


# -- collections whose body headings repeat the numbers; kinds; offices and names ----------

NUMBERED = """PAPERS OF FREEDONIA
A Collection of Documents

CONTENTS

7.1. STATEMENT OF THE FREEDONIAN GOVERNMENT ON THE INVASION OF SYLVANIA.
October 31, 1956

7.2. MESSAGE FROM THE CHAIRMAN OF FREEDONIA R.T. FIREFLY TO THE PREMIER OF SYLVANIA T. TRENTINO.
November 5, 1956

7.3. TELEGRAM FROM THE MINISTER OF SYLVANIA IN FREEDONIA B. CHICOLINI TO THE SYLVANIAN MINISTRY.
November 13, 1956


7.1. STATEMENT OF THE FREEDONIAN GOVERNMENT ON THE INVASION OF SYLVANIA.

October 31, 1956

We condemn it.

7.2. MESSAGE FROM THE CHAIRMAN OF FREEDONIA R.T. FIREFLY TO THE PREMIER OF SYLVANIA T. TRENTINO.

November 5, 1956

Mr. Prime Minister, we protest.

7.3. TELEGRAM FROM THE MINISTER OF SYLVANIA IN FREEDONIA B. CHICOLINI TO THE SYLVANIAN MINISTRY.

Fredville, November 13, 1956

Today I was received.
"""


def test_body_headings_that_repeat_the_numbers_are_found() -> None:
    a = run(Analysis(text=NUMBERED, source_id="c"))
    assert a.genre == "collection"
    assert not any("no heading" in w or "unknown document kind" in w for w in a.warnings)
    _top, *inner = a.documents
    assert [(d.number, d.kind, d.date) for d in inner] == [
        ("7.1", "PressStatement", PartialDate(1956, 10, 31)),
        ("7.2", "Letter", PartialDate(1956, 11, 5)),  # a message is a letter
        ("7.3", "Telegram", PartialDate(1956, 11, 13)),  # a date line with its place
    ]
    statement, message, telegram = inner
    # the heading is the body's, without its number, and never the contents line
    assert statement.heading.of(NUMBERED).startswith("STATEMENT OF THE FREEDONIAN")
    assert statement.heading.start > NUMBERED.index("We condemn") - 200
    assert statement.author_span.of(NUMBERED) == "THE FREEDONIAN GOVERNMENT"
    assert statement.recipient_span is None
    assert message.author_span.of(NUMBERED) == (
        "THE CHAIRMAN OF FREEDONIA R.T. FIREFLY"
    )
    assert message.recipient_span.of(NUMBERED) == "THE PREMIER OF SYLVANIA T. TRENTINO"
    assert telegram.author_span.of(NUMBERED) == "THE MINISTER OF SYLVANIA IN FREEDONIA B. CHICOLINI"
    assert telegram.recipient_span.of(NUMBERED) == "THE SYLVANIAN MINISTRY"
    assert [(s.doc, s.span.of(NUMBERED)) for s in a.sentences] == [
        (1, "We condemn it."),
        (2, "Mr. Prime Minister, we protest."),
        (3, "Today I was received."),
    ]


def test_contents_with_dates_on_the_entry_line_and_page_numbers() -> None:
    text = (
        "PAPERS\n\nTABLE OF CONTENTS\n\n"
        "1. NOTE VERBALE OF THE EMBASSY OF SYLVANIA TO THE FOREIGN MINISTRY, 3 May 1961 .... 4\n"
        "2. AIDE-MÉMOIRE OF THE GOVERNMENT OF FREEDONIA (May 9, 1961) .... 7\n\n"
        "NOTE VERBALE OF THE EMBASSY OF SYLVANIA TO THE FOREIGN MINISTRY\n\nThe Embassy asks.\n\n"
        "AIDE-MÉMOIRE OF THE GOVERNMENT OF FREEDONIA\n\nThe Government holds.\n"
    )
    a = run(Analysis(text=text, source_id="c"))
    _top, note, aide = a.documents
    assert (note.kind, note.number, note.date) == ("Note", "1", PartialDate(1961, 5, 3))
    assert (aide.kind, aide.date) == ("Note", PartialDate(1961, 5, 9))
    assert note.author_span.of(text) == "THE EMBASSY OF SYLVANIA"
    assert note.recipient_span.of(text) == "THE FOREIGN MINISTRY"
    assert note.title == "Note Verbale of the Embassy of Sylvania to the Foreign Ministry"


def _heading(h: str) -> tuple[str | None, str | None, str | None]:
    a, r = _parties(h, (0, len(h)))
    return _doc_kind(h), a and a.of(h), r and r.of(h)


def test_document_kinds_map_to_the_ontology_classes() -> None:
    assert _doc_kind("CIPHERED TELEGRAM OF THE ENVOY") == "Telegram"
    assert _doc_kind("CABLE FROM THE EMBASSY") == "Telegram"
    assert _doc_kind("PERSONAL MESSAGE OF THE PRESIDENT") == "Letter"
    assert _doc_kind("NOTE VERBALE OF THE EMBASSY") == "Note"
    assert _doc_kind("AIDE MEMOIRE OF THE GOVERNMENT") == "Note"
    assert _doc_kind("COMMUNIQUÉ OF TASS") == "PressStatement"
    assert _doc_kind("DECLARATION OF THE GOVERNMENT") == "PressStatement"
    assert _doc_kind("SPEECH BY THE MINISTER AT THE ASSEMBLY") == "PressStatement"
    assert _doc_kind("RECORD OF A CONVERSATION OF R. FIREFLY WITH T. TRENTINO") == "Memorandum"
    assert _doc_kind("NOTES OF THE TALK BETWEEN THE MINISTERS") == "Memorandum"
    assert _doc_kind("MINUTES OF THE MEETING OF THE CABINET") == "Memorandum"
    assert _doc_kind("REPLY OF FREEDONIA TO THE NOTE OF SYLVANIA") == "Note"
    assert _doc_kind("ANSWER OF R. FIREFLY TO THE LETTER OF T. TRENTINO") == "Letter"
    assert _doc_kind("ANSWERS OF R. FIREFLY TO QUESTIONS OF A CORRESPONDENT") == "PressStatement"
    assert _doc_kind("7.4. REPLY OF FREEDONIA") == "Letter"
    # not a document heading
    assert _doc_kind("THE SITUATION IN THE MIDDLE EAST") is None
    assert _doc_kind("NOTED AUTHORS") is None


def test_heading_parties_offices_names_and_topics() -> None:
    assert _heading("MESSAGE FROM N.A. FIREFLY TO D. TRENTINO-SMITH.") == (
        "Letter",
        "N.A. FIREFLY",
        "D. TRENTINO-SMITH",
    )
    # "TO" inside an office is no recipient; the "TO" after the initialled name is
    assert _heading("TELEGRAM FROM THE AMBASSADOR TO FREEDONIA S. QUILL TO MINISTER R. FIREFLY")[
        1:
    ] == ("THE AMBASSADOR TO FREEDONIA S. QUILL", "MINISTER R. FIREFLY")
    assert _heading("CABLE OF THE MINISTER TO FREEDONIA")[1:] == ("THE MINISTER TO FREEDONIA", None)
    # topics name no party
    assert _heading("NOTE OF FREEDONIA IN REPLY TO THE NOTE OF SYLVANIA.")[1:] == (
        "FREEDONIA",
        None,
    )
    assert _heading("NOTE FROM FREEDONIA TO SYLVANIA CONCERNING THE BORDER.")[1:] == (
        "FREEDONIA",
        "SYLVANIA",
    )
    assert _heading("REPORT OF TASS ON THE AGREEMENT TO HOLD A MEETING.")[1:] == ("TASS", None)
    # the parties to a recorded conversation wrote nothing to each other
    assert _heading("RECORD OF A CONVERSATION BETWEEN R. FIREFLY AND T. TRENTINO.")[1:] == (
        None,
        None,
    )
    assert _heading("THE SITUATION IN SYLVANIA TO 1961")[1:] == (None, None)


def test_a_repeated_number_ends_the_contents_and_numbered_points_do_not() -> None:
    text = (
        "PAPERS\n\nCONTENTS\n\n1.1. LETTER FROM R. FIREFLY TO T. TRENTINO.\nMay 1, 1961\n\n"
        "1.2. LETTER FROM T. TRENTINO TO R. FIREFLY.\nMay 4, 1961\n\n"
        "1.1. LETTER FROM R. FIREFLY TO T. TRENTINO.\n\nMay 1, 1961\n\n"
        "1. We propose talks.\n\n2. We await your reply.\n\n"
        "1.2. LETTER FROM T. TRENTINO TO R. FIREFLY.\n\nMay 4, 1961\n\nWe agree.\n"
    )
    a = run(Analysis(text=text, source_id="c"))
    assert [d.number for d in a.documents[1:]] == ["1.1", "1.2"]
    assert [s.doc for s in a.sentences] == [1, 1, 2]


# -- the publication date of an online news report -------------------------------------------


def test_news_date_lines_in_the_usual_formats() -> None:
    cases = {
        "Published: 28 April 2005 | Updated: 29 April 2005 08:14": PartialDate(2005, 4, 28),
        "Last updated: 29 April 2005 | First published 28 April 2005": PartialDate(2005, 4, 28),
        "Thursday, 28 April 2005, 14:32 GMT": PartialDate(2005, 4, 28),
        "April 28, 2005 | 4:12 PM": PartialDate(2005, 4, 28),
        "Apr 28, 2005, 4:12 p.m. ET": PartialDate(2005, 4, 28),
        "Posted on Thursday, April 28th, 2005 at 9:00 am": PartialDate(2005, 4, 28),
        "Updated 28.04.2005": PartialDate(2005, 4, 28),
        "2005-04-28T14:32:00Z": PartialDate(2005, 4, 28),
        "28/04/2005": PartialDate(2005, 4, 28),
        "By Jane Doe | April 28, 2005 | 4:12 PM": PartialDate(2005, 4, 28),
        "Updated: 29 April 2005 08:14": PartialDate(2005, 4, 29),  # nothing else to go by
    }
    for line, want in cases.items():
        assert news_date_line(line) == want, line


def test_no_date_is_invented_from_other_lines() -> None:
    for line in (
        "04/05/2005",  # day and month could be either way round
        "On 28 April 2005 Mr Quill arrived in Fredville.",
        "By March 3, 1990, the two states had agreed.",
        "April 2005",
        "Published: yesterday",
        "By Staff Reporter, Fredville",
    ):
        assert news_date_line(line) is None, line


def test_modern_news_page_menu_byline_date_and_photo() -> None:
    text = (
        "Home | World | Middle East | Europe | Business | Video\n\n"
        "Quill in Sylvania: first Freedonian leader to visit the country seeks to calm fears\n\n"
        "By Staff Reporter, Fredville\n"
        "Published: 28 April 2005 | Updated: 29 April 2005 08:14\n\n"
        "[Photo: Otto Quill is greeted by President Firefly. Photo credit: GPO]\n\n"
        "Otto Quill on Thursday became the first Freedonian leader to visit Sylvania.\n\n"
        "Related: Freedonia sells arms | Analysis: What does Fredville want?\n"
    )
    a = run(Analysis(text=text, source_id="n"))
    assert a.genre == "news"
    assert a.title.startswith("Quill in Sylvania")
    assert a.date == PartialDate(2005, 4, 28)
    assert [s.span.of(text) for s in a.sentences] == [
        "Otto Quill on Thursday became the first Freedonian leader to visit Sylvania."
    ]


def test_a_page_without_a_date_line_gets_no_date() -> None:
    text = (
        "Quill in Sylvania\n\nBy Staff Reporter, Fredville\n\n"
        "Otto Quill arrived on 28 April 2005 in Fredville. He smiled.\n"
    )
    a = run(Analysis(text=text, source_id="n", meta=SourceMeta(genre="news")))
    assert a.date is None
    assert a.sentences[0].span.of(text) == "Otto Quill arrived on 28 April 2005 in Fredville."


def test_contents_without_numbers_list_kinds_of_documents() -> None:
    text = (
        "PAPERS\n\nContents\n\n"
        "Letter from R. Firefly to T. Trentino, 5 May 1961\n"
        "Reply of T. Trentino to R. Firefly, 9 May 1961\n\n"
        "LETTER FROM R. FIREFLY TO T. TRENTINO\n\nWe write.\n\n"
        "REPLY OF T. TRENTINO TO R. FIREFLY\n\n(May 9, 1961)\n\nWe answer.\n"
    )
    a = run(Analysis(text=text, source_id="c"))
    assert [(d.number, d.kind, d.date) for d in a.documents[1:]] == [
        ("1", "Letter", PartialDate(1961, 5, 5)),  # the contents' date
        ("2", "Letter", PartialDate(1961, 5, 9)),
    ]
    assert a.documents[2].author_span.of(text) == "T. TRENTINO"
    assert [(s.doc, s.span.of(text)) for s in a.sentences] == [(1, "We write."), (2, "We answer.")]


def test_a_body_heading_found_by_its_number_when_the_titles_differ() -> None:
    text = (
        "PAPERS\n\nCONTENTS\n\nNo. 1. Firefly to Trentino\nMay 5, 1961\n\n"
        "No. 2. Trentino to Firefly\nMay 9, 1961\n\n"
        "No. 1. CIPHERED TELEGRAM FROM R. FIREFLY TO T. TRENTINO.\n\nFredville\n\n"
        "May 5, 1961\n\nWe write.\n\n"
        "No. 2. 1. We answer, and this numbered point is no heading.\n\n"
        "No. 2. LETTER FROM T. TRENTINO TO R. FIREFLY.\n\nWe answer.\n"
    )
    a = run(Analysis(text=text, source_id="c"))
    telegram, letter = a.documents[1:]
    assert (telegram.kind, telegram.date) == ("Telegram", PartialDate(1961, 5, 5))
    assert telegram.heading.of(text) == "CIPHERED TELEGRAM FROM R. FIREFLY TO T. TRENTINO."
    assert telegram.date_span.of(text) == "May 5, 1961"  # past the place line
    assert letter.heading.of(text) == "LETTER FROM T. TRENTINO TO R. FIREFLY."
    assert letter.date == PartialDate(1961, 5, 9)


def test_a_long_first_line_without_a_full_stop_is_an_essays_title() -> None:
    title = "The Freedonian Question: How Fredville and Sylvania Fought the Cold War in the East"
    text = f"{title}\n\nPolicy Paper\n\nIt is customary to speak of a bond. It is true.\n\nEnd\n"
    a = run(Analysis(text=text, source_id="e", meta=SourceMeta(genre="essay")))
    assert a.title == title
    assert a.sentences[0].span.of(text) == "It is customary to speak of a bond."
    # a first line that ends as a sentence is no title
    text = "It is customary, in the East and the West, to speak of a bond.\n\nMore.\n\nEnd.\n"
    a = run(Analysis(text=text, source_id="e", meta=SourceMeta(genre="essay")))
    assert a.title.startswith("[untitled essay]")


def test_headings_wrapped_onto_a_second_line() -> None:
    text = (
        "PAPERS\n\nCONTENTS\n\n"
        "1.1. MESSAGE FROM THE CHAIRMAN OF FREEDONIA R.T. FIREFLY TO THE PRIME\n"
        "MINISTER OF SYLVANIA T. TRENTINO.\n"
        "May 5, 1961\n\n"
        "1.2. EXCERPT FROM THE LETTER OF T. TRENTINO TO R.T. FIREFLY.\nMay 9, 1961\n\n"
        "MESSAGE FROM THE CHAIRMAN OF FREEDONIA R.T. FIREFLY TO THE PRIME\n"
        "MINISTER OF SYLVANIA T. TRENTINO.\n\nMay 5, 1961\n\nWe write.\n\n"
        "EXCERPT FROM THE LETTER OF T. TRENTINO TO R.T. FIREFLY.\n\nMay 9, 1961\n\nWe answer.\n"
    )
    a = run(Analysis(text=text, source_id="c"))
    message, excerpt = a.documents[1:]
    assert message.heading.of(text).endswith("TO THE PRIME\nMINISTER OF SYLVANIA T. TRENTINO.")
    assert message.recipient_span.of(text) == "THE PRIME\nMINISTER OF SYLVANIA T. TRENTINO"
    assert message.date == PartialDate(1961, 5, 5)
    assert (excerpt.kind, excerpt.author_span.of(text)) == ("Letter", "T. TRENTINO")
    assert [(s.doc, s.span.of(text)) for s in a.sentences] == [(1, "We write."), (2, "We answer.")]


def test_section_label_standfirst_and_a_desk_byline_above_the_date() -> None:
    text = (
        "Home | Freedonia & the Region | Diplomacy | Opinion | Podcasts\n\n"
        "DIPLOMACY\n\n"
        "In Fredville talks, Quill and Firefly move to bury tensions\n\n"
        "Leaders agree to form joint team; first meeting since the crash\n\n"
        "By our diplomatic correspondent and agencies\n"
        "27 February 2019, 9:41 pm\n\n"
        "Otto Quill sat down with Hugo Firefly on Wednesday.\n"
    )
    a = run(Analysis(text=text, source_id="n"))
    assert a.title.startswith("In Fredville talks")
    assert a.date == PartialDate(2019, 2, 27)
    # the label, the standfirst (a heading) and the byline are no sentences
    assert [s.span.of(text) for s in a.sentences] == [
        "Otto Quill sat down with Hugo Firefly on Wednesday."
    ]


def test_a_share_bar_above_the_story_is_one_line_not_the_end_of_the_page() -> None:
    text = (
        "Freedonia agrees to normalize ties\n\n"
        "Published October 24, 2020, 6:41 a.m. ET\n\n"
        "Share this article  |  Facebook  |  Twitter  |  Email\n\n"
        "Freedonia and Sylvania have agreed to take steps to normalize relations, the President "
        "announced on Friday, making the nation the latest to join a wave of diplomacy in the "
        "region after years of hostility between the two neighbours.\n\n"
        "Share this article\n\nMore from World\n"
    )
    a = run(Analysis(text=text, source_id="n", meta=SourceMeta(genre="news")))
    said = " ".join(s.span.of(text) for s in a.sentences)
    assert said.startswith("Freedonia and Sylvania have agreed")
    assert "Share" not in said and "More from World" not in said


def test_an_archive_page_dateline_without_a_year_takes_the_pages_year() -> None:
    text = (
        "TimesMachine | Archive\n\n"
        "FREEDONIA BREAKS TIES WITH SYLVANIA, CITING BOMB AT ITS LEGATION\n\n"
        "See the article in its original context from February 13, 1953, Page 1\n\n"
        "By HUGO E. FIREFLY\nSpecial to THE FREDVILLE TIMES.\n\n"
        "FREDVILLE, Feb. 12 -- Freedonia broke off diplomatic relations with Sylvania tonight, "
        "three days after a bomb wrecked part of its legation.\n"
    )
    a = run(Analysis(text=text, source_id="n"))
    assert a.genre == "news"
    assert a.title.startswith("FREEDONIA BREAKS TIES")
    assert a.date == PartialDate(1953, 2, 12)
    assert a.dateline is not None and a.dateline.of(text) == "FREDVILLE"
    assert a.sentences[0].span.of(text).startswith("Freedonia broke off")


def test_a_web_page_with_menus_of_three_or_spaced_items_and_a_short_date() -> None:
    text = (
        "Skip to main content\nSubscribe | Sign in | Search\n"
        "World  UK  Politics  Business  Opinion\n\nFreedonia\n\n"
        "Quill and Firefly pledge to rebuild ties after jet crisis\n\n"
        "Fredville correspondent and Ostburg bureau\nTue 9 Aug 2016 18.42 BST\n"
        "Share on Facebook  Share on Twitter  Share via Email\n1,214 comments\n\n"
        "Otto Quill and Hugo Firefly have vowed to put eight months of bitter relations "
        "behind them.\n"
    )
    a = run(Analysis(text=text, source_id="n"))
    assert a.title.startswith("Quill and Firefly pledge")
    assert a.date == PartialDate(2016, 8, 9)
    said = " ".join(s.span.of(text) for s in a.sentences)
    assert "Share" not in said and "comments" not in said and "Subscribe" not in said


def test_an_editors_note_before_the_contents_is_read() -> None:
    text = (
        "FREEDONIA AND SYLVANIA\nSELECTED DOCUMENTS, 1965\n\n"
        "Editorial note: Although the two governments had concluded a trade agreement in 1952, "
        "and although Chancellor Quill had met President Firefly in New York in March 1960, "
        "Fredville long refused to exchange ambassadors with Ostburg for fear of them.\n\n"
        "CONTENTS\n\n1. LETTER FROM QUILL TO FIREFLY. Fredville, 12 May 1965\n\n\n"
        "1. LETTER FROM QUILL TO FIREFLY\n\nFredville, 12 May 1965\n\nDear Mr. President,\n\n"
        "I write to you today.\n"
    )
    a = run(Analysis(text=text, source_id="c"))
    assert a.genre == "collection"
    said = [s.span.of(text) for s in a.sentences]
    assert said[0].startswith("Editorial note: Although")
    assert not any("CONTENTS" in s or "SELECTED" in s for s in said)
