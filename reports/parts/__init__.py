"""The board pack's parts, one module each: comparison, map, local need, partners' figures, checklist."""
