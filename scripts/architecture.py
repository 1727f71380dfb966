"""Which app imports which, read from the code (issue 13).

    python scripts/architecture.py            print each app's dependencies
    python scripts/architecture.py --check    exit 1 when docs/architecture.md disagrees
    python scripts/architecture.py --write    rewrite the "depends on" column of the table

The graph is the one `lint-imports` checks (grimp: every `import` in `mpp/`, also those inside
functions; migrations aside, whose dependencies are strings). `tests/architecture/` runs the
check, so the table in docs/architecture.md cannot drift from the code.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"

#: Apps from the bottom up: a dependency list is printed in this order.
ORDER = (
    "core",
    "audit",
    "accounts",
    "notifications",
    "catalog",
    "queueing",
    "applications",
    "feedback",
    "facilities",
    "transparency",
    "national",
    "operations",
    "demo",
)
ROW = re.compile(r"^\| `mpp\.(?P<app>\w+)` \|(?P<holds>.*)\| (?P<deps>[^|]*) \|$")


def _apps(graph: grimp.ImportGraph) -> list[str]:
    found = {m.split(".")[1] for m in graph.find_children("mpp") if graph.find_children(m)}
    found.discard("locale")
    unknown = found - set(ORDER)
    if unknown:
        raise SystemExit(f"new app(s) {sorted(unknown)}: add them to ORDER in {__file__}")
    return [a for a in ORDER if a in found]


def dependencies() -> dict[str, list[str]]:
    """For each app (a package under mpp/), the other apps its modules import."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    graph = grimp.build_graph("mpp", cache_dir=None)
    apps = _apps(graph)
    deps: dict[str, list[str]] = {}
    for app in apps:
        uses = set()
        for other in apps:
            if other == app:
                continue
            found = graph.find_matching_direct_imports(
                import_expression=f"mpp.{app}.** -> mpp.{other}.**"
            )
            if any(".migrations." not in imp["importer"] for imp in found):
                uses.add(other)
        deps[app] = [a for a in ORDER if a in uses]
    return deps


def render(deps: list[str]) -> str:
    return ", ".join(deps) if deps else "—"


def documented() -> dict[str, str]:
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            rows[match["app"]] = match["deps"].strip()
    return rows


def differences() -> list[str]:
    """What docs/architecture.md gets wrong about the code's dependencies (empty: nothing)."""
    actual = dependencies()
    doc = documented()
    problems = []
    for app, deps in actual.items():
        if app == "demo":  # described below the table: it sits on top of every app
            continue
        if app not in doc:
            problems.append(f"mpp.{app}: no row in the table")
        elif doc[app] != render(deps):
            problems.append(f"mpp.{app}: documented {doc[app]!r}, code {render(deps)!r}")
    problems += [f"mpp.{app}: row for an app that does not exist" for app in doc.keys() - actual]
    return problems


def write() -> None:
    actual = dependencies()
    lines = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match and match["app"] in actual:
            deps = render(actual[match["app"]])
            lines.append(f"| `mpp.{match['app']}` |{match['holds']}| {deps} |")
        else:
            lines.append(line)
    DOC.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    if "--write" in argv:
        write()
    if "--check" in argv or "--write" in argv:
        problems = differences()
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    for app, deps in dependencies().items():
        print(f"mpp.{app:<14} {render(deps)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
