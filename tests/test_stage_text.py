"""The text stage: boilerplate, genre, title, dates, sentences, collections."""

from __future__ import annotations

from kg.records import Analysis, PartialDate, SourceMeta
from kg.stages.text import run, smart_title, split_sentences

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
