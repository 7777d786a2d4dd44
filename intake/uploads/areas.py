"""Areas as partners write them: a GSS code (current, former or old) or a name, matched with the names in the LAD
-> UTLA lookup, the code changes and (optionally) every name mySociety lists for English councils."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from core.codes import ENGLAND, GSS_CODE_PATTERN

_NAME_PREFIXES = ("royal borough of ", "london borough of ", "metropolitan borough of ", "borough of ",
                  "city and county of ", "county of ", "city of ", "county ", "the ")
_NAME_SUFFIXES = (" metropolitan borough council", " borough council", " district council", " county council",
                  " city council", " council", " unitary authority", " ua", " city of", " county of", " county",
                  " city")
_KEEP_WHOLE = frozenset({"city of london"})


def normalise_area_name(text: str) -> str:
    """The key an area name is matched on: 'Bristol, City of', 'City of Bristol' and 'Bristol City Council'
    are all 'bristol'; 'Kingston-upon-Hull' and 'Kingston upon Hull, City of' are 'kingston on hull'."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("&", " and ").replace("'", "").replace("\u2019", "").replace(".", "")
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    words = ["st" if word == "saint" else "on" if word == "upon" else word for word in words]
    key = " ".join(words)
    if key in _KEEP_WHOLE:
        return key
    changed = True
    while changed and key:
        changed = False
        for prefix in _NAME_PREFIXES:
            if key.startswith(prefix) and len(key) > len(prefix) and key not in _KEEP_WHOLE:
                key, changed = key[len(prefix):], True
        for suffix in _NAME_SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix) and key not in _KEEP_WHOLE:
                key, changed = key[: -len(suffix)], True
    return key


@dataclass(frozen=True)
class Place:
    """Where an area as written goes: a code (with a note on how it was read), or a problem."""

    code: str | None = None
    note: str | None = None  # how a name or former code was read (shown in notes / code_note)
    problem: str | None = None
    via_name: bool = False


class AreaMatcher:
    """Resolves what a user wrote in the area columns to a GSS code (current, or old for map_to_current_codes)."""

    def __init__(self, lookup: pd.DataFrame, changes: pd.DataFrame, area_names: pd.DataFrame | None = None):
        self.changes = changes
        self.names: dict[str, str] = {}
        self.area_type: dict[str, str] = {}
        for row in lookup.itertuples(index=False):
            self.names[row.lad_code] = row.lad_name
            self.names[row.utla_code] = row.utla_name
        for code in self.names:
            self.area_type[code] = "lad" if code.startswith("E07") else "utla"
        self.current = frozenset(self.names)
        self.regions = frozenset(lookup["region_code"])
        self.region_keys = {normalise_area_name(name): code
                            for code, name in zip(lookup["region_code"], lookup["region_name"], strict=True)}
        self.region_keys["england"] = ENGLAND
        self.old_names: dict[str, str] = {}
        for row in changes.itertuples(index=False):
            self.old_names.setdefault(row.old_code, row.old_name)
            if row.new_code not in self.current:
                self.old_names.setdefault(row.new_code, row.new_name)
        self.changed = frozenset(changes["old_code"]) | frozenset(changes["new_code"])
        self.former: dict[str, str] = {}
        official: dict[str, set[str]] = {}
        for code, name in self.names.items():
            official.setdefault(normalise_area_name(name), set()).add(code)
        self.official_keys = frozenset(key for key in official if key)
        current_keys: dict[str, set[str]] = {key: set(codes) for key, codes in official.items()}
        old_keys: dict[str, set[str]] = {}
        for code, name in self.old_names.items():
            old_keys.setdefault(normalise_area_name(name), set()).add(code)
        if area_names is not None:
            self._add_names(area_names, current_keys, old_keys)
        # A name in force wins over an abolished council's name (Dorset, Somerset, North Yorkshire ...).
        self.index: dict[str, frozenset[str]] = {key: frozenset(codes) for key, codes in old_keys.items()}
        self.index.update({key: frozenset(codes) for key, codes in current_keys.items() if key})
        self._keys = sorted(self.index)

    def _add_names(self, area_names: pd.DataFrame, current_keys: dict[str, set[str]],
                   old_keys: dict[str, set[str]]) -> None:
        """mySociety's names of councils in force and of those in the code changes, and their former codes."""
        for row in area_names.itertuples(index=False):
            key = normalise_area_name(row.name)
            if row.code in self.current:
                current_keys.setdefault(key, set()).add(row.code)
                for former in str(row.former_codes or "").split(","):
                    if GSS_CODE_PATTERN.match(former.strip()):
                        self.former[former.strip()] = row.code
            elif row.code in self.changed:
                old_keys.setdefault(key, set()).add(row.code)

    def label(self, code: str) -> str:
        return f"{self.names.get(code) or self.old_names.get(code) or code} ({code})"

    def name(self, code: str) -> str | None:
        return self.names.get(code) or self.old_names.get(code)

    def resolve(self, code_text: str, name_text: str) -> Place:
        """From the code cell when it has one, else the name cell."""
        if code_text:
            place = self.resolve_code(code_text)
            if place.problem is None and name_text:
                clash = self._name_clash(place.code, name_text)
                if clash:
                    return Place(problem=clash)
            return place
        return self.resolve_name(name_text)

    def resolve_code(self, text: str) -> Place:
        code = text.strip().upper()
        if not GSS_CODE_PATTERN.match(code):
            if re.match(r"^[A-Z]\d{4,10}$", code):
                return Place(problem=f"'{text}' is not a GSS code: a GSS code is a letter and 8 digits, "
                                      "e.g. E06000023")
            return self.resolve_name(text)  # a name in the code column
        if code in self.current or code in self.changed:
            return Place(code)
        if code in self.former:
            new = self.former[code]
            return Place(new, note=f"{code} is a former code of {self.names[new]}: recoded to {new}")
        if code in self.regions or code.startswith("E12"):
            return Place(problem=f"{code} is a region code: give a district, unitary authority or county code")
        if code.startswith(("E92", "K")):
            return Place(problem=f"{code} is a country code: give a district, unitary authority or county code")
        if not code.startswith("E"):
            return Place(problem=f"{code} is not in England: the app covers local authorities in England only")
        return Place(problem=f"{code} is not the code of a local authority in England (district, unitary "
                              "authority or county, April 2023 codes or older)")

    def resolve_name(self, text: str) -> Place:
        key = normalise_area_name(text)
        codes = self.index.get(key)
        if codes and key not in self.official_keys:
            # An alternative name that also starts another council's name ("Newcastle") is not taken as either.
            longer = {code for other in self.official_keys if other.startswith(key + " ")
                      for code in self.index[other]}
            if longer - codes:
                codes = codes | longer
        if codes and len(codes) == 1:
            (code,) = codes
            exact = " ".join(str(text).split()).casefold() == (self.name(code) or "").casefold()
            note = None if exact else f"'{text}' read as {self.label(code)}"
            return Place(code, note=note, via_name=True)
        if not codes and key in self.region_keys:
            kind = "a country" if key == "england" else "a region"
            return Place(problem=f"area '{text}' is {kind} ({self.region_keys[key]}): give a district, unitary "
                                  "authority or county")
        suggestions = sorted(codes) if codes else self._suggest(key)
        if suggestions:
            listed = [self.label(code) for code in suggestions]
            choice = listed[0] if len(listed) == 1 else f"{', '.join(listed[:-1])} or {listed[-1]}"
            return Place(problem=f"area '{text}' is ambiguous or unknown: did you mean {choice}?")
        return Place(problem=f"area '{text}' is ambiguous or unknown: no local authority in England has a similar "
                              "name. Give its GSS code (e.g. E06000023) or its name as ONS writes it")

    def _suggest(self, key: str) -> list[str]:
        if not key:
            return []
        keys = [k for k in self._keys if k.startswith(key + " ")]
        keys += difflib.get_close_matches(key, self._keys, n=5, cutoff=0.75)
        codes: list[str] = []
        for match in keys:
            for code in sorted(self.index[match], key=lambda c: (c not in self.current, c)):
                if code not in codes:
                    codes.append(code)
        return codes[:4]

    def _name_clash(self, code: str, name_text: str) -> str | None:
        """A problem when the name given beside a current code is unmistakably a different area. (Beside an old
        code, the old or the new name may be given: map_to_current_codes decides where the row goes.)"""
        codes = self.index.get(normalise_area_name(name_text))
        if code not in self.current or not codes or code in codes or len(codes) != 1:
            return None
        (other,) = codes
        return (f"area code {code} is {self.name(code) or 'a different area'}, but the area name is '{name_text}' "
                f"({other}): check which is right")
