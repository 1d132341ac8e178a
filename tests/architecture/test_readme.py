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


def _layout_block() -> list[str]:
    section = README.split("## Layout", 1)[1]
    match = re.search(r"```\n(.*?)\n```", section, re.S)
    assert match, "README.md: the Layout section has no code block"
    return match.group(1).splitlines()


def _layout_paths() -> set[str]:
    """Every module the README's layout names, as a path: indentation says which folder."""
    paths, folders = set(), []  # folders: (indent, path) from the outermost in
    for line in _layout_block():
        if not line.startswith(("pipeline/", " ")):
            continue
        indent = len(line) - len(line.lstrip())
        while folders and folders[-1][0] >= indent:
            folders.pop()
        parent = folders[-1][1] if folders else ""
        first = line.split()[0]
        if first.endswith("/"):
            folders.append((indent, parent + first))
        elif first.endswith(".py"):
            # a module line: "name.py  what it does"; a list line: "a.py b.py c.py"
            words = line.strip().split("  ")[0].split()
            paths.update(parent + word for word in words if word.endswith(".py"))
    return paths


def test_the_readme_layout_names_every_module_and_nothing_else():
    actual = {
        str(path.relative_to(REPO))
        for path in (REPO / "pipeline").rglob("*.py")
        if path.name != "__init__.py" and "migrations" not in path.parts
    }
    listed = _layout_paths()
    assert not actual - listed, f"add to README.md's Layout: {sorted(actual - listed)}"
    assert not listed - actual, (
        f"README.md's Layout names missing modules: {sorted(listed - actual)}"
    )
