"""The house order: stages import one way only, no module imports itself in a circle.

Data flows sources → ingest → extract/normalize → store → review → publish; `runner` names the
stages, `schedule` runs them, `web` and `cli` are shells on top; `config`, `models`, `states`,
`errors` and `atomic` are the floor. A stage may import the stages below it in LAYERS (the ones
whose output it takes in), never one above or beside it. `extract` sits below `ingest` because the
HTML and e-mail readers call its functions; it knows nothing of sources. Imports under
`if TYPE_CHECKING:` count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "pipeline"

# Top to bottom; names in one tuple are one layer and may not import each other.
LAYERS: list[tuple[str, ...]] = [
    ("cli",),
    ("web",),
    ("schedule",),
    ("runner",),
    ("publish",),
    ("review",),
    ("store",),
    ("normalize", "media"),
    ("ingest",),
    ("extract",),
    ("config",),
    ("models", "errors", "atomic"),
    ("states",),
]


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                targets.add(submodule if submodule in MODULES else base)
    return {target for target in targets if target in MODULES}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _stage(module: str) -> str:
    return module.split(".")[1] if "." in module else module


def _layer(stage: str) -> int:
    for index, names in enumerate(LAYERS):
        if stage in names:
            return index
    raise AssertionError(f"pipeline.{stage} is in no layer: add it to LAYERS and the README")


def test_every_stage_has_a_layer():
    for module in MODULES:
        if module != "pipeline" and module != "pipeline.__main__":
            _layer(_stage(module))


def test_no_stage_imports_a_stage_above_it_or_beside_it():
    wrong = []
    for module, targets in GRAPH.items():
        if module in ("pipeline", "pipeline.__main__"):
            continue
        here = _stage(module)
        for target in targets:
            there = _stage(target)
            if there == here or target == "pipeline":
                continue
            if _layer(there) <= _layer(here):
                wrong.append(f"{module} imports {target}")
    assert not wrong, "imports against the flow:\n" + "\n".join(sorted(wrong))


def test_no_import_cycles():
    cycles = []
    state: dict[str, int] = {}  # 1 on the path, 2 done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(GRAPH[module]):
            if state.get(target) == 1:
                cycles.append(" → ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_every_package_says_what_comes_in_goes_out_and_what_it_may_import():
    for module, path in MODULES.items():
        if path.name == "__init__.py" and module != "pipeline":
            doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
            assert "In:" in doc and "Out:" in doc and "May import" in doc, module


def test_modules_stay_small_enough_to_read_at_once():
    long = []
    for module, path in MODULES.items():
        source = path.read_text(encoding="utf-8")
        doc = ast.get_docstring(ast.parse(source)) or ""
        if source.count("\n") > 400 and "Longer than" not in doc:
            long.append(f"{module}: {source.count(chr(10))} lines")
    assert not long, (
        "split these, or say in the docstring why not ('Longer than …'):\n" + "\n".join(long)
    )
