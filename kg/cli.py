"""The ``kg`` command: convert, build, validate, query, reason, serve, stats.

Every :class:`~kg.errors.KGError` ends the command with its one-line message and
the exit code of its class; anything else is a bug and keeps its traceback.
Heavy modules are imported inside the commands, so ``kg build`` with unchanged
inputs answers in a fraction of a second.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from kg.errors import InputError, KGError

log = logging.getLogger("kg")

QUERY_FORMATS = ("table", "json", "xml", "csv", "tsv", "turtle", "nt", "nq", "trig", "rdfxml")


class _Group(click.Group):
    """Maps KGError to a one-line message and the class's exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KGError as exc:
            click.echo(f"kg: error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=_Group)
@click.option("-v", "--verbose", count=True, help="Show progress (-v) or debug output (-vv).")
@click.version_option(package_name="dipkg")
def main(verbose: int) -> None:
    """dipkg: a knowledge graph of diplomatic history, with a SPARQL endpoint."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="kg: %(levelname)s: %(message)s", stream=sys.stderr)


def _echo_err(message: str) -> None:
    click.echo(message, err=True)


# -- convert --------------------------------------------------------------------


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write TriG here.")
def convert(files: Sequence[Path], output: Path | None) -> None:
    """Convert text FILES to RDF (TriG; no reasoning), self-contained."""
    import pyoxigraph as ox

    from kg.authority import load_authority
    from kg.convert import convert as convert_text
    from kg.sources import load_manifest, read_source
    from kg.vocab import PREFIXES

    authority = load_authority()
    manifest = load_manifest()
    quads: list[ox.Quad] = []
    failures = 0
    for path in files:
        try:
            source_id, text = read_source(path)
        except InputError as exc:
            _echo_err(f"kg: error: {exc}")
            failures += 1
            continue
        conversion = convert_text(
            text, source_id=source_id, authority=authority, meta=manifest.get(source_id)
        )
        quads += ox.parse(conversion.nquads(), format=ox.RdfFormat.N_QUADS)
        for warning in conversion.warnings:
            log.warning("%s: %s", source_id, warning)
    if failures == len(files):
        sys.exit(InputError.exit_code)
    data = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    if output:
        output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
    if failures:
        sys.exit(InputError.exit_code)


# -- build ----------------------------------------------------------------------


@main.command()
@click.option("-j", "--jobs", default=1, show_default=True, help="Convert in N processes.")
@click.option("--force", is_flag=True, help="Rebuild even if the inputs are unchanged.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation.")
@click.option("--out", type=click.Path(path_type=Path), help="Build directory (default build/).")
@click.option("--sources", type=click.Path(path_type=Path), help="Sources directory.")
@click.option(
    "--reasoner",
    type=click.Choice(["fast", "owlrl"]),
    default="fast",
    show_default=True,
    help="owlrl is the reference implementation: the same closure, far slower.",
)
@click.option(
    "--store",
    "store_url",
    default=None,
    help="Also load the build into this SPARQL 1.1 store (e.g. oxigraph+http://host:7878).",
)
def build(
    jobs: int,
    force: bool,
    no_validate: bool,
    out: Path | None,
    sources: Path | None,
    reasoner: str,
    store_url: str | None,
) -> None:
    """Convert data/sources, validate, reason, and write the graph atomically."""
    from dataclasses import replace

    from kg.build import BuildOptions
    from kg.build import build as run_build

    options = BuildOptions(
        jobs=max(1, jobs), force=force, validate=not no_validate, reasoner=reasoner
    )
    if out:
        options = replace(options, out=out.resolve())
    if sources:
        options = replace(options, sources=sources.resolve())
    summary = run_build(options, progress=_echo_err)
    _print_summary(summary)
    if store_url:
        _push_build(Path(summary.path), store_url)
    if summary.failed:
        sys.exit(InputError.exit_code)


def _push_build(build_dir: Path, url: str) -> None:
    """Copy a build, graph by graph, to a remote store (reasoning already materialised)."""
    from kg.build import STORE_DIR
    from kg.remote import open_build_store
    from kg.store import Store

    remote = open_build_store(url)
    copied = remote.copy_from(Store(build_dir / STORE_DIR, read_only=True))
    _echo_err(f"loaded {copied} quads into {url}")


def _print_summary(summary) -> None:
    state = "unchanged (cached)" if summary.cached else f"built in {summary.seconds:.2f} s"
    click.echo(f"build {summary.version}: {state}")
    click.echo(f"  path:      {summary.path}")
    click.echo(f"  documents: {summary.documents} from {len(summary.sources)} sources")
    click.echo(f"  acts:      {summary.acts}")
    for act_type, n in summary.acts_by_type.items():
        click.echo(f"    {act_type:<34} {n}")
    click.echo(f"  entities:  {summary.entities}")
    click.echo(
        f"  triples:   {summary.triples_asserted} asserted, {summary.triples_inferred} inferred"
    )
    click.echo(f"  warnings:  {len(summary.warnings)}")
    for warning in summary.warnings:
        click.echo(f"    {warning}")
    for source_id, error in summary.failed:
        click.echo(f"  FAILED {source_id}: {error}")


# -- stats ----------------------------------------------------------------------


@main.command()
def stats() -> None:
    """Summarise the current build."""
    from kg.build import current_build, read_summary
    from kg.errors import StoreError

    directory = current_build()
    if directory is None:
        raise StoreError("no build yet: run `kg build`")
    _print_summary(read_summary(directory, cached=True))


# -- query ----------------------------------------------------------------------


def open_query_store(datasets: Sequence[Path]):
    """The current build's store, or the given RDF files loaded and reasoned in memory."""
    from kg.store import Store

    if datasets:
        from kg.reason import reason_store

        store = Store(union_default_graph=False)
        for path in datasets:
            store.load_file(path)
        reason_store(store)
        return store
    from kg.build import STORE_DIR, current_build
    from kg.errors import StoreError

    directory = current_build()
    if directory is None:
        raise StoreError("no build yet: run `kg build` (or pass --dataset FILE)")
    return Store(directory / STORE_DIR, read_only=True)


@main.command()
@click.argument("args", nargs=-1, required=True)
@click.option("--no-infer", is_flag=True, help="Asserted triples only (no OWL 2 RL inferences).")
@click.option(
    "--dataset",
    "datasets",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Query this RDF file (reasoned) instead of the build; more files may follow it.",
)
@click.option("--store", "store_url", default=None, help="Query this SPARQL 1.1 store instead.")
@click.option("-f", "--format", "fmt", type=click.Choice(QUERY_FORMATS), default="table")
def query(
    args: Sequence[str],
    no_infer: bool,
    datasets: Sequence[Path],
    store_url: str | None,
    fmt: str,
) -> None:
    """Run a SPARQL query (the last argument: a string, @FILE, or - for stdin).

    \b
    kg query 'SELECT ...'                          the current build
    kg query --dataset a.nt.gz b.ttl 'SELECT ...'  RDF files, reasoned
    """
    from kg.results import render

    *more, sparql = args
    if more and not datasets:
        raise InputError(f"unexpected argument {more[0]!r} (only --dataset takes files)")
    text = _query_text(sparql)
    if store_url:
        from kg.remote import open_build_store

        store = open_build_store(store_url)
    else:
        store = open_query_store([*datasets, *map(Path, more)])
    result = store.query(text, infer=not no_infer)
    click.echo(render(result, fmt), nl=False)


def _query_text(arg: str) -> str:
    if arg == "-":
        text = sys.stdin.read()
    elif arg.startswith("@"):
        path = Path(arg[1:])
        if not path.is_file():
            raise InputError(f"{path}: no such query file")
        text = path.read_text("utf-8")
    else:
        text = arg
    if not text.strip():
        raise InputError("empty query")
    return text


# -- reason ---------------------------------------------------------------------


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help=".nt, .nq or .trig")
@click.option("--inferred-only", is_flag=True, help="Write the inferred triples only.")
def reason(files: Sequence[Path], output: Path | None, inferred_only: bool) -> None:
    """Write the OWL 2 RL closure of RDF FILES (N-Triples to stdout by default)."""
    import pyoxigraph as ox

    from kg.reason import reason_store
    from kg.store import Store, rdf_format

    store = Store()
    for path in files:
        store.load_file(path)
    closure = reason_store(store)
    for v in closure.violations:
        log.warning("inconsistency (%s): %s", v.rule, v.message)
    fmt = rdf_format(output) if output else ox.RdfFormat.N_TRIPLES
    if fmt not in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        raise InputError(f"{output}: write .nt, .nq or .trig")
    quads = store.quads(_inferred_graph()) if inferred_only else store.quads()
    if fmt == ox.RdfFormat.N_TRIPLES:
        triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
        data = ox.serialize(sorted(triples, key=str), format=fmt)
    else:
        data = ox.serialize(quads, format=fmt)
    if output:
        output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)


def _inferred_graph() -> str:
    from kg.vocab import GRAPH_INFERRED

    return str(GRAPH_INFERRED)


# -- validate -------------------------------------------------------------------


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def validate(files: Sequence[Path]) -> None:
    """Check the build (or RDF FILES): SHACL shapes, evidence offsets, OWL 2 RL consistency."""
    from kg.validate import validate_files

    report = validate_files(files) if files else validate_files(())
    click.echo(report.text)
    if not report.ok:
        sys.exit(5)


# -- serve ----------------------------------------------------------------------


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--dataset",
    "datasets",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Serve this RDF file (reasoned) instead of the knowledge graph; more may follow it.",
)
@click.option("--query-timeout", type=float, default=10.0, show_default=True)
@click.option("--base-iri", default=None, help="Public base IRI of the instance data.")
@click.option("--workers", type=int, default=None, help="Server processes (default: one per core).")
@click.option(
    "--store",
    "store_url",
    default=None,
    help="Serve a build loaded into this SPARQL 1.1 store (kg build --store URL).",
)
@click.argument("more", nargs=-1, type=click.Path(path_type=Path))
def serve(
    host: str,
    port: int,
    datasets: Sequence[Path],
    more: Sequence[Path],
    query_timeout: float,
    base_iri: str | None,
    workers: int | None,
    store_url: str | None,
) -> None:
    """Build the graph if needed and serve it: SPARQL endpoint, linked data and a web page."""
    import tempfile

    from endpoint.config import EndpointConfig
    from endpoint.serve import make_store_for_datasets, urls
    from endpoint.serve import serve as run_server

    if more and not datasets:
        raise InputError(f"unexpected argument {str(more[0])!r} (only --dataset takes files)")
    datasets = [*datasets, *more]
    config = EndpointConfig.from_env().replace(query_timeout=query_timeout)
    if base_iri:
        config = config.replace(base_iri=base_iri)
    with tempfile.TemporaryDirectory(prefix="kg-serve-") as tmp:
        if store_url:
            config = config.replace(store_url=store_url, store_path=None)
        elif datasets:
            _echo_err(f"loading and reasoning over {len(datasets)} file(s)")
            store_path = make_store_for_datasets(datasets, Path(tmp) / "store")
            config = config.replace(store_path=store_path, union_default_graph=False)
        else:
            from kg.build import STORE_DIR, build

            summary = build(progress=_echo_err)
            _echo_err(f"serving build {summary.version}: {summary.acts} acts")
            config = config.replace(
                store_path=Path(summary.path) / STORE_DIR, union_default_graph=False
            )
        for name, url in urls(host, port).items():
            _echo_err(f"{name}: {url}")
        run_server(config, host=host, port=port, workers=workers)


if __name__ == "__main__":  # pragma: no cover
    main()
