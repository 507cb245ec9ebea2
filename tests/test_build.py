"""The build: convert, validate, reason, write atomically, cache by input hashes."""

from __future__ import annotations

import shutil
import time
from dataclasses import replace
from pathlib import Path

import pytest

from kg import paths
from kg.build import (
    BUILD_FILE,
    DATASET_FILE,
    STORE_DIR,
    BuildOptions,
    build,
    current_build,
    read_summary,
)
from kg.errors import BuildError
from kg.store import Store
from kg.vocab import GRAPH_AUTHORITY, GRAPH_INFERRED, GRAPH_ONTOLOGY, source_graph


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("build")
    summary = build(BuildOptions(out=out))
    return out, summary


def test_build_summary_counts_what_it_made(built) -> None:
    out, summary = built
    sources = sorted(p.stem for p in paths.sources_dir().glob("*.txt"))
    assert list(summary.sources) == sources
    assert summary.failed == ()
    assert summary.documents >= len(sources) + 7  # the collection's seven inner documents
    assert summary.acts == sum(summary.acts_by_type.values()) > 0
    assert summary.triples_inferred > 0
    assert summary.triples_asserted > 0
    directory = current_build(out)
    assert directory is not None and directory.name == summary.version
    assert read_summary(directory).acts_by_type == summary.acts_by_type
    assert (directory / DATASET_FILE).stat().st_size > 0


def test_build_keeps_graphs_apart(built) -> None:
    out, summary = built
    store = Store(current_build(out) / STORE_DIR, read_only=True)
    graphs = {g.value for g in store.named_graphs()}
    assert {str(GRAPH_ONTOLOGY), str(GRAPH_AUTHORITY), str(GRAPH_INFERRED)} <= graphs
    for source_id in summary.sources:
        assert str(source_graph(source_id)) in graphs
    # every act is typed with its most specific class only in the asserted graphs
    q = f"""PREFIX dip: <https://w3id.org/dipkg/ontology#>
           ASK {{ GRAPH ?g {{ ?act a dip:DiplomaticAct }} FILTER(?g != <{GRAPH_INFERRED}>) }}"""
    assert not bool(store.query(q))
    q = "PREFIX dip: <https://w3id.org/dipkg/ontology#> ASK { ?act a dip:DiplomaticAct }"
    assert bool(store.query(q))
    assert not bool(store.query(q, infer=False))


def test_unchanged_rebuild_is_cached(built) -> None:
    out, summary = built
    started = time.perf_counter()
    again = build(BuildOptions(out=out))
    assert again.cached
    assert again.version == summary.version
    assert time.perf_counter() - started < 2.0  # generous: the figure is in the benchmark


def test_bad_source_is_reported_and_others_kept(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    for p in sorted(paths.sources_dir().glob("*.txt"))[:2]:
        shutil.copy(p, sources / p.name)
    (sources / "zz_bad.txt").write_bytes(b"\xff\xfe not utf-8 \x80")
    (sources / "zz_empty.txt").write_text("  \n")
    summary = build(BuildOptions(sources=sources, out=tmp_path / "out"))
    failed = dict(summary.failed)
    assert set(failed) == {"zz_bad", "zz_empty"}
    assert "UTF-8" in failed["zz_bad"] or "utf-8" in failed["zz_bad"].lower()
    assert len(summary.sources) == 2


def test_failed_build_leaves_previous_intact(tmp_path: Path, monkeypatch) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    first = sorted(paths.sources_dir().glob("*.txt"))[1]
    shutil.copy(first, sources / first.name)
    options = BuildOptions(sources=sources, out=tmp_path / "out")
    good = build(options)
    (sources / "new.txt").write_text("Israel and Poland resumed diplomatic relations in 1990.\n")

    import kg.build as kb

    def boom(*_a, **_k):
        raise BuildError("interrupted")

    monkeypatch.setattr(kb, "_reason", boom)
    with pytest.raises(BuildError):
        build(replace(options))
    directory = current_build(options.out)
    assert directory is not None and read_summary(directory).version == good.version
    assert (directory / BUILD_FILE).is_file()
    assert not [p for p in options.out.iterdir() if p.name.startswith(".tmp-")]


def _graph_contents(out: Path) -> dict[str, object]:
    """Each graph of a build as an rdflib graph, compared up to blank-node labels."""
    import pyoxigraph as ox
    from rdflib import Graph
    from rdflib.compare import to_isomorphic

    store = Store(current_build(out) / STORE_DIR, read_only=True)
    lines: dict[str, list[str]] = {}
    for q in store.quads():
        name = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
        lines.setdefault(name, []).append(f"{q.subject} {q.predicate} {q.object} .")
    return {
        name: to_isomorphic(Graph().parse(data="\n".join(rows), format="nt"))
        for name, rows in lines.items()
    }


def test_adding_a_source_extends_the_build_to_what_a_full_build_gives(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    seeds = sorted(paths.sources_dir().glob("*.txt"))
    for p in seeds[:2]:
        shutil.copy(p, sources / p.name)
    messages: list[str] = []
    build(BuildOptions(sources=sources, out=tmp_path / "inc"))
    shutil.copy(seeds[3], sources / seeds[3].name)
    extended = build(BuildOptions(sources=sources, out=tmp_path / "inc"), progress=messages.append)
    assert any(m.startswith("extending build") for m in messages), messages
    full = build(BuildOptions(sources=sources, out=tmp_path / "full"))
    assert extended.version == full.version
    assert extended.acts_by_type == full.acts_by_type
    assert extended.triples_inferred == full.triples_inferred > 0
    assert _graph_contents(tmp_path / "inc") == _graph_contents(tmp_path / "full")


def test_an_edited_source_rebuilds_from_scratch(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    seed = sorted(paths.sources_dir().glob("*.txt"))[1]
    shutil.copy(seed, sources / seed.name)
    build(BuildOptions(sources=sources, out=tmp_path / "out"))
    (sources / seed.name).write_text(seed.read_text("utf-8") + "\nMore text.\n", "utf-8")
    messages: list[str] = []
    build(BuildOptions(sources=sources, out=tmp_path / "out"), progress=messages.append)
    assert not any(m.startswith("extending build") for m in messages)


def test_parallel_conversion_gives_the_same_graph(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    for p in sorted(paths.sources_dir().glob("*.txt"))[:3]:
        shutil.copy(p, sources / p.name)
    (sources / "zz_bad.txt").write_bytes(b"\x80 not text")
    serial = build(BuildOptions(sources=sources, out=tmp_path / "serial"))
    parallel = build(BuildOptions(sources=sources, out=tmp_path / "parallel", jobs=2))
    assert parallel.failed == serial.failed == (("zz_bad", serial.failed[0][1]),)
    assert parallel.acts_by_type == serial.acts_by_type
    assert _graph_contents(tmp_path / "parallel") == _graph_contents(tmp_path / "serial")


def test_summary_names_the_build_directory(built) -> None:
    out, summary = built
    directory = current_build(out)
    assert read_summary(directory).path == str(directory) == summary.path


def test_owlrl_as_the_reasoner_gives_the_same_inferred_graph(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    seed = sorted(paths.sources_dir().glob("*.txt"))[3]
    shutil.copy(seed, sources / seed.name)
    fast = build(BuildOptions(sources=sources, out=tmp_path / "fast"))
    reference = build(BuildOptions(sources=sources, out=tmp_path / "owlrl", reasoner="owlrl"))
    assert fast.triples_inferred == reference.triples_inferred > 0
    inferred = str(GRAPH_INFERRED)
    assert (
        _graph_contents(tmp_path / "fast")[inferred]
        == _graph_contents(tmp_path / "owlrl")[inferred]
    )
