"""Where the project's files live.

The package is installed editable from the repository, so the data, the ontology
and the build directory are found next to it.  ``KG_HOME`` points elsewhere (a
copy of the repository's ``data/`` and ``ontology/``), ``KG_BUILD_DIR`` moves the
build output.
"""

from __future__ import annotations

import os
from pathlib import Path


def home() -> Path:
    """The project directory holding ``data/`` and ``ontology/``."""
    env = os.environ.get("KG_HOME")
    return Path(env).resolve() if env else Path(__file__).resolve().parents[1]


def data_dir() -> Path:
    return home() / "data"


def sources_dir() -> Path:
    return data_dir() / "sources"


def authority_dir() -> Path:
    return data_dir() / "authority"


def manifest_path() -> Path:
    return data_dir() / "sources.yaml"


def ontology_dir() -> Path:
    return home() / "ontology"


def ontology_path() -> Path:
    return ontology_dir() / "dipkg.ttl"


def shapes_path() -> Path:
    return ontology_dir() / "shapes.ttl"


def build_root() -> Path:
    env = os.environ.get("KG_BUILD_DIR")
    return Path(env).resolve() if env else home() / "build"
