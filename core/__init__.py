"""Vocabulary and value types any layer may use: codes, labels, periods, paths, errors, catalogue, map layer."""
