"""What the app's server imports: the libraries that only make files (images, decks, workbooks) load when a file is
made, not with the pages (vl-convert alone holds about 8 MiB)."""

import json
import subprocess
import sys

from tests.conftest import REPO_ROOT

PROBE = """
import importlib, json, sys
modules = ["ui.chrome", "ui.blocks", "ui.pickers", "ui.state", "settings", "ui.cache", "loaders.schemas",
           "loaders.population", "loaders.checklist", "loaders.local", "loaders.national", "intake.uploads",
           "loaders.cohort_facts", "core.paths", "core.catalogue", "ui.assets", "loaders.web_layer", "charts.maps",
           "present.map_view",
           "charts.export", "charts.static_map", "charts.hexmap", "charts.trend", "charts.spine", "charts.forest",
           "charts.compare", "charts.local_need", "reports.content", "reports.deck", "analysis.disclosure",
           "analysis.your_data", "analysis.profile", "analysis.local_need", "analysis.trend"]
for name in modules:
    importlib.import_module(name)
print(json.dumps(sorted(m for m in ("vl_convert", "pptx", "openpyxl") if m in sys.modules)))
"""


def test_pages_do_not_load_the_file_export_libraries():
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO_ROOT, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
