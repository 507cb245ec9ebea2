"""How well the converter finds the diplomatic acts of the texts: precision, recall, F1.

Runs the converter on each seed text (``data/sources``) and, with ``--heldout``, on each
text of the held-out sets (``tests/heldout``, ``tests/heldout2`` … ``tests/heldoutN``), each
written by an annotator who had seen neither the converters nor the other sets; reads the
acts back from the RDF it produces (:func:`kg.evaluate.acts_from_dataset`), and scores them
against the gold annotation written from the texts alone (``data/annotations``,
``tests/heldoutN/annotations``).  Prints one table per set: precision, recall and F1 by act
type and overall, and the recall of the central acts.

    python -P benchmarks/extraction.py [--heldout [N ...]] [--set DIR ...] [--details]
                                       [--json PATH]

``--set DIR`` scores any other annotated set laid out the same way (``DIR/texts/*.txt``
and ``DIR/annotations/*.yaml``), e.g. a blind set kept outside the project.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from kg.evaluate import (  # noqa: E402
    GoldDoc,
    PredictedAct,
    Scores,
    acts_from_dataset,
    canonical_gold,
    load_gold_doc,
    merge_represents,
    represents_from_dataset,
    score,
)
from kg.vocab import ACT_TYPES  # noqa: E402

log = logging.getLogger("benchmarks.extraction")

SEEDS = (ROOT / "data" / "annotations", ROOT / "data" / "sources")
HELD_OUT = ROOT / "tests"


def held_out_sets() -> dict[int, Path]:
    """The held-out sets by number: ``tests/heldout`` is 1, ``tests/heldoutN`` is N."""
    found = {}
    for d in HELD_OUT.glob("heldout*"):
        suffix = d.name.removeprefix("heldout")
        if d.is_dir() and (suffix == "" or suffix.isdigit()):
            found[int(suffix or 1)] = d
    return dict(sorted(found.items()))


Converter = Callable[[str, str], tuple[list[PredictedAct], dict[str, str]]]


class Glue(NamedTuple):
    """What scoring needs from the converter's side."""

    run: Converter  # (text, source_id) -> (predicted acts, envoy→state map of the output)
    represents: dict[str, str]  # the envoy→state map of the authority data
    canonical: Callable[[str], str]  # a gold slug -> the curated entity's id it spells


def make_converter() -> Glue:
    """The glue to the converter, in one place so it is easy to adapt.  Raises
    ImportError when the converter is not there yet."""
    from kg.authority import load_authority

    convert = getattr(importlib.import_module("kg.convert"), "convert", None)
    if convert is None:
        raise ImportError("kg.convert has no function convert")
    authority = load_authority()
    try:
        from kg.sources import load_manifest

        manifest = load_manifest()
    except Exception as exc:  # the manifest is optional; a broken one must not stop scoring
        log.warning("source manifest not used: %s", exc)
        manifest = {}
    represents = {e.id: e.represents for e in authority.entities("Envoy") if e.represents}

    def canonical(slug: str) -> str:
        # a gold slug is a name as its annotator spelt it: the curated entity it names
        e = authority.lookup(slug.replace("-", " "))
        return e.id if e is not None and e.kind in ("State", "Envoy", "Person") else slug

    def run(text: str, source_id: str) -> tuple[list[PredictedAct], dict[str, str]]:
        result = convert(text, source_id=source_id, authority=authority,
                         meta=manifest.get(source_id))
        ds = result.dataset()
        return acts_from_dataset(ds, source_id), represents_from_dataset(ds)

    return Glue(run, represents, canonical)


def _layout(directory: Path) -> tuple[Path, Path]:
    """The annotations and texts of a set given by its directory."""
    return directory / "annotations", directory / "texts"


def evaluate_set(name: str, glue: Glue) -> tuple[Scores, dict[str, Scores]]:
    """Score every gold file of one set; returns the total and the per-source scores."""
    gold_dir, text_dir = SEEDS if name == "seeds" else _layout(ROOT / name)
    total = Scores()
    per_source: dict[str, Scores] = {}
    for path in sorted(gold_dir.glob("*.yaml")):
        text = (text_dir / f"{path.stem}.txt").read_text(encoding="utf-8")
        doc: GoldDoc = canonical_gold(load_gold_doc(path, text), glue.canonical)
        predicted, output_represents = glue.run(text, doc.source)
        # The gold file's own map first: its annotator knew whom each envoy served.
        represents = merge_represents(doc.represents, output_represents, glue.represents)
        result = score(predicted, list(doc.acts), represents=represents, text=text)
        per_source[doc.source] = result
        total = total + result
    return total, per_source


def table(name: str, total: Scores, per_source: dict[str, Scores]) -> str:
    """A plain-text table: one row per act type, then overall and central recall."""
    lines = [f"== {name}: {len(per_source)} texts", ""]
    head = f"{'act type':34} {'gold':>5} {'pred':>5} {'tp':>4} {'P':>6} {'R':>6} {'F1':>6}"
    lines += [head, "-" * len(head)]

    def row(label: str, c) -> str:
        return (f"{label:34} {c.tp + c.fn:5d} {c.tp + c.fp:5d} {c.tp:4d} "
                f"{c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}")

    for t in ACT_TYPES:
        if t in total.by_type:
            lines.append(row(t, total.by_type[t]))
    lines.append("-" * len(head))
    lines.append(row("overall (micro)", total.overall))
    lines.append(f"{'central acts recall':34} {total.central_total:5d} {'':5} "
                 f"{total.central_found:4d} {'':6} {total.central_recall:6.3f}")
    lines.append("")
    for source, s in per_source.items():
        o = s.overall
        lines.append(f"  {source:32} P {o.precision:.3f}  R {o.recall:.3f}  F1 {o.f1:.3f}  "
                     f"central {s.central_found}/{s.central_total}")
    return "\n".join(lines)


def details(per_source: dict[str, Scores]) -> str:
    """Which gold acts were missed and which predictions matched nothing."""
    lines = []
    for source, s in per_source.items():
        lines.append(f"-- {source}")
        for g in s.missed:
            who = ",".join(g.actors + g.counterparts)
            lines.append(f"   missed   {g.type:30} {who:40} {g.date or '-':10} {g.evidence[:60]!r}")
        for p in s.spurious:
            who = ",".join(sorted(p.actors | p.counterparts))
            lines.append(f"   spurious {p.type:30} {who:40} {p.date or '-':10} @{p.start}-{p.end}")
    return "\n".join(lines)


def as_json(total: Scores, per_source: dict[str, Scores]) -> dict:
    def counts(c) -> dict:
        return {"tp": c.tp, "fp": c.fp, "fn": c.fn, "precision": round(c.precision, 4),
                "recall": round(c.recall, 4), "f1": round(c.f1, 4)}

    return {
        "by_type": {t: counts(c) for t, c in total.by_type.items()},
        "overall": counts(total.overall),
        "central": {"total": total.central_total, "found": total.central_found,
                    "recall": round(total.central_recall, 4)},
        "per_source": {k: counts(v.overall) for k, v in per_source.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heldout", type=int, nargs="*", metavar="N",
                        help="also score the held-out sets N (tests/heldoutN; 1 is "
                             "tests/heldout); all of them when no N is given")
    parser.add_argument("--set", type=Path, action="append", default=[], metavar="DIR",
                        help="also score DIR/texts against DIR/annotations (repeatable)")
    parser.add_argument("--details", action="store_true", help="list missed and spurious acts")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        glue = make_converter()
    except ImportError as exc:
        print(f"The converter is not available ({exc}); expected "
              "kg.convert.convert(text, *, source_id, authority, meta) and "
              "kg.authority.load_authority(). Nothing scored.")
        return 0
    for d in args.set:
        if not all(p.is_dir() for p in _layout(d)):
            parser.error(f"{d}: needs the folders texts/ and annotations/")
    report = {}
    sets = held_out_sets()
    wanted = [] if args.heldout is None else (args.heldout or list(sets))
    unknown = [n for n in wanted if n not in sets]
    if unknown:
        parser.error(f"no held-out set {unknown[0]}: there are {', '.join(map(str, sets))}")
    names = (["seeds"] + [str(sets[n].relative_to(ROOT)) for n in wanted]
             + [str(d.resolve()) for d in args.set])
    for name in names:
        total, per_source = evaluate_set(name, glue)
        print(table(name, total, per_source))
        if args.details:
            print(details(per_source))
        print()
        report[name] = as_json(total, per_source)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
