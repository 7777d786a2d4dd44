"""The app's version for the board pack's notes: the git commit the app runs from, read from ``.git`` by hand
(no git binary, no subprocess)."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SHOWN = 12  # characters of the commit id


def read_app_version(repo_root: Path = REPO_ROOT) -> str:
    """The commit ``repo_root`` is checked out at (12 characters); "" outside a git checkout."""
    git = repo_root / ".git"
    try:
        head = (git / "HEAD").read_text(encoding="utf-8").strip()
        if not head.startswith("ref: "):
            return head[:SHOWN]
        ref = head.removeprefix("ref: ")
        if (git / ref).is_file():
            return (git / ref).read_text(encoding="utf-8").strip()[:SHOWN]
        packed = (git / "packed-refs").read_text(encoding="utf-8").splitlines()
        return next((line.split()[0][:SHOWN] for line in packed if line.endswith(" " + ref)), "")
    except OSError:
        return ""
