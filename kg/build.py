"""Build the knowledge graph: convert every source, validate, reason, write atomically.

A build is a directory ``<build root>/<version>/`` holding ``store/`` (an on-disk
pyoxigraph store), ``dataset.nq`` (everything, for other tools) and
``build.json`` (the summary).  ``<build root>/current`` is a symlink swapped with
one ``rename``, so a reader sees the old build or the new one, never half of
either, and a failed or interrupted build leaves the previous one intact.

The version is a hash of every input (sources, manifest, authority data,
ontology, shapes and the converter's own code): an unchanged re-run finds its
version already current and returns at once.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
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
    from kg.store import Store

log = logging.getLogger(__name__)

BUILD_FILE = "build.json"
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


def input_version(options: BuildOptions) -> str:
    """A hash of every input of a build, and of the code that converts them."""
    digest = hashlib.sha256(options.reasoner.encode())
    code = Path(__file__).resolve().parent
    groups = [
        _files_under(options.sources, "*.txt"),
        _files_under(options.manifest, "*"),
        _files_under(options.authority, "*.yaml"),
        _files_under(options.ontology, "*.ttl"),
        _files_under(code, "*.py"),
    ]
    for group in groups:
        for file in group:
            digest.update(file.name.encode())
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()[:16]


def current_build(out: Path | None = None) -> Path | None:
    """The directory of the current build, or None if there is none."""
    link = (out or paths.build_root()) / CURRENT
    return link.resolve() if (link / BUILD_FILE).is_file() else None


def read_summary(build_dir: Path, *, cached: bool = False) -> BuildSummary:
    return BuildSummary.from_json((build_dir / BUILD_FILE).read_text("utf-8"), cached=cached)


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
    try:
        summary = _build_into(tmp, version, files, options, say, started)
        final = options.out / version
        shutil.rmtree(final, ignore_errors=True)
        tmp.rename(final)
        _point_current(options.out, version)
        _remove_old_builds(options.out, keep={version})
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    say(f"build {version} written to {final}")
    return BuildSummary(**{**asdict(summary), "path": str(final)})


def _build_into(
    directory: Path,
    version: str,
    files: Sequence[Path],
    options: BuildOptions,
    say: Progress,
    started: float,
) -> BuildSummary:
    from kg.convert import authority_graph
    from kg.store import Store
    from kg.vocab import GRAPH_AUTHORITY, GRAPH_INFERRED, GRAPH_ONTOLOGY

    results = convert_sources(files, options, say)
    good = [r for r in results if r.error is None]
    failed = tuple((r.source_id, r.error or "") for r in results if r.error is not None)
    for source_id, error in failed:
        log.warning("%s: not converted: %s", source_id, error)
    if not good:
        raise BuildError("no source could be converted: " + "; ".join(e for _, e in failed))

    directory.mkdir(parents=True)
    store = Store(directory / STORE_DIR)
    import pyoxigraph as ox

    for r in good:
        store.load_bytes(r.nquads, format=ox.RdfFormat.N_QUADS)
    authority = _authority(str(options.authority))
    store.load_bytes(
        authority_graph(authority).serialize(format="nt", encoding="utf-8"),
        format=ox.RdfFormat.N_TRIPLES,
        graph=str(GRAPH_AUTHORITY),
    )
    ontology_file = options.ontology / "dipkg.ttl"
    store.load_file(ontology_file, graph=str(GRAPH_ONTOLOGY))
    say(f"loaded {len(good)} sources, the authority data and the ontology")

    # The default graph holds the union of the asserted graphs, as one set: a query
    # then sees each triple once (a union over graphs repeats a triple stated in
    # two sources), and "asserted only" is one graph rather than a list of all.
    asserted = store.merge_asserted_into_default()

    warnings = [w for r in good for w in r.warnings]
    if options.validate:
        warnings += _validate(store, options, say)
    warnings += _reason(store, options.reasoner, say)
    inferred = sum(1 for _ in store.quads(str(GRAPH_INFERRED)))
    store.flush()
    store.dump(directory / DATASET_FILE)

    acts: Counter[str] = Counter()
    for r in good:
        acts.update(dict(r.acts_by_type))
    summary = BuildSummary(
        version=version,
        path=str(directory),
        documents=sum(r.documents for r in good),
        acts_by_type=dict(sorted(acts.items())),
        entities=len({e for r in good for e in r.entities}),
        triples_asserted=asserted,
        triples_inferred=inferred,
        warnings=tuple(warnings),
        failed=failed,
        sources=tuple(r.source_id for r in good),
        seconds=round(time.perf_counter() - started, 3),
    )
    (directory / BUILD_FILE).write_text(summary.to_json(), "utf-8")
    del store
    return summary


def _validate(store: Store, options: BuildOptions, say: Progress) -> list[str]:
    """SHACL shapes and evidence offsets, on the asserted data; raises if they fail."""
    from rdflib import Graph

    from kg.validate import check_evidence, load_shapes, text_report, validate_shapes

    data = Graph()  # the default graph: the union of the asserted graphs
    data.parse(data=_default_graph_ntriples(store), format="nt")
    report = validate_shapes(data, shapes=load_shapes(options.ontology / "shapes.ttl"))
    if not report.conforms:
        raise ValidationFailed(
            "the converted data breaks the SHACL shapes:\n" + text_report(report)
        )
    problems = check_evidence(data)
    if problems:
        raise ValidationFailed("evidence does not match its source: " + "; ".join(problems[:5]))
    say("validated: SHACL shapes conform, every evidence quote matches its offsets")
    return []


def _default_graph_ntriples(store: Store) -> bytes:
    import pyoxigraph as ox

    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_in_default_graph())
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def _reason(store: Store, reasoner: str, say: Progress) -> list[str]:
    """Fill the inferred graph; inconsistencies become warnings naming their rule."""
    if reasoner == "owlrl":
        from kg.reference import owlrl_reason_store

        say(f"reasoned with owlrl: {owlrl_reason_store(store)} triples inferred (OWL 2 RL)")
        return []
    from kg.reason import reason_store

    closure = reason_store(store)
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
