"""Questions about the seed graph whose answers need OWL 2 RL reasoning.

Each is asked of a real server over the built seed graph, once with reasoning
(the default) and once with ``infer=false``: the first answers, the second does
not, and the response header says which was done.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import requests

from endpoint.config import EndpointConfig
from kg.build import STORE_DIR, BuildOptions, build

PREFIXES = """BASE <https://w3id.org/dipkg/id/>
PREFIX dip: <https://w3id.org/dipkg/ontology#>
"""

QUESTIONS = {
    # cax-sco: a Letter, a Recognition... is a DiplomaticAct only by the class hierarchy
    "subclass: every act that involves the Soviet Union": """
        ASK { ?act a dip:DiplomaticAct ; dip:actor <state/soviet-union> }""",
    # prp-spo1: dip:participant is the super-property of actor, counterpart, intermediary
    "sub-property: the parties of an act, in any role": """
        ASK { ?act dip:participant <person/vyacheslav-molotov> }""",
    # prp-inv1: dip:records is the inverse of dip:recordedIn
    "inverse: what the JTA report of 1953 records": """
        ASK { <doc/003_890de7d9d2c0c7d9> dip:records ?act }""",
    # prp-spo2: acting state = actor then forState (an envoy's state, or a state itself)
    "property chain: acts the Soviet Union performed through its envoys": """
        ASK { ?act dip:actor <person/vyacheslav-molotov> ;
                   dip:actingState <state/soviet-union> }""",
    # prp-symp over a chain: Sharett wrote to Molotov, so each interacted with the other
    "symmetric: whom Molotov interacted with": """
        ASK { <person/vyacheslav-molotov> dip:interactedWith <person/moshe-sharett> .
              <person/moshe-sharett> dip:interactedWith <person/vyacheslav-molotov> }""",
}


@pytest.fixture(scope="module")
def seed_server(tmp_path_factory: pytest.TempPathFactory, server_factory: Callable):
    summary = build(BuildOptions(out=tmp_path_factory.mktemp("questions")))
    config = EndpointConfig(store_path=Path(summary.path) / STORE_DIR, cache=False)
    return server_factory(config)


def ask(server, query: str, **params: str) -> tuple[bool, str]:
    response = requests.get(
        server.sparql,
        params={"query": PREFIXES + query, **params},
        headers={"Accept": "application/sparql-results+json"},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return response.json()["boolean"], response.headers["X-Reasoning"]


@pytest.mark.parametrize("question", list(QUESTIONS))
def test_answer_needs_reasoning(seed_server, question: str) -> None:
    assert ask(seed_server, QUESTIONS[question]) == (True, "owl2rl")
    assert ask(seed_server, QUESTIONS[question], infer="false") == (False, "none")
