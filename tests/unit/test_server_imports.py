"""What the app's server loads. The server draws prebuilt map layers, so the boundary toolchain (geopandas, shapely,
pyproj: about 14 MiB) never loads in it, not even through pandera, which looks for geopandas on every schema it builds
or validates; and the libraries that only make files (images, decks, workbooks) load when a file is made, not with
the pages (vl-convert alone holds about 8 MiB).

The probe imports every project module that app.py and the pages reach (tests/support/import_graph.py) BEFORE the
runtime setup, as a fresh server does when its first request is a deep link (Streamlit then runs the page file, and
its imports, before app.py), so nothing may build a pandera schema at import; then it applies app.py's runtime setup
(``runtime.configure_server_process()``) and reads and validates the bundled data through pandera as the pages do,
in a fresh interpreter.
"""

import json
import subprocess
import sys

from tests.support.import_graph import project_modules, reachable_from
from tests.support.open_data import REPO_ROOT

BOUNDARY_TOOLCHAIN = ("geopandas", "shapely", "pyproj")
FILE_MAKERS = ("vl_convert", "pptx", "openpyxl")


def server_modules() -> list[str]:
    """Every project module that app.py and the pages import, directly or not (read from the source; app.py and
    the pages themselves are scripts that draw, so they are not imported)."""
    scripts = {"app"} | {module for module in project_modules() if module.startswith("pages.")}
    return sorted(reachable_from(scripts) - scripts)


PROBE = """
import importlib, json, sys
for name in json.loads(sys.argv[1]):
    try:
        importlib.import_module(name)
    except Exception as error:
        raise SystemExit(f"importing {name}: {error!r}") from error
from ui import runtime
runtime.configure_server_process()
from core import paths
from loaders import national
national.load_national_evidence(paths.bundled_data_dir())  # pandera builds and validates its schemas here
print(json.dumps(sorted(name for name in json.loads(sys.argv[2]) if sys.modules.get(name) is not None)))
"""


def loaded_by_the_server(watched: tuple[str, ...]) -> list[str]:
    """Which of ``watched`` a fresh server process has loaded (a module marked absent, None, does not count)."""
    result = subprocess.run([sys.executable, "-c", PROBE, json.dumps(server_modules()), json.dumps(watched)],
                            cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=False)
    problems = [line for line in result.stderr.splitlines() if "No runtime found" not in line]
    assert result.returncode == 0, "\n".join(problems[-25:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_server_modules_are_found():
    modules = server_modules()
    assert {"ui.cache", "ui.runtime", "ui.chrome", "charts.maps", "loaders.national", "settings"} <= set(modules)
    assert not any(name.startswith(("acquire", "pages", "bench")) for name in modules)


def test_the_server_never_loads_the_boundary_toolchain_or_the_file_export_libraries():
    assert loaded_by_the_server(BOUNDARY_TOOLCHAIN + FILE_MAKERS) == []
