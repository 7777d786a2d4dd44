"""The error of a download that failed: an HTTP error, an error answer, or content that is not what was asked."""

from __future__ import annotations


class DownloadError(Exception):
    """A download failed: an HTTP error, an error answer from the service, or content that is not what was asked
    (a converter finding a publisher's file in another layout raises it too)."""
