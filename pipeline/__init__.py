"""Melder: press releases in, validated and disclaimed feeds and HTML snippets out.

Data flows sources → `ingest` (kinds, readers, HTTP) → `extract`/`normalize` → `store` →
`review` → `publish`; `runner` names those steps, `schedule` runs them on time, and `web` and
`cli` are thin shells over the same functions. `config`, `models`, `errors` and `atomic` are
the floor every stage stands on. Imports go one way only: a stage imports the stages whose
output it takes in, never a later one (README "Layout"; `tests/architecture/` enforces it).
"""
