"""The architecture is checked, not only described (issue 13).

- the import contracts in pyproject.toml ([tool.importlinter]: layers inside each app, core and
  the base apps import no feature app, no cycles) hold — `make lint` runs them too;
- the dependency table in docs/architecture.md is the one the code's imports give
  (`python scripts/architecture.py --write` regenerates it).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("architecture", ROOT / "scripts/architecture.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_import_contracts_hold():
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint), "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_dependency_table_matches_the_code():
    problems = _script().differences()
    assert not problems, (
        "docs/architecture.md disagrees with the imports "
        "(python scripts/architecture.py --write):\n" + "\n".join(problems)
    )


def test_no_contract_ignores_an_import():
    """Every known cycle is broken (issue 13): a contract may not carry exceptions again."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    assert {c["id"] for c in contracts} >= {"layers", "core", "base", "acyclic"}
    ignored = {c["id"]: c.get("ignore_imports", []) for c in contracts if c.get("ignore_imports")}
    assert not ignored, f"import contracts with ignored imports: {ignored}"
