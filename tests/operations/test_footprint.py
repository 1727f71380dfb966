"""What a web process holds after start-up (issue 11: ≤ 150 MB RSS per app process under load).

Each of the topology's web processes runs `mpp.serve.get_application()`: Django's set-up, then
the warm-up (templates, URL tables, translation catalogues, the stemmer). Libraries that only
one page or one background job needs — the spreadsheet reader and writer, the image and PDF
libraries — must not be loaded there by an import at module level: each would sit in every
web process's memory all day (an unused admin import/export app did: ≈ 9 MB and 240 modules
per process, ADR 0026). They are imported inside the function that uses them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# The top-level packages a warmed-up web process must not hold, with who needs them.
ON_DEMAND = {
    "openpyxl": "the catalogue spreadsheet import/export, the complaint exports",
    "PIL": "photos on complaints, scans on applications",
    "weasyprint": "PDF receipts and reports",
    "pypdf": "the upload check of PDFs",
    "tablib": "nothing (django-import-export's, removed)",
    "import_export": "nothing (removed)",
    "yaml": "nothing in a web process",
}

PROBE = """
import json, sys
from mpp.serve import get_application
get_application()
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_warmed_up_web_process_does_not_load_on_demand_libraries():
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
        "DJANGO_SETTINGS_MODULE": "mpp.settings",
        "DEBUG": "false",
        "SECRET_KEY": "footprint-test-" + "x" * 40,
        "MPP_SERVE_WARM": "1",
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert "mpp" in loaded and "django" in loaded  # the probe did start the application
    held = {name: why for name, why in ON_DEMAND.items() if name in loaded}
    assert not held, f"loaded at start-up by every web process: {held}"
