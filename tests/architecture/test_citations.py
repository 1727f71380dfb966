"""The repository stands alone (issue 13): code and docs cite only files inside it.

The domain facts, the peers' lessons, the reliability requirements and the design conventions
live in docs/ (`domain-facts.md`, `peers.md`, `reliability.md`, `conventions.md`) with their
sources; nothing names the briefing files they came from, and every `docs/…` path the code or
docs/architecture.md cites exists (the reference pages themselves also quote other projects'
`docs/…` paths).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEXT = {".py", ".md", ".html", ".txt", ".css", ".js", ".toml", ".json"}
OUTSIDE = re.compile(r"\b(FACTS|PEERS|RELIABILITY|DESIGN)\.md\b")
DOC_PATH = re.compile(r"\bdocs/[\w./-]+\.(?:md|csv|json|png)\b")


#: Cited by code merged before its document: the ADR is being written on its branch. Remove the
#: entry when the file lands (the last test fails then, so this list only shrinks).
PENDING: set[str] = set()


def _files():
    for top in ("mpp", "docs"):
        for path in (ROOT / top).rglob("*"):
            if path.is_file() and path.suffix in TEXT and "migrations" not in path.parts:
                yield path


def test_nothing_cites_files_outside_the_repository():
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in _files()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert not found, "cite docs/domain-facts.md, peers.md, reliability.md, conventions.md:\n" + (
        "\n".join(found)
    )


def test_cited_docs_exist():
    missing = sorted(
        {
            f"{path.relative_to(ROOT)}: {cited}"
            for path in _files()
            if path.parts[len(ROOT.parts)] == "mpp" or path.name == "architecture.md"
            for cited in DOC_PATH.findall(path.read_text(encoding="utf-8"))
            if not (ROOT / cited.rstrip(".")).exists() and cited not in PENDING
        }
    )
    assert not missing, "\n".join(missing)


def test_pending_documents_are_still_missing():
    assert not [name for name in PENDING if (ROOT / name).exists()], "remove them from PENDING"
