"""The README tells the truth: its two set-up commands, CI's command, the rules table."""

from __future__ import annotations

import re
from pathlib import Path

from kg.reason import RULES, rules_markdown

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")


def setup_commands() -> list[str]:
    block = re.search(r"```sh\n(.*?)```", README, re.DOTALL)
    assert block, "the README opens with a sh block"
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]


def test_readme_opens_with_run_and_test_commands() -> None:
    run, test = setup_commands()
    assert run.startswith("python3 -m pip install -e .") and run.endswith("kg serve")
    assert "pytest" in test and "[test]" in test


def test_ci_runs_the_readme_test_command() -> None:
    _, test = setup_commands()
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert test.replace("python3 -m pip install", "python3 -m pip install -q") in ci


def test_reasoning_section_lists_every_rule() -> None:
    assert rules_markdown().strip() in README
    assert all(f"| {rule} |" in README for rule, _status, _note in RULES)
