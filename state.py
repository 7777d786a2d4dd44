"""The view a user has chosen: widget keys (which are also the URL query-parameter names) and options.

Widgets bind to the URL with Streamlit's ``bind="query-params"``, so a copied link reopens the same view.
"""

from __future__ import annotations

from loaders.schemas import JUSTICE_COHORTS

# Sidebar, shared by every page.
COHORT = "cohort"
SEX = "sex"
# Compare page.
COMPARE_COHORTS = "cohorts"
COMPARE_DOMAINS = "domains"
COMPARE_INDICATORS = "needs"

COHORT_OPTIONS = list(JUSTICE_COHORTS)
DEFAULT_COHORT = "prison"
SEX_OPTIONS = ["all", "persons", "male", "female"]
DEFAULT_SEX = "all"
