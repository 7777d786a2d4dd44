"""Statistical disclosure control for counts of people: the rules, the totals they protect and primary suppression
(issue 6); secondary suppression is in analysis/disclosure/secondary.py.

Run every frame that holds counts of people through ``suppress`` before anything is drawn, put in a
tooltip or map, or downloaded. What comes back has each suppressed figure as NaN, so no chart, map or
table can show it, plus ``suppressed`` (bool) and ``suppression_reason`` columns. ``SuppressedFrame.display``
(or ``to_display``) writes "suppressed (<5)" in those cells for tables and CSVs, never 0 and never a blank,
and ``safe_csv_bytes`` checks the table once more before it leaves the app. Every function takes the threshold
as an argument (the app passes settings.DISCLOSURE_THRESHOLD, from ``JHE_DISCLOSURE_THRESHOLD``, default 5); the
words are made from it in analysis/disclosure/wording.py.

Rules, with the threshold t (default 5):

1. **Primary, small count.** A count from 1 to t - 1 is suppressed. Zero is shown. Sources: NHS England's
   method for HES and ECDS sub-national outputs replaces counts from 1 to 7 (not 0) with "*", and the
   method it replaced (also used for the NCMP until 2020) did the same for 1 to 5 (digital.nhs.uk, "Disclosure
   control methodology for HES and ECDS"; "Changes to the NCMP 2019-20 ... disclosure control methodology").
   The ONS guidance on health statistics, as summarised for public-health teams by Cambridgeshire PH
   Intelligence ("Maintaining confidentiality in disseminated data", 2013), calls counts of 1 and 2 unsafe,
   and 3 and 4 too for small areas or sensitive data. Contact with the criminal justice system is sensitive,
   so 1 to 4 is the floor and the default. Research environments (UK LLC, ONS SRS) count 0 as a low count
   as well, with a threshold of 10. That stricter rule is not the issue's ("counts from 1"), but a DPH can
   raise t.
2. **Primary, small complement.** Where a denominator is given, a row is also suppressed when denominator
   minus count is from 1 to t - 1. "98 of 100" tells the reader that 2 people do not have the need, so it
   discloses as much as "2 of 100". The same rule hides "0 of 3" (all 3 lack it). Zero complements ("100
   of 100") are shown, as zero counts are. Sources: the ONS guidance's group attribute disclosure, where all
   or nearly all of a group share an attribute (Cambridgeshire PHI summary). NHS Education for Scotland's
   SDC policy also flags "rows and columns dominated by zeroes or 100% rates". NHS Digital's earlier SRHAD
   rules added manual suppression where "values of 1 or 2" could be identified from published percentages.
3. **Whole row.** A suppressed row loses every count column (the denominator included) and every derived
   column (value, CIs, comparison, ratio, rank, class...) at once. So no rate can be multiplied back by
   its denominator, and no comparison or colour hints at the hidden value. Derived columns are listed:
   ``DERIVED_COLUMNS`` by default, or passed in. Any other numeric column stops ``suppress`` with an error
   until it is declared a count, derived or ``kept`` (not worked out from this row's counts). A new
   figure cannot slip through undeclared. The UK LLC guidebook puts it this way: low counts include
   percentages of fewer than 10 people, "even if the actual counts are not presented".
4. **Secondary.** ``TotalRule`` declares rows that add up: male + female = persons, or the areas in a
   region = the region (in the frame, or published elsewhere). Within each such group:
   (a) a suppressed cell must never be the only suppressed cell. If it is, it is the total minus the
       others. The next-smallest cell of the group is then suppressed too, non-zero first, parts before the
       total, then in frame order, so that "male 3, female 20, persons 23" hides female as well;
   (b) the suppressed parts may not add up to 1 to t - 1 either (nor their complements), because the total
       minus the shown parts gives that sum. "1 and 2 hidden, total shown" discloses 3 people in two
       areas, so one more cell is hidden;
   (c) after (a) and (b) hold everywhere, a linear audit checks the groups together (a table linked by sex
       and by area). A suppressed cell is exactly recoverable when its unit vector lies in the row space of
       the group equations over the suppressed cells; each such cell gets one more suppression in a group
       it belongs to. Both loops repeat until nothing changes.
   Sources: the primary/secondary definitions of CBS ("A general formulation of the secondary cell suppression
   problem") and sdcTable (``primarySuppression`` then ``protectTable``). The UK LLC SDC guidebook says two
   or more categories must be masked, row-wise and column-wise, and that it must be impossible to deduce any
   low value. NHS Digital's pre-2018 HES/ECDS and NCMP rules used secondary suppression after the primary
   "*". The MoJ's mojSuppression applies row-and-column suppression to justice tables. The row-space audit
   follows Statistics Norway's GaussSuppression ("Gaussian elimination secondary suppression"). Limits: the
   choice of cells is a heuristic, not sdcTable's optimal one. Bounds-based (interval) attacks are covered
   only by rule (b). A row whose count is missing (NaN) is treated as known to the reader, which is the
   cautious choice, and is never picked to hide.

5. **Each hidden cell says why, never more.** A count from 1 to threshold - 1 reads "suppressed (<5)"; a larger
   figure hidden so that a small one cannot be worked out (from a total, or as all but a few of its group)
   reads "suppressed to protect another cell" (``wording.hidden_texts``), since "(<5)" on it would be untrue.
   That tells a reader which hidden cell is the small one, as the "(<5)" label always has, but never its
   value: the protecting cell is still hidden. ``suppression_reason`` itself is never displayed or exported
   (``display`` refuses it and ``safe_csv_bytes`` raises on it).

Not done here: NHS England's rounding of other counts to the nearest 5 (not asked for by issue 6). National
(England) figures need no control under the NHS England method; keep them out of the frame or
out of a ``TotalRule`` if they must not be suppressed.
"""


from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.disclosure.counts import (
    COUNT_COLUMNS,
    DEFAULT_DENOMINATOR,
    Suppression,
    checked_threshold,
    count_values,
    resolve_denominator,
    small,
    with_denominator,
)


@dataclass(frozen=True)
class TotalRule:
    """Rows that add up to a total, for secondary suppression.

    Within each set of rows sharing the values of ``by``, the rows whose ``column`` is one of ``parts``
    (default: every value but ``total``) add up to the row whose ``column`` equals ``total``.
    ``total=None`` means the sum is published elsewhere (e.g. a region's figure on another page) and
    cannot be suppressed here. A group without its total row is not linked: there is nothing to subtract
    from. ``by`` must name every column that tells the groups apart (indicator, period, cohort...). Two
    rows with the same ``column`` value in one group raise ValueError.

    ``TotalRule("sex", "persons", by=("area_code", "indicator_id", "period"))``: male + female = persons.
    ``TotalRule("area_code", "E12000007", by=("indicator_id", "sex", "period"))``: London's boroughs.
    """

    column: str
    total: str | None
    by: Sequence[str] = ()
    parts: Sequence[str] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "by", tuple([self.by] if isinstance(self.by, str) else self.by))
        if self.parts is not None:
            parts = tuple([self.parts] if isinstance(self.parts, str) else self.parts)
            if self.total is not None and self.total in parts:
                raise ValueError(f"the total {self.total!r} cannot also be one of its parts")
            object.__setattr__(self, "parts", parts)
        if self.column in self.by:
            raise ValueError(f"{self.column!r} is the column that varies within a group: leave it out of `by`")


def primary_suppress(frame: pd.DataFrame, *, threshold: int, count_columns: Sequence[str] = COUNT_COLUMNS,
                     denominator_column: object = DEFAULT_DENOMINATOR) -> pd.Series:
    """Why each row is suppressed by the primary rules (``Suppression.PRIMARY_COUNT``, ``PRIMARY_COMPLEMENT``),
    or ``Suppression.SHOWN`` where it is not. A small count takes precedence over a small complement.

    Every count column and the denominator (by default "denominator" when the frame has it) are checked
    for 1 to threshold - 1. The complement rule compares each count column with the denominator.
    """
    threshold = checked_threshold(threshold)
    denominator = resolve_denominator(frame, denominator_column)
    columns = with_denominator(count_columns, denominator)
    below = np.zeros(len(frame), dtype=bool)
    for column in columns:
        below |= small(count_values(frame, column), threshold)
    complement = np.zeros(len(frame), dtype=bool)
    if denominator is not None:
        whole = count_values(frame, denominator)
        for column in columns:
            if column != denominator:
                complement |= small(whole - count_values(frame, column), threshold)
    reasons = np.where(below, Suppression.PRIMARY_COUNT,
                       np.where(complement, Suppression.PRIMARY_COMPLEMENT, Suppression.SHOWN))
    return pd.Series(reasons, index=frame.index, dtype=object)
