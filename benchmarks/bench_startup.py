"""CPU a `melder` command costs before it does anything, run on demand.

    python benchmarks/bench_startup.py [--rounds 5]

Runs `melder --help`, `melder queue` and `melder queue --json` (stdout a pipe) on a copy of the
demo root as fresh processes and prints the best user+system CPU seconds of each, then the
slowest imports of `melder queue` from `python -X importtime` (cumulative microseconds), to show
where a start still goes.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COMMANDS = (["--help"], ["queue"], ["queue", "--json"])
# as a user runs it: the first start has written the bytecode that later starts read
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def cpu_of(args: list[str], root: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        cwd=root,
        env={**ENV, "MELDER_ROOT": str(root)},
        check=True,
        capture_output=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def slowest_imports(root: Path, count: int = 12) -> list[tuple[int, str]]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "pipeline", "queue"],
        cwd=root,
        env={**ENV, "MELDER_ROOT": str(root)},
        capture_output=True,
        text=True,
    )
    rows = []
    for line in result.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].rstrip()))
    return sorted(rows, reverse=True)[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name in ("sources", "outputs"):
            shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("melder"))
        shutil.copy(REPO / "schedule.toml", root)
        subprocess.run(
            [sys.executable, "-m", "pipeline", "ingest"], cwd=root, check=True, capture_output=True
        )
        for args in COMMANDS:
            cpu_of(args, root)  # warm-up: bytecode written
            best = min(cpu_of(args, root) for _ in range(rounds))
            print(f"melder {' '.join(args):<8} {best:.3f} s CPU (best of {rounds})")
        print("slowest imports of `melder queue` (cumulative µs):")
        for micros, module in slowest_imports(root):
            print(f"  {micros:>9,} {module}")


if __name__ == "__main__":
    main()
