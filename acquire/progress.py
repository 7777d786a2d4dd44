"""Progress lines for the download and import commands: where they go, and how a problem is set under its file."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str], None]  # one line at a time; print by default


def indented(text: str) -> str:
    """``text`` with every line indented by four spaces (a file's problems under its progress line)."""
    return "\n".join(f"    {line}" for line in text.splitlines())
