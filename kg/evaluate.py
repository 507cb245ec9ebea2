"""Scoring extracted diplomatic acts against a hand-made gold annotation.

The gold files (``data/annotations/*.yaml``, ``tests/heldout/annotations/*.yaml``)
were written from the texts alone, so the scores say how well the converter reads
the texts, not how well it agrees with itself.  Matching is deliberately tolerant
of the choices a reader may make legitimately (an envoy or the state he
represents, a month or the exact day, which words of a sentence carry the act)
and strict about what matters (the kind of act, who took part, when).

Everything here is pure: the only input is the data passed in (and, for
:func:`load_gold`, the YAML file and the source text it points at).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml
from rdflib import Dataset, Literal, URIRef

from kg.errors import InputError
from kg.vocab import ACT_TYPES, DIP, ID, OA, PROV, RDF

__all__ = [
    "Counts",
    "GoldAct",
    "GoldDoc",
    "Match",
    "PredictedAct",
    "Scores",
    "acts_from_dataset",
    "canonical_gold",
    "load_gold",
    "load_gold_doc",
    "parse_gold",
    "represents_from_dataset",
    "score",
    "sentence_spans",
]

ROLES = ("actor", "counterpart", "intermediary")


@dataclass(frozen=True)
class GoldAct:
    """One act of the gold annotation, located in its source text.

    ``spans`` holds the main evidence first, then any alternative mentions of
    the same event (``also`` in the YAML); a prediction anchored on any of them
    may match.
    """

    type: str
    actors: tuple[str, ...]
    counterparts: tuple[str, ...]
    intermediaries: tuple[str, ...]
    date: str | None
    evidence: str
    spans: tuple[tuple[int, int], ...]
    central: bool = False
    note: str | None = None

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[0][1]


@dataclass(frozen=True)
class PredictedAct:
    """What a converter asserted: the comparable core of one ``dip:DiplomaticAct``."""

    type: str
    actors: frozenset[str] = frozenset()
    counterparts: frozenset[str] = frozenset()
    intermediaries: frozenset[str] = frozenset()
    date: str | None = None
    start: int | None = None
    end: int | None = None

    @property
    def participants(self) -> frozenset[str]:
        return self.actors | self.counterparts | self.intermediaries


@dataclass(frozen=True)
class GoldDoc:
    """A whole gold file: its acts plus the envoy→state map its annotator knew."""

    source: str
    acts: tuple[GoldAct, ...]
    represents: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Counts:
    """True/false positives and false negatives, summable across sources."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Match:
    predicted: PredictedAct
    gold: GoldAct


@dataclass
class Scores:
    """Per-type and overall counts, and how many central gold acts were found."""

    by_type: dict[str, Counts] = field(default_factory=dict)
    central_total: int = 0
    central_found: int = 0
    matches: list[Match] = field(default_factory=list)
    missed: list[GoldAct] = field(default_factory=list)
    spurious: list[PredictedAct] = field(default_factory=list)

    @property
    def overall(self) -> Counts:
        total = Counts()
        for c in self.by_type.values():
            total = total + c
        return total

    @property
    def central_recall(self) -> float:
        return self.central_found / self.central_total if self.central_total else 0.0

    def __add__(self, other: Scores) -> Scores:
        by_type = dict(self.by_type)
        for t, c in other.by_type.items():
            by_type[t] = by_type.get(t, Counts()) + c
        return Scores(
            by_type=by_type,
            central_total=self.central_total + other.central_total,
            central_found=self.central_found + other.central_found,
            matches=self.matches + other.matches,
            missed=self.missed + other.missed,
            spurious=self.spurious + other.spurious,
        )


# --------------------------------------------------------------------------- gold


def _slugs(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise InputError(f"{where}: expected a list of entity slugs, got {value!r}")
    return tuple(value)


def _locate(text: str, evidence: str, offset: object, where: str) -> tuple[int, int]:
    """Find the evidence in the text; ``offset`` picks one occurrence when several exist."""
    if offset is not None:
        if not isinstance(offset, int) or text[offset : offset + len(evidence)] != evidence:
            raise InputError(f"{where}: evidence not found at offset {offset!r}")
        return offset, offset + len(evidence)
    start = text.find(evidence)
    if start < 0:
        raise InputError(f"{where}: evidence is not a substring of the text: {evidence!r}")
    if text.find(evidence, start + 1) >= 0:
        raise InputError(f"{where}: evidence occurs more than once, give an offset: {evidence!r}")
    return start, start + len(evidence)


def _date(value: object, where: str) -> str | None:
    if value is None:
        return None
    value = str(value)
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise InputError(f"{where}: date must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value


def _evidence_item(item: object, where: str) -> tuple[str, object]:
    if isinstance(item, str):
        return item, None
    if isinstance(item, dict) and isinstance(item.get("evidence"), str):
        return item["evidence"], item.get("offset")
    raise InputError(f"{where}: an alternative evidence is a string or {{evidence, offset}}")


def parse_gold(data: Mapping[str, object], text: str, *, name: str = "gold") -> GoldDoc:
    """Turn the parsed YAML of one gold file into located acts; raise on any inconsistency."""
    if not isinstance(data, Mapping) or not isinstance(data.get("acts"), list):
        raise InputError(f"{name}: expected a mapping with 'source' and 'acts'")
    acts = []
    for i, raw in enumerate(data["acts"]):
        where = f"{name} act {i}"
        if not isinstance(raw, Mapping):
            raise InputError(f"{where}: not a mapping")
        kind = raw.get("type")
        if kind not in ACT_TYPES:
            raise InputError(f"{where}: unknown act type {kind!r}")
        evidence = raw.get("evidence")
        if not isinstance(evidence, str) or not evidence:
            raise InputError(f"{where}: evidence missing")
        spans = [_locate(text, evidence, raw.get("offset"), where)]
        for alt in raw.get("also") or []:
            alt_text, alt_offset = _evidence_item(alt, where)
            spans.append(_locate(text, alt_text, alt_offset, where))
        acts.append(
            GoldAct(
                type=kind,
                actors=_slugs(raw.get("actor"), where),
                counterparts=_slugs(raw.get("counterpart"), where),
                intermediaries=_slugs(raw.get("intermediary"), where),
                date=_date(raw.get("date"), where),
                evidence=evidence,
                spans=tuple(spans),
                central=bool(raw.get("central", False)),
                note=raw.get("note"),
            )
        )
    represents = data.get("represents") or {}
    if not isinstance(represents, Mapping):
        raise InputError(f"{name}: 'represents' must map envoy slugs to state slugs")
    return GoldDoc(source=str(data.get("source")), acts=tuple(acts), represents=dict(represents))


def canonical_gold(doc: GoldDoc, canonical: Callable[[str], str]) -> GoldDoc:
    """The gold file with each slug replaced by ``canonical(slug)``: an annotator's
    spelling of a name ("sergei-lavrov") and the converter's id for the same curated
    entity ("sergey-lavrov") then compare equal.  ``canonical`` returns the slug itself
    for a name it does not know."""

    def slugs(xs: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(canonical(x) for x in xs)

    acts = tuple(
        replace(a, actors=slugs(a.actors), counterparts=slugs(a.counterparts),
                intermediaries=slugs(a.intermediaries))
        for a in doc.acts
    )
    represents = {canonical(k): canonical(v) for k, v in doc.represents.items()}
    return replace(doc, acts=acts, represents=represents)


def _find_text(path: Path, source: str) -> Path:
    """The source text of a gold file, by the project's two layouts.

    ``data/annotations/X.yaml`` → ``data/sources/X.txt`` and
    ``tests/heldout/annotations/X.yaml`` → ``tests/heldout/texts/X.txt``.
    """
    for folder in ("sources", "texts"):
        candidate = path.parent.parent / folder / f"{source}.txt"
        if candidate.is_file():
            return candidate
    raise InputError(f"{path}: no source text {source}.txt next to the annotations")


def load_gold_doc(path: str | Path, text: str | None = None) -> GoldDoc:
    """Read a gold file; ``text`` defaults to the source text beside it (see :func:`_find_text`)."""
    path = Path(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, Mapping) or "source" not in data:
        raise InputError(f"{path}: a gold file needs a 'source' key")
    if text is None:
        text = _find_text(path, str(data["source"])).read_text(encoding="utf-8")
    return parse_gold(data, text, name=str(path))


def load_gold(path: str | Path, text: str | None = None) -> list[GoldAct]:
    """The acts of one gold file, located in their text."""
    return list(load_gold_doc(path, text).acts)


# ---------------------------------------------------------------------- matching

_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Prof|No|Nos|vol|cf|e\.g|i\.e|U\.N|U\.S)|"
                     r"\b[A-Z])\.$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Rough sentence boundaries: line breaks, and . ! ? before a capital or quote.

    Only used to accept a prediction whose evidence lies in the same sentence
    as the gold evidence, so over-splitting merely makes matching stricter.
    """
    spans = []
    start = 0
    for m in re.finditer(r"\n+|(?<=[.!?])[”\"’)]?\s+(?=[A-Z“\"(])", text):
        head = text[max(start, m.start() - 12) : m.start() + 1].rstrip()
        if not m.group().startswith("\n") and _ABBREV.search(head):
            continue
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


class _Sentences:
    def __init__(self, text: str | None) -> None:
        self.spans = sentence_spans(text) if text else []
        self.starts = [s for s, _ in self.spans]

    def index(self, pos: int) -> int | None:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.spans[i][1]:
            return i
        return None

    def indices(self, start: int, end: int) -> set[int]:
        first, last = self.index(start), self.index(max(start, end - 1))
        if first is None or last is None:
            return set()
        return set(range(first, last + 1))


def _covers(slug: str, predicted: frozenset[str], represents: Mapping[str, str]) -> bool:
    """Is the gold participant ``slug`` among the predicted ones, allowing envoy ⇄ state?"""
    if slug in predicted:
        return True
    if represents.get(slug) in predicted:  # gold names the envoy, prediction the state
        return True
    return any(represents.get(p) == slug for p in predicted)  # and the other way round


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Equal, or one a prefix of the other in precision ("1953-07" ~ "1953-07-15")."""
    if a is None or b is None:
        return a is None  # gold None accepts anything; a dated gold needs a date
    return a == b or a.startswith(b + "-") or b.startswith(a + "-")


def _evidence_score(
    pred: PredictedAct, gold: GoldAct, sentences: _Sentences
) -> float | None:
    """Characters shared with the nearest gold span; 0.5 for same sentence; None if neither."""
    if pred.start is None or pred.end is None:
        return None
    best: float | None = None
    for gs, ge in gold.spans:
        overlap = min(pred.end, ge) - max(pred.start, gs)
        if overlap > 0:
            best = max(best or 0.0, float(overlap))
        elif sentences.indices(pred.start, pred.end) & sentences.indices(gs, ge):
            best = max(best or 0.0, 0.5)
    return best


def _compatible(pred: PredictedAct, gold: GoldAct, represents: Mapping[str, str]) -> bool:
    if pred.type != gold.type:
        return False
    if not dates_compatible(gold.date, pred.date):
        return False
    people = pred.participants
    return all(_covers(s, people, represents) for s in gold.actors + gold.counterparts)


def score(
    predicted: Sequence[PredictedAct],
    gold: Sequence[GoldAct],
    *,
    represents: Mapping[str, str] | None = None,
    text: str | None = None,
) -> Scores:
    """Match predictions to gold acts one-to-one, greedily by evidence overlap.

    ``represents`` maps envoy slugs to the slug of the state they represent.
    ``text`` (the source text) enables the same-sentence criterion; without it
    only overlapping evidence spans match.
    """
    represents = represents or {}
    sentences = _Sentences(text)
    candidates = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            if not _compatible(p, g, represents):
                continue
            ev = _evidence_score(p, g, sentences)
            if ev is not None:
                candidates.append((-ev, i, j))
    candidates.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    result = Scores()
    for _, i, j in candidates:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        result.matches.append(Match(predicted[i], gold[j]))
    for t in sorted({p.type for p in predicted} | {g.type for g in gold}):
        result.by_type[t] = Counts()
    for m in result.matches:
        result.by_type[m.gold.type].tp += 1
    for i, p in enumerate(predicted):
        if i not in used_p:
            result.by_type[p.type].fp += 1
            result.spurious.append(p)
    for j, g in enumerate(gold):
        if j not in used_g:
            result.by_type[g.type].fn += 1
            result.missed.append(g)
        if g.central:
            result.central_total += 1
            result.central_found += j in used_g
    return result


# ---------------------------------------------------------------- from the graph

_ENTITY = re.compile(r"^(?:state|person)/([^/]+)$")


def _slug(node: object) -> str | None:
    """``id:state/israel`` → ``israel``; places, offices and anything else → None."""
    if not isinstance(node, URIRef) or not str(node).startswith(str(ID)):
        return None
    m = _ENTITY.match(str(node)[len(str(ID)) :])
    return m.group(1) if m else None


def _int(node: object) -> int | None:
    if isinstance(node, Literal):
        try:
            return int(node.toPython())
        except (TypeError, ValueError):
            return None
    return None


def acts_from_dataset(ds: Dataset, source_id: str) -> list[PredictedAct]:
    """Read the acts of one source from RDF written to ``ontology/README.md``.

    Looks in every graph of the dataset, so it does not care where the
    converter put its triples; an act belongs to the source when its IRI is
    under ``id:act/{source}/`` or it is ``dip:recordedIn``/``prov:wasDerivedFrom``
    the source document or a document inside it.
    """
    doc = str(ID[f"doc/{source_id}"])
    prefix = str(ID[f"act/{source_id}/"])
    types = {DIP[t]: t for t in ACT_TYPES}

    def objects(s: URIRef, p: URIRef) -> list[object]:
        return [o for _, _, o, _ in ds.quads((s, p, None, None))]

    acts = []
    seen: set[URIRef] = set()
    for s, _, o, _ in ds.quads((None, RDF.type, None, None)):
        if o not in types or s in seen or not isinstance(s, URIRef):
            continue
        origin = {str(x) for p in (DIP.recordedIn, PROV.wasDerivedFrom) for x in objects(s, p)}
        if not (str(s).startswith(prefix) or any(x == doc or x.startswith(doc + "/")
                                                 for x in origin)):
            continue
        seen.add(s)
        roles = {}
        for role in ROLES:
            roles[role] = frozenset(
                slug for x in objects(s, DIP[role]) if (slug := _slug(x)) is not None
            )
        dates = sorted(str(x) for x in objects(s, DIP.date))
        start = end = None
        for ev in objects(s, DIP.evidence):
            for sel in objects(ev, OA.hasSelector):
                starts = [v for x in objects(sel, OA.start) if (v := _int(x)) is not None]
                ends = [v for x in objects(sel, OA.end) if (v := _int(x)) is not None]
                if starts and ends:
                    start, end = min(starts), max(ends)
        acts.append(
            PredictedAct(
                type=types[o],
                actors=roles["actor"],
                counterparts=roles["counterpart"],
                intermediaries=roles["intermediary"],
                date=dates[0] if dates else None,
                start=start,
                end=end,
            )
        )
    return sorted(acts, key=lambda a: (a.start if a.start is not None else -1, a.type))


def represents_from_dataset(ds: Dataset) -> dict[str, str]:
    """The envoy→state map the dataset itself states with ``dip:represents``."""
    out = {}
    for s, _, o, _ in ds.quads((None, DIP.represents, None, None)):
        envoy, state = _slug(s), _slug(o)
        if envoy and state:
            out[envoy] = state
    return out


def merge_represents(*maps: Iterable[tuple[str, str]] | Mapping[str, str]) -> dict[str, str]:
    """Union of envoy→state maps; earlier maps win on a conflict."""
    out: dict[str, str] = {}
    for m in maps:
        items = m.items() if isinstance(m, Mapping) else m
        for k, v in items:
            out.setdefault(k, v)
    return out
