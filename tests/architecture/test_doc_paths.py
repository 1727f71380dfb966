"""docs/architecture.md is a map a maintainer can trust: every module, file and dotted name it
points at exists (issue 13: "find where any rule lives from docs/architecture.md alone")."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "architecture.md"
APPS = {p.name for p in (ROOT / "mpp").iterdir() if (p / "__init__.py").exists()}

#: `mpp/…` and `docs/…` paths (a file, or a folder when it ends with "/").
PATH = re.compile(r"\b((?:mpp|docs|deploy|scripts|tests)/[\w./-]*[\w/])")
#: `accounts/access.py`: a path inside an app, as the text often says it.
_APP_NAMES = "|".join(sorted(APPS))
APP_PATH = re.compile(rf"(?<![\w/.])((?:{_APP_NAMES})/[\w/]+\.py)\b")
#: `mpp.core.rules.staff_scope`: a module, optionally followed by attributes.
DOTTED = re.compile(r"`(mpp(?:\.\w+)+)")


def _exists(path: str) -> bool:
    """A file or folder; "docs/adr/0016" names the ADR whose file starts with it."""
    target = ROOT / path.rstrip(".")
    return target.exists() or any(target.parent.glob(target.name + "-*"))


def _text() -> str:
    return DOC.read_text(encoding="utf-8")


def _resolves(dotted: str) -> bool:
    parts = dotted.split(".")
    for cut in range(len(parts), 1, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for name in parts[cut:]:
            if not hasattr(target, name):
                return False
            target = getattr(target, name)
        return True
    return False


def test_every_path_in_the_architecture_doc_exists():
    paths = set(PATH.findall(_text()))
    assert "mpp/core/rules.py" in paths  # the pattern finds what the doc names
    missing = sorted(p for p in paths if not _exists(p))
    assert not missing, f"docs/architecture.md names files that do not exist: {missing}"


def test_every_app_relative_path_in_the_architecture_doc_exists():
    paths = set(APP_PATH.findall(_text()))
    assert "catalog/confirmation.py" in paths
    missing = sorted(p for p in paths if not (ROOT / "mpp" / p).exists())
    assert not missing, f"docs/architecture.md names modules that do not exist: {missing}"


def test_every_dotted_name_in_the_architecture_doc_resolves():
    names = set(DOTTED.findall(_text()))
    assert "mpp.core.rules.staff_scope" in names
    missing = sorted(n for n in names if not _resolves(n))
    assert not missing, (
        f"docs/architecture.md names modules or functions that do not exist: {missing}"
    )


def test_the_rule_map_names_a_module_for_every_rule():
    section = _text().split("## Where each rule lives", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    rules = [row for row in rows if not row.startswith("| rule ")]
    assert len(rules) >= 40
    without = [row for row in rules if not PATH.search(row)]
    assert not without, f"rows without a module path: {without}"
