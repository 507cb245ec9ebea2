"""Conversion stages: named, pure functions from an :class:`~kg.records.Analysis` to a new one.

Like spaCy's pipeline components, each stage declares the ``Analysis`` fields it needs
and the fields it sets; :mod:`kg.convert` holds the explicit ordered list and checks that
every need is met by an earlier stage.  A stage module imports :mod:`kg.records` (and
the resolve stage the authority API), never another stage, and touches no files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kg.records import Analysis


@dataclass(frozen=True)
class Stage:
    """A named pipeline component."""

    name: str
    needs: tuple[str, ...]
    sets: tuple[str, ...]
    run: Callable[[Analysis], Analysis]

    def __call__(self, analysis: Analysis) -> Analysis:
        return self.run(analysis)


__all__ = ["Stage"]
