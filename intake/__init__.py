"""Partners' files (uploaded figures, checklist progress) read from their bytes in memory, never from disk."""
