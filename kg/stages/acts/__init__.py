"""Stage ``acts``: sentences → diplomatic acts, by trigger patterns with argument roles.

Each pattern is a verb or noun trigger ("severed diplomatic relations", "X's visit to Y")
of one act type.  Arguments come from the resolved mentions around the trigger: the
subject to its left (or "by X" for a passive, "X's" for a noun), the object or the
"with"/"to"/"between" phrase to its right; a subject pronoun ("It also expressed ...")
stands for the previous sentence's actor of the same kind.  The date is the one in the
trigger's clause, else one the context fixes ("during that visit", the year a paragraph
opened with), never a guess beyond that: a partial date stays partial.  Negated,
hypothetical, habitual, reported or modal triggers ("did not materialize", "was ready to
resume", "often", "told him that the renewal") give no act.  Precision first: an act needs
at least one resolved participant and whatever its type cannot do without.

A party the text implies is filled in (:class:`~kg.stages.acts.world.World`): a visit to a
city is a visit to the state it lay in that year; a change of relations, a note or an
agreement with one party named is with the text's other principal state; a letter without
an addressee answers whoever wrote to its author; receiving a visitor is a meeting and his
visit.  The same event told twice is one act (:func:`~kg.stages.acts.merge.merge_repeats`).
Inner documents of a collection give acts of their own: a letter, telegram, note or
memorandum is a correspondence of its author to its recipient, a press statement a public
statement.  Photo captions that tell of an event are read too.

The modules, one job each:

- :mod:`.patterns`: the trigger patterns and the act types of relations;
- :mod:`.guards`: triggers that tell of no act (negated, modal, hypothetical, reported);
- :mod:`.arguments`: parts, clauses and the roles a trigger gives them;
- :mod:`.dating`: an act's date, and the dates in force as the text is read;
- :mod:`.world`: what the whole text says of its states; the parties it implies;
- :mod:`.derived`: acts of headings, of gapped repeats, of "did the same";
- :mod:`.merge`: repeats, replies, statements made at meetings;
- :mod:`.pipeline`: ``run``, the steps in order.
"""

from __future__ import annotations

from kg.stages import Stage
from kg.stages.acts.dating import ordinal, relative_date
from kg.stages.acts.patterns import PATTERNS, RELATIONS, Pattern
from kg.stages.acts.pipeline import run

# the names tests/test_stage_context.py knows these helpers by
_ordinal = ordinal
_relative_date = relative_date

STAGE = Stage(
    name="acts",
    needs=("text", "sentences", "captions", "mentions", "documents", "entities", "authority"),
    sets=("acts", "entities"),
    run=run,
)

__all__ = ["PATTERNS", "RELATIONS", "STAGE", "Pattern", "ordinal", "relative_date", "run"]
