"""AppTest: a broken checklist file is an error on the Action checklist page, not a crash. The page's sections, saved
forms, download and uploads on the bundled checklist are back-tested in tests/backtest/test_checklist_page.py."""

import shutil

from core.paths import ENV_BUNDLED_DIR
from loaders import checklist
from tests.conftest import BUNDLED, set_cell
from tests.support.apptest import open_page


def test_a_broken_checklist_file_is_an_error_not_a_crash(app_without_open_data, monkeypatch, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    for name in (checklist.ITEMS_FILE, checklist.SOURCES_FILE, checklist.FORUMS_FILE):
        shutil.copyfile(BUNDLED / name, folder / name)
    set_cell(folder / checklist.ITEMS_FILE, 0, "sources", "000;999")  # row 2
    monkeypatch.setenv(ENV_BUNDLED_DIR, str(folder))
    at = open_page(app_without_open_data, "pages/checklist.py")
    assert "row 2, column 'sources': '999' is not a source_id in checklist_sources.csv" in at.error[0].value
