"""dipkg: a knowledge graph of diplomatic history.

Text flows one way: source text -> cleaned text and structure -> mentions ->
resolved entities -> act records -> triples -> store -> HTTP.  The stages live
in :mod:`kg.stages`; :mod:`kg.convert` is the only module that knows their order.
"""

__version__ = "0.1.0"
