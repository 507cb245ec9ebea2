"""The extraction scoring (kg.evaluate) and the gold annotations it reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from benchmark_modules import load_benchmark
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import InputError
from kg.evaluate import (
    Counts,
    GoldAct,
    GoldDoc,
    PredictedAct,
    acts_from_dataset,
    canonical_gold,
    dates_compatible,
    load_gold_doc,
    parse_gold,
    represents_from_dataset,
    score,
    sentence_spans,
)
from kg.vocab import ACT_TYPES, DIP, ID, OA, RDF, source_graph

ROOT = Path(__file__).resolve().parents[1]
SEED_GOLD = ROOT / "data" / "annotations"
SEED_TEXTS = ROOT / "data" / "sources"
# every held-out set, in the order it was written, as the extraction benchmark finds them
HELD_SETS = list(load_benchmark("extraction").held_out_sets().values())

TEXT = (
    "On July 6, Mr. Sharett wrote to Mr. Molotov about relations. "
    "Molotov replied on July 15, 1953. Relations were resumed in July 1953."
)
REPRESENTS = {"moshe-sharett": "israel", "vyacheslav-molotov": "soviet-union",
              "abba-eban": "israel"}


def gold(kind: str, evidence: str, *, actors=(), counterparts=(), date=None,
         central=False, text: str = TEXT) -> GoldAct:
    start = text.index(evidence)
    return GoldAct(type=kind, actors=tuple(actors), counterparts=tuple(counterparts),
                   intermediaries=(), date=date, evidence=evidence,
                   spans=((start, start + len(evidence)),), central=central)


def pred(kind: str, start: int, end: int, *, actors=(), counterparts=(), date=None,
         intermediaries=()) -> PredictedAct:
    return PredictedAct(type=kind, actors=frozenset(actors), counterparts=frozenset(counterparts),
                        intermediaries=frozenset(intermediaries), date=date,
                        start=start, end=end)


LETTER = "Mr. Sharett wrote to Mr. Molotov"
L0 = TEXT.index(LETTER)
L1 = L0 + len(LETTER)


def letter_gold(**kw) -> GoldAct:
    kw.setdefault("actors", ["moshe-sharett"])
    kw.setdefault("counterparts", ["vyacheslav-molotov"])
    kw.setdefault("date", "1953-07-06")
    return gold("Correspondence", LETTER, **kw)


# ------------------------------------------------------------------ matching rules


def test_exact_match_scores_one() -> None:
    g = letter_gold(central=True)
    p = pred("Correspondence", L0, L1, actors={"moshe-sharett"},
             counterparts={"vyacheslav-molotov"}, date="1953-07-06")
    s = score([p], [g], represents=REPRESENTS, text=TEXT)
    assert (s.overall.tp, s.overall.fp, s.overall.fn) == (1, 0, 0)
    assert s.overall.f1 == 1.0
    assert s.central_recall == 1.0 and s.central_total == 1


def test_wrong_type_is_a_false_positive_and_a_miss() -> None:
    p = pred("Meeting", L0, L1, actors={"moshe-sharett"}, counterparts={"vyacheslav-molotov"},
             date="1953-07-06")
    s = score([p], [letter_gold()], represents=REPRESENTS, text=TEXT)
    assert s.by_type["Meeting"].fp == 1
    assert s.by_type["Correspondence"].fn == 1
    assert s.overall.tp == 0 and s.overall.precision == 0.0 and s.overall.recall == 0.0


def test_wrong_or_missing_party_does_not_match() -> None:
    g = letter_gold()
    wrong = pred("Correspondence", L0, L1, actors={"moshe-sharett"},
                 counterparts={"andrei-gromyko"}, date="1953-07-06")
    missing = pred("Correspondence", L0, L1, actors={"moshe-sharett"}, date="1953-07-06")
    assert score([wrong], [g], represents=REPRESENTS).overall.tp == 0
    assert score([missing], [g], represents=REPRESENTS).overall.tp == 0
    # roles are compared as one set of participants: an inverted direction still matches
    swapped = pred("Correspondence", L0, L1, actors={"vyacheslav-molotov"},
                   counterparts={"moshe-sharett"}, date="1953-07-06")
    assert score([swapped], [g], represents=REPRESENTS).overall.tp == 1
    # extra predicted participants are tolerated
    extra = pred("Correspondence", L0, L1, actors={"moshe-sharett"},
                 counterparts={"vyacheslav-molotov"}, intermediaries={"netherlands"},
                 date="1953-07-06")
    assert score([extra], [g], represents=REPRESENTS).overall.tp == 1


@pytest.mark.parametrize(
    ("gold_date", "pred_date", "ok"),
    [
        ("1953-07", "1953-07-06", True),
        ("1953-07-06", "1953-07", True),
        ("1953", "1953-07-06", True),
        ("1953-07-06", "1953-07-06", True),
        ("1953-07", "1953-08-06", False),
        ("1953-07-06", "1953-07-15", False),
        ("1953", "1954", False),
        ("1953-1", "1953-10", False),  # a prefix in characters is not a prefix in precision
        (None, "1991-10-18", True),
        (None, None, True),
        ("1953-07", None, False),
    ],
)
def test_date_compatibility(gold_date, pred_date, ok) -> None:
    assert dates_compatible(gold_date, pred_date) is ok


def test_date_precision_in_scoring() -> None:
    g = gold("ResumptionOfRelations", "Relations were resumed in July 1953.",
             actors=["israel", "soviet-union"], date="1953-07")
    start, end = g.spans[0]
    day = pred("ResumptionOfRelations", start, end, actors={"israel", "soviet-union"},
               date="1953-07-20")
    other_month = pred("ResumptionOfRelations", start, end, actors={"israel", "soviet-union"},
                       date="1953-02")
    assert score([day], [g]).overall.tp == 1
    assert score([other_month], [g]).overall.tp == 0


def test_envoy_counts_for_state_and_state_for_envoy() -> None:
    # gold names the envoys, the prediction the states
    g = letter_gold()
    states = pred("Correspondence", L0, L1, actors={"israel"}, counterparts={"soviet-union"},
                  date="1953-07-06")
    assert score([states], [g], represents=REPRESENTS).overall.tp == 1
    # without the map the states do not stand for the envoys
    assert score([states], [g], represents={}).overall.tp == 0
    # gold names the states, the prediction the envoys
    g2 = letter_gold(actors=["israel"], counterparts=["soviet-union"])
    envoys = pred("Correspondence", L0, L1, actors={"moshe-sharett"},
                  counterparts={"vyacheslav-molotov"}, date="1953-07-06")
    assert score([envoys], [g2], represents=REPRESENTS).overall.tp == 1
    # another envoy of the same state is not the gold envoy
    eban = pred("Correspondence", L0, L1, actors={"abba-eban"},
                counterparts={"vyacheslav-molotov"}, date="1953-07-06")
    assert score([eban], [g], represents=REPRESENTS).overall.tp == 0


def test_evidence_must_overlap_or_share_the_sentence() -> None:
    g = letter_gold()
    sentence_end = TEXT.index("about relations.")
    same_sentence = pred("Correspondence", sentence_end, sentence_end + 15,
                         actors={"moshe-sharett"}, counterparts={"vyacheslav-molotov"},
                         date="1953-07-06")
    other = TEXT.index("Molotov replied")
    other_sentence = pred("Correspondence", other, other + 15, actors={"moshe-sharett"},
                          counterparts={"vyacheslav-molotov"}, date="1953-07-06")
    assert score([same_sentence], [g], represents=REPRESENTS, text=TEXT).overall.tp == 1
    # without the text there are no sentences, so only overlap counts
    assert score([same_sentence], [g], represents=REPRESENTS).overall.tp == 0
    assert score([other_sentence], [g], represents=REPRESENTS, text=TEXT).overall.tp == 0
    unanchored = pred("Correspondence", None, None, actors={"moshe-sharett"},
                      counterparts={"vyacheslav-molotov"}, date="1953-07-06")
    assert score([unanchored], [g], represents=REPRESENTS, text=TEXT).overall.tp == 0


def test_alternative_mentions_of_a_gold_act_match() -> None:
    alt = "Molotov replied on July 15, 1953."
    a0 = TEXT.index(alt)
    g = GoldAct("Correspondence", ("vyacheslav-molotov",), ("moshe-sharett",), (), "1953-07-15",
                alt, ((a0, a0 + len(alt)), (L0, L1)))
    p = pred("Correspondence", L0 + 4, L1, actors={"vyacheslav-molotov"},
             counterparts={"moshe-sharett"}, date="1953-07-15")
    assert score([p], [g]).overall.tp == 1


def test_matching_is_one_to_one() -> None:
    g = letter_gold()
    good = pred("Correspondence", L0, L1, actors={"moshe-sharett"},
                counterparts={"vyacheslav-molotov"}, date="1953-07-06")
    dup = pred("Correspondence", L0 + 4, L1 - 4, actors={"moshe-sharett"},
               counterparts={"vyacheslav-molotov"}, date="1953-07-06")
    s = score([dup, good], [g], represents=REPRESENTS, text=TEXT)
    assert (s.overall.tp, s.overall.fp, s.overall.fn) == (1, 1, 0)
    assert s.matches[0].predicted == good  # the larger overlap wins, whatever the order
    assert s.spurious == [dup]
    # two gold acts, one prediction: one found, one missed
    g2 = letter_gold(central=True)
    s2 = score([good], [g, g2], represents=REPRESENTS, text=TEXT)
    assert (s2.overall.tp, s2.overall.fp, s2.overall.fn) == (1, 0, 1)
    assert s2.central_total == 1


def test_greedy_matching_prefers_better_overlap_per_gold() -> None:
    a = "Mr. Sharett wrote"
    b = "to Mr. Molotov about relations"
    ga = gold("Correspondence", a, actors=["moshe-sharett"])
    gb = gold("Correspondence", b, actors=["moshe-sharett"])
    pa = pred("Correspondence", TEXT.index(a), TEXT.index(a) + len(a), actors={"moshe-sharett"})
    pb = pred("Correspondence", TEXT.index(b), TEXT.index(b) + len(b), actors={"moshe-sharett"})
    s = score([pb, pa], [ga, gb], text=TEXT)
    assert s.overall.tp == 2
    assert {(m.predicted, m.gold) for m in s.matches} == {(pa, ga), (pb, gb)}


def test_counts_and_scores_add_up() -> None:
    c = Counts(2, 1, 3) + Counts(1, 0, 0)
    assert (c.tp, c.fp, c.fn) == (3, 1, 3)
    assert c.precision == pytest.approx(0.75) and c.recall == pytest.approx(0.5)
    assert c.f1 == pytest.approx(0.6)
    assert Counts().f1 == 0.0
    g = letter_gold(central=True)
    p = pred("Correspondence", L0, L1, actors={"moshe-sharett"},
             counterparts={"vyacheslav-molotov"}, date="1953-07-06")
    total = score([p], [g], represents=REPRESENTS) + score([], [g], represents=REPRESENTS)
    assert (total.overall.tp, total.overall.fn) == (1, 1)
    assert (total.central_found, total.central_total) == (1, 2)


def test_sentences_do_not_split_after_titles_or_initials() -> None:
    text = "Mr. Sharett met V. Molotov in the U.N. hall. Then he left.\nNew line"
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert spans == ["Mr. Sharett met V. Molotov in the U.N. hall.", "Then he left.", "New line"]


# ------------------------------------------------------------------- gold parsing


def test_parse_gold_locates_and_rejects() -> None:
    text = "Israel and Moscow met. Israel and Moscow met again."
    data = {"source": "x", "acts": [{"type": "Meeting", "actor": ["israel"],
                                     "evidence": "Israel and Moscow met", "offset": 23}]}
    doc = parse_gold(data, text)
    assert doc.acts[0].spans == ((23, 44),)
    ambiguous = {"source": "x", "acts": [{"type": "Meeting", "evidence": "Israel and Moscow met"}]}
    with pytest.raises(InputError, match="more than once"):
        parse_gold(ambiguous, text)
    for bad in (
        {"type": "Meet", "evidence": "again"},
        {"type": "Meeting", "evidence": "not there"},
        {"type": "Meeting", "evidence": "again", "date": "July 1953"},
        {"type": "Meeting", "evidence": "again", "offset": 3},
        {"type": "Meeting", "evidence": "again", "actor": [1]},
    ):
        with pytest.raises(InputError):
            parse_gold({"source": "x", "acts": [bad]}, text)


# ------------------------------------------------------------- reading the graph


def _act(ds: Dataset, source: str, n: int, kind: str, start: int, end: int, **roles) -> URIRef:
    g = ds.graph(source_graph(source))
    act = ID[f"act/{source}/{n:012x}"]
    g.add((act, RDF.type, DIP[kind]))
    for role, slugs in roles.items():
        if role == "date":
            dtype = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(slugs), XSD.date)
            g.add((act, DIP.date, Literal(slugs, datatype=dtype)))
            continue
        for slug in slugs:
            g.add((act, DIP[role], URIRef(ID + slug)))
    ev = URIRef(f"{act}/evidence")
    pos = URIRef(f"{act}/evidence/position")
    g.add((act, DIP.evidence, ev))
    g.add((ev, OA.hasSelector, pos))
    g.add((pos, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
    g.add((pos, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))
    return act


def test_acts_from_dataset_reads_the_data_model() -> None:
    ds = Dataset()
    _act(ds, "s1", 1, "Correspondence", L0, L1, actor=["person/moshe-sharett"],
         counterpart=["person/vyacheslav-molotov"], intermediary=["place/tel-aviv"],
         date="1953-07-06")
    _act(ds, "s1", 2, "ResumptionOfRelations", 5, 9,
         actor=["state/israel", "state/soviet-union"], date="1953-07")
    _act(ds, "s2", 3, "Visit", 0, 4, actor=["person/boris-pankin"])
    auth = ds.graph(ID["graph/authority"])
    auth.add((ID["person/moshe-sharett"], DIP.represents, ID["state/israel"]))
    acts = acts_from_dataset(ds, "s1")
    assert [a.type for a in acts] == ["ResumptionOfRelations", "Correspondence"]
    letter = acts[1]
    assert letter.actors == {"moshe-sharett"}
    assert letter.counterparts == {"vyacheslav-molotov"}
    assert letter.intermediaries == frozenset()  # places are not participants
    assert (letter.date, letter.start, letter.end) == ("1953-07-06", L0, L1)
    assert acts[0].actors == {"israel", "soviet-union"}
    assert [a.type for a in acts_from_dataset(ds, "s2")] == ["Visit"]
    assert represents_from_dataset(ds) == {"moshe-sharett": "israel"}
    s = score(acts, [letter_gold()], represents=REPRESENTS, text=TEXT)
    assert (s.overall.tp, s.overall.fp) == (1, 1)


# --------------------------------------------------------- the gold files themselves


def _gold_files() -> list[tuple[Path, Path]]:
    pairs = []
    dirs = [(SEED_GOLD, SEED_TEXTS)] + [(d / "annotations", d / "texts") for d in HELD_SETS]
    for gold_dir, text_dir in dirs:
        for path in sorted(gold_dir.glob("*.yaml")):
            pairs.append((path, text_dir / f"{path.stem}.txt"))
    return pairs


def test_every_seed_has_a_gold_file() -> None:
    seeds = {p.stem for p in SEED_TEXTS.glob("*.txt")}
    assert seeds and seeds <= {p.stem for p in SEED_GOLD.glob("*.yaml")}


def test_the_held_out_sets_are_found_in_order() -> None:
    assert [d.name for d in HELD_SETS] == ["heldout"] + [f"heldout{n}" for n in range(2, 17)]


@pytest.mark.parametrize("held", HELD_SETS, ids=lambda d: d.name)
def test_every_held_out_text_has_a_gold_file_and_a_name_of_its_own(held: Path) -> None:
    """Each held-out set pairs each text with its gold, and reuses no earlier set's name."""
    names = {p.stem for p in (held / "texts").glob("*.txt")}
    assert len(names) >= 4 and names == {p.stem for p in (held / "annotations").glob("*.yaml")}
    earlier = [SEED_TEXTS] + [e / "texts" for e in HELD_SETS[: HELD_SETS.index(held)]]
    others = {p.stem for d in earlier for p in d.glob("*.txt")}
    assert not names & others
    for path in (held / "texts").glob("*.txt"):
        assert 1500 <= len(path.read_text(encoding="utf-8")) <= 7000, path.name


@pytest.mark.parametrize(("gold_path", "text_path"), _gold_files(), ids=lambda p: p.stem)
def test_gold_evidence_is_an_exact_substring(gold_path: Path, text_path: Path) -> None:
    text = text_path.read_text(encoding="utf-8")
    raw = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    assert raw["source"] == gold_path.stem
    for act in raw["acts"]:
        assert act["type"] in ACT_TYPES
        assert act["evidence"] in text, act["evidence"]
        for alt in act.get("also") or []:
            assert (alt if isinstance(alt, str) else alt["evidence"]) in text, alt
        for role in ("actor", "counterpart", "intermediary"):
            for slug in act.get(role) or []:
                assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
    doc = load_gold_doc(gold_path)  # locates each evidence, unambiguously
    assert len(doc.acts) == len(raw["acts"]) > 0
    for g in doc.acts:
        for start, end in g.spans:
            assert text[start:end]
        assert text[g.start : g.end] == g.evidence
    assert any(g.central for g in doc.acts)


@pytest.mark.parametrize(("gold_path", "text_path"), _gold_files(), ids=lambda p: p.stem)
def test_a_perfect_extractor_scores_one(gold_path: Path, text_path: Path) -> None:
    """The gold is unambiguous: reading it back as predictions matches every act exactly once."""
    text = text_path.read_text(encoding="utf-8")
    doc = load_gold_doc(gold_path, text)
    oracle = [
        PredictedAct(type=g.type, actors=frozenset(g.actors),
                     counterparts=frozenset(g.counterparts),
                     intermediaries=frozenset(g.intermediaries), date=g.date,
                     start=g.start, end=g.end)
        for g in doc.acts
    ]
    s = score(oracle, list(doc.acts), represents=doc.represents, text=text)
    assert (s.overall.fp, s.overall.fn) == (0, 0)
    assert {id(m.gold) for m in s.matches} == {id(g) for g in doc.acts}


def test_gold_spelling_of_a_curated_name_compares_as_its_entity() -> None:
    # the annotator spelt the name "sergei-lavrov"; the converter's id is "sergey-lavrov"
    g = letter_gold()
    spelt = GoldDoc("s", (GoldAct("Correspondence", ("sergei-lavrov",), g.counterparts, (),
                                  g.date, g.evidence, g.spans),), {"sergei-lavrov": "russia"})
    canon = canonical_gold(spelt, lambda s: {"sergei-lavrov": "sergey-lavrov"}.get(s, s))
    assert canon.acts[0].actors == ("sergey-lavrov",)
    assert canon.represents == {"sergey-lavrov": "russia"}
    p = pred("Correspondence", L0, L1, actors={"sergey-lavrov"},
             counterparts=set(g.counterparts), date=g.date)
    assert score([p], list(canon.acts)).overall.tp == 1
    assert score([p], list(spelt.acts)).overall.tp == 0


def test_benchmark_spells_gold_names_through_the_authority() -> None:
    canonical = load_benchmark("extraction").make_converter().canonical
    assert canonical("sergei-lavrov") == "sergey-lavrov"
    assert canonical("recep-tayyip-erdogan-unknown") == "recep-tayyip-erdogan-unknown"
    assert canonical("soviet-union") == "soviet-union"
