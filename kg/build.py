"""Build the knowledge graph: convert every source, validate, reason, write atomically.

A build is a directory ``<build root>/<version>/`` holding ``store/`` (an on-disk
pyoxigraph store), ``dataset.nq`` (everything, for other tools) and
``build.json`` (the summary).  ``<build root>/current`` is a symlink swapped with
one ``rename``, so a reader sees the old build or the new one, never half of
either, and a failed or interrupted build leaves the previous one intact.

The version is a hash of every input (sources, manifest, authority data,
ontology, shapes and the converter's own code): an unchanged re-run finds its
version already current and returns at once.  When the only change is new
sources, the build is extended: the previous build is copied, only the new
sources are converted, and the reasoner (kept as ``reasoner.pickle``) reasons
from the new triples alone, so adding one document costs what that document
touches.  Any other change (a source edited or removed, new authority data, new
code) rebuilds from scratch.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import pickle
import shutil
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg import paths
from kg.errors import BuildError, InputError, KGError, ValidationFailed

if TYPE_CHECKING:
    from kg.authority import Authority
    from kg.reason import Reasoner
    from kg.store import Store

log = logging.getLogger(__name__)

BUILD_FILE = "build.json"
SOURCES_FILE = "sources.json"
REASONER_FILE = "reasoner.pickle"
STORE_DIR = "store"
DATASET_FILE = "dataset.nq"
CURRENT = "current"

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildOptions:
    """What to build from and where to; every path defaults to the project's own."""

    sources: Path = field(default_factory=paths.sources_dir)
    manifest: Path = field(default_factory=paths.manifest_path)
    authority: Path = field(default_factory=paths.authority_dir)
    ontology: Path = field(default_factory=paths.ontology_dir)
    out: Path = field(default_factory=paths.build_root)
    jobs: int = 1
    force: bool = False
    validate: bool = True
    reasoner: str = "fast"  # or "owlrl", the reference: same closure, ~40x slower


@dataclass(frozen=True)
class BuildSummary:
    """What a build made; printed by ``kg build`` and kept as ``build.json``."""

    version: str
    path: str
    documents: int
    acts_by_type: dict[str, int]
    entities: int
    triples_asserted: int
    triples_inferred: int
    warnings: tuple[str, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()
    sources: tuple[str, ...] = ()
    seconds: float = 0.0
    cached: bool = False

    @property
    def acts(self) -> int:
        return sum(self.acts_by_type.values())

    def to_json(self) -> str:
        data = asdict(self)
        data.pop("cached")
        return json.dumps(data, indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str, *, cached: bool = False) -> BuildSummary:
        data = json.loads(text)
        data["warnings"] = tuple(data.get("warnings", ()))
        data["failed"] = tuple(tuple(x) for x in data.get("failed", ()))
        data["sources"] = tuple(data.get("sources", ()))
        return cls(**data, cached=cached)


@dataclass(frozen=True)
class SourceResult:
    """One source's conversion: its N-Quads, or the one-line reason it failed."""

    source_id: str
    nquads: bytes = b""
    acts_by_type: tuple[tuple[str, int], ...] = ()
    documents: int = 0
    entities: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    error: str | None = None


# -- inputs and versions --------------------------------------------------------


def source_files(directory: Path) -> list[Path]:
    """The ``*.txt`` files of a sources directory, sorted by name."""
    if not directory.is_dir():
        raise InputError(f"{directory}: sources directory not found")
    return sorted(p for p in directory.iterdir() if p.suffix == ".txt" and p.is_file())


def _files_under(path: Path, pattern: str) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob(pattern) if p.is_file()) if path.is_dir() else []


def _digest(files: Iterable[Path], seed: str = "") -> str:
    digest = hashlib.sha256(seed.encode())
    for file in files:
        digest.update(file.name.encode())
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()[:16]


def base_version(options: BuildOptions) -> str:
    """A hash of every input but the sources: what a build can be extended under."""
    code = Path(__file__).resolve().parent
    return _digest(
        [
            *_files_under(options.manifest, "*"),
            *_files_under(options.authority, "*.yaml"),
            *_files_under(options.ontology, "*.ttl"),
            *_files_under(code, "*.py"),
        ],
        seed=options.reasoner,
    )


def source_hashes(files: Iterable[Path]) -> dict[str, str]:
    return {f.stem: _digest([f]) for f in files}


def input_version(options: BuildOptions) -> str:
    """A hash of every input of a build, and of the code that converts them."""
    hashes = source_hashes(sorted(options.sources.glob("*.txt")))
    return hashlib.sha256(
        json.dumps([base_version(options), sorted(hashes.items())]).encode()
    ).hexdigest()[:16]


def current_build(out: Path | None = None) -> Path | None:
    """The directory of the current build, or None if there is none."""
    link = (out or paths.build_root()) / CURRENT
    return link.resolve() if (link / BUILD_FILE).is_file() else None


def read_summary(build_dir: Path, *, cached: bool = False) -> BuildSummary:
    """The summary a build wrote, with its path where it now lies (it was written elsewhere)."""
    summary = BuildSummary.from_json((build_dir / BUILD_FILE).read_text("utf-8"), cached=cached)
    return BuildSummary(**{**asdict(summary), "path": str(build_dir), "cached": cached})


# -- conversion (one process per source when --jobs > 1) ------------------------


@cache
def _authority(directory: str) -> Authority:
    from kg.authority import load_authority

    return load_authority(Path(directory))


@cache
def _manifest(path: str) -> dict:
    from kg.sources import load_manifest

    return load_manifest(Path(path)) if Path(path).is_file() else {}


def convert_source(path: Path, manifest: Path, authority: Path) -> SourceResult:
    """Convert one source file; a bad file gives a result with ``error`` set."""
    from kg.convert import convert
    from kg.sources import read_source

    source_id = path.stem
    try:
        source_id, text = read_source(path)
        meta = _manifest(str(manifest)).get(source_id)
        conversion = convert(
            text, source_id=source_id, authority=_authority(str(authority)), meta=meta
        )
        data = conversion.nquads()
    except KGError as exc:
        return SourceResult(source_id, error=str(exc))
    counts = Counter(act.type for act in conversion.acts)
    return SourceResult(
        source_id=source_id,
        nquads=data,
        acts_by_type=tuple(sorted(counts.items())),
        documents=len(conversion.documents),
        entities=tuple(sorted({e.id for e in conversion.entities})),
        warnings=tuple(f"{source_id}: {w}" for w in conversion.warnings),
    )


def convert_sources(
    files: Sequence[Path], options: BuildOptions, progress: Progress
) -> list[SourceResult]:
    """Convert every file, in parallel with ``options.jobs`` processes, in file order."""
    args = [(f, options.manifest, options.authority) for f in files]
    if options.jobs <= 1 or len(files) <= 1:
        results = []
        for f, m, a in args:
            results.append(convert_source(f, m, a))
            progress(f"converted {f.name}")
        return results
    with ProcessPoolExecutor(max_workers=options.jobs) as pool:
        futures = [pool.submit(convert_source, *a) for a in args]
        results = []
        for f, fut in zip(files, futures, strict=True):
            results.append(fut.result())
            progress(f"converted {f.name}")
        return results


# -- the build ------------------------------------------------------------------


def build(options: BuildOptions | None = None, *, progress: Progress | None = None) -> BuildSummary:
    """Build the knowledge graph, or return the current build if its inputs are unchanged."""
    options = options or BuildOptions()
    say = progress or (lambda _msg: None)
    started = time.perf_counter()
    version = input_version(options)
    existing = current_build(options.out)
    if existing is not None and not options.force:
        summary = read_summary(existing, cached=True)
        if summary.version == version:
            say(f"inputs unchanged: build {version} is current")
            return summary

    files = source_files(options.sources)
    if not files:
        raise InputError(f"{options.sources}: no .txt sources to build")
    options.out.mkdir(parents=True, exist_ok=True)
    tmp = options.out / f".tmp-{version}-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    plan = Plan(version, base_version(options), source_hashes(files), files, options, say)
    new_files = None if options.force or existing is None else _only_added(existing, plan)
    try:
        if new_files is None:
            summary = _build_into(tmp, plan, started)
        else:
            say(f"extending build {existing.name}: {len(new_files)} new source(s)")
            summary = _extend_into(tmp, existing, new_files, plan, started)
        final = options.out / version
        shutil.rmtree(final, ignore_errors=True)
        tmp.rename(final)
        _point_current(options.out, version)
        _remove_old_builds(options.out, keep={version})
    except BaseException as exc:
        # the failed step's frames still hold its open store, whose files would outlive the
        # removal: let it go first
        traceback.clear_frames(exc.__traceback__)
        gc.collect()
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    say(f"build {version} written to {final}")
    return BuildSummary(**{**asdict(summary), "path": str(final)})


@dataclass(frozen=True)
class Plan:
    """What one run of the build works from."""

    version: str
    base: str
    hashes: dict[str, str]
    files: Sequence[Path]
    options: BuildOptions
    say: Progress


def _only_added(previous: Path, plan: Plan) -> list[Path] | None:
    """The new source files, if adding them is the only change since ``previous``."""
    records_file = previous / SOURCES_FILE
    if plan.options.reasoner != "fast" or not (previous / REASONER_FILE).is_file():
        return None
    if not records_file.is_file():
        return None
    state = json.loads(records_file.read_text("utf-8"))
    old = {sid: rec["hash"] for sid, rec in state["sources"].items()}
    if state.get("base") != plan.base or any(plan.hashes.get(k) != h for k, h in old.items()):
        return None
    added = [f for f in plan.files if f.stem not in old]
    return added or None


def _build_into(directory: Path, plan: Plan, started: float) -> BuildSummary:
    """A build from scratch: every source, the authority data, the ontology."""
    import pyoxigraph as ox

    from kg.convert import authority_graph
    from kg.store import Store
    from kg.vocab import GRAPH_AUTHORITY, GRAPH_ONTOLOGY

    options, say = plan.options, plan.say
    results = _converted(plan.files, plan)
    good = [r for r in results if r.error is None]
    directory.mkdir(parents=True)
    store = Store(directory / STORE_DIR)
    for r in good:
        store.load_bytes(r.nquads, format=ox.RdfFormat.N_QUADS)
    store.load_bytes(
        authority_graph(_authority(str(options.authority))).serialize(
            format="nt", encoding="utf-8"
        ),
        format=ox.RdfFormat.N_TRIPLES,
        graph=str(GRAPH_AUTHORITY),
    )
    store.load_file(options.ontology / "dipkg.ttl", graph=str(GRAPH_ONTOLOGY))
    say(f"loaded {len(good)} sources, the authority data and the ontology")
    # The default graph holds the union of the asserted graphs, as one set: a query
    # then sees each triple once (a union over graphs repeats a triple stated in
    # two sources), and "asserted only" is one graph rather than a list of all.
    store.merge_asserted_into_default()
    if options.validate:
        _validate(_default_graph_ntriples(store), options, say)
    warnings = [w for r in good for w in r.warnings]
    if options.reasoner == "owlrl":
        from kg.reference import owlrl_reason_store

        say(f"reasoned with owlrl: {owlrl_reason_store(store)} triples inferred (OWL 2 RL)")
    else:
        from kg.reason import Reasoner

        reasoner = Reasoner()
        warnings += _reason(store, reasoner, list(_default_triples(store)), say)
        (directory / REASONER_FILE).write_bytes(pickle.dumps(reasoner, protocol=5))
    return _finish(directory, store, plan, {}, results, warnings, started)


def _extend_into(
    directory: Path, previous: Path, new_files: Sequence[Path], plan: Plan, started: float
) -> BuildSummary:
    """The previous build plus new sources, reasoned from the new triples only."""
    import pyoxigraph as ox

    from kg.store import Store

    say = plan.say
    shutil.copytree(previous, directory, symlinks=True)
    (directory / DATASET_FILE).unlink(missing_ok=True)
    results = _converted(new_files, plan)
    good = [r for r in results if r.error is None]
    store = Store(directory / STORE_DIR)
    before = set(_default_triples(store))
    stated: set[tuple] = set()  # every triple of the new sources (each is self-contained)
    for r in good:
        store.load_bytes(r.nquads, format=ox.RdfFormat.N_QUADS)
        stated |= {
            (q.subject, q.predicate, q.object)
            for q in ox.parse(r.nquads, format=ox.RdfFormat.N_QUADS)
        }
    added = stated - before
    store.add_quads(ox.Quad(s, p, o, ox.DefaultGraph()) for s, p, o in added)
    if plan.options.validate and stated:
        triples = [ox.Triple(*t) for t in stated]
        _validate(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), plan.options, say)
    reasoner = pickle.loads((directory / REASONER_FILE).read_bytes())
    warnings = [w for r in good for w in r.warnings]
    warnings += _reason(store, reasoner, sorted(added, key=str), say)
    (directory / REASONER_FILE).write_bytes(pickle.dumps(reasoner, protocol=5))
    records = json.loads((previous / SOURCES_FILE).read_text("utf-8"))["sources"]
    return _finish(directory, store, plan, records, results, warnings, started)


def _converted(files: Sequence[Path], plan: Plan) -> list[SourceResult]:
    results = convert_sources(files, plan.options, plan.say)
    for r in results:
        if r.error is not None:
            log.warning("%s: not converted: %s", r.source_id, r.error)
    if all(r.error is not None for r in results):
        errors = "; ".join(f"{r.source_id}: {r.error}" for r in results)
        raise BuildError("no source could be converted: " + errors)
    return results


def _finish(
    directory: Path,
    store: Store,
    plan: Plan,
    records: dict[str, dict],
    results: Sequence[SourceResult],
    warnings: list[str],
    started: float,
) -> BuildSummary:
    """Write the dataset file, the per-source records and the summary."""
    from kg.vocab import GRAPH_INFERRED

    for r in results:
        if r.error is None:
            records[r.source_id] = {
                "hash": plan.hashes[r.source_id],
                "acts_by_type": dict(r.acts_by_type),
                "documents": r.documents,
                "entities": list(r.entities),
            }
    store.flush()
    store.dump(directory / DATASET_FILE)
    acts: Counter[str] = Counter()
    for rec in records.values():
        acts.update(rec["acts_by_type"])
    summary = BuildSummary(
        version=plan.version,
        path=str(directory),
        documents=sum(rec["documents"] for rec in records.values()),
        acts_by_type=dict(sorted(acts.items())),
        entities=len({e for rec in records.values() for e in rec["entities"]}),
        triples_asserted=sum(1 for _ in store.quads_in_default_graph()),
        triples_inferred=sum(1 for _ in store.quads(str(GRAPH_INFERRED))),
        warnings=tuple(warnings),
        failed=tuple((r.source_id, r.error) for r in results if r.error is not None),
        sources=tuple(sorted(records)),
        seconds=round(time.perf_counter() - started, 3),
    )
    state = {"base": plan.base, "sources": dict(sorted(records.items()))}
    (directory / SOURCES_FILE).write_text(json.dumps(state, indent=1), "utf-8")
    (directory / BUILD_FILE).write_text(summary.to_json(), "utf-8")
    del store
    return summary


def _validate(ntriples: bytes, options: BuildOptions, say: Progress) -> None:
    """SHACL shapes and evidence offsets on asserted triples; raises if they fail."""
    from rdflib import Graph

    from kg.validate import check_evidence, load_shapes, text_report, validate_shapes

    data = Graph()
    data.parse(data=ntriples, format="nt")
    report = validate_shapes(data, shapes=load_shapes(options.ontology / "shapes.ttl"))
    if not report.conforms:
        raise ValidationFailed(
            "the converted data breaks the SHACL shapes:\n" + text_report(report)
        )
    problems = check_evidence(data)
    if problems:
        raise ValidationFailed("evidence does not match its source: " + "; ".join(problems[:5]))
    say("validated: SHACL shapes conform, every evidence quote matches its offsets")


def _default_triples(store: Store) -> Iterable[tuple]:
    return ((q.subject, q.predicate, q.object) for q in store.quads_in_default_graph())


def _default_graph_ntriples(store: Store) -> bytes:
    import pyoxigraph as ox

    triples = (ox.Triple(*t) for t in _default_triples(store))
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def _reason(store: Store, reasoner: Reasoner, triples: list[tuple], say: Progress) -> list[str]:
    """Reason from ``triples`` and add what follows to the inferred graph.

    A triple that was inferred before and is now asserted leaves the inferred
    graph, which holds only what is not asserted.  Contradictions become warnings
    that name their rule.
    """
    import pyoxigraph as ox

    from kg.vocab import GRAPH_INFERRED

    closure = reasoner.add(triples)
    graph = ox.NamedNode(str(GRAPH_INFERRED))
    if store.has_inferred():
        for s_, p_, o_ in triples:
            store.remove_quad(ox.Quad(s_, p_, o_, graph))
    store.add_quads(ox.Quad(s_, p_, o_, graph) for s_, p_, o_ in closure.inferred)
    say(f"reasoned: {len(closure.inferred)} triples inferred (OWL 2 RL)")
    return [f"inconsistency ({v.rule}): {v.message}" for v in closure.violations]


def _point_current(out: Path, version: str) -> None:
    """Swap the ``current`` symlink atomically (``rename`` over the old link)."""
    link = out / CURRENT
    tmp_link = out / f".{CURRENT}-{os.getpid()}"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    tmp_link.symlink_to(version, target_is_directory=True)
    tmp_link.replace(link)


def _remove_old_builds(out: Path, *, keep: Iterable[str]) -> None:
    keep = set(keep)
    for child in out.iterdir():
        if child.name in keep or child.name == CURRENT or child.is_symlink():
            continue
        if child.is_dir() and len(child.name) == 16 and (child / BUILD_FILE).exists():
            shutil.rmtree(child, ignore_errors=True)
