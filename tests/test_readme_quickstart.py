"""The README's quick start is what CI runs: the marked blocks exist and are run as written."""

from __future__ import annotations

import re

from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
CI_SCRIPT = (REPO / ".ci" / "run").read_text(encoding="utf-8")


def _block(name: str) -> str:
    match = re.search(rf"<!-- ci: {name} -->\n```sh\n(.*?)\n```", README, re.S)
    assert match, f"README.md has no ```sh block after <!-- ci: {name} -->"
    return match.group(1)


def test_the_demo_block_makes_a_fresh_venv_installs_and_publishes():
    demo = _block("demo")
    assert demo.startswith("python3 -m venv .venv && . .venv/bin/activate")
    assert "pip install -e ." in demo and "melder run --once" in demo


def test_the_tests_block_installs_the_test_extra_and_runs_pytest():
    tests = _block("tests")
    assert "pip install -e '.[test]'" in tests and tests.endswith("pytest")


def test_ci_runs_the_readme_blocks_with_the_pip_the_venv_brings():
    assert "readme_block demo" in CI_SCRIPT and "readme_block tests" in CI_SCRIPT
    assert not re.search(r"pip install[^\n]*(--upgrade|-U)\s+pip", CI_SCRIPT)
    assert "pip install" not in CI_SCRIPT.replace("apt-get install", "")
