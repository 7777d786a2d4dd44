"""Pandera models, the data dictionary in code: one module per file family (each model words its own rules)."""

from loaders.schemas.canonical import CANONICAL_COLUMNS, CanonicalSchema
from loaders.schemas.cohort_facts import CohortFactSchema
from loaders.schemas.geography import (
    BOUNDARY_CODE,
    BOUNDARY_LEVELS,
    LAD_TYPES,
    UTLA_TYPES,
    CodeChangeSchema,
    CspPfaLookupSchema,
    GeographyReportSchema,
    LadLookupSchema,
)
from loaders.schemas.investment import InvestmentInputSchema
from loaders.schemas.national import CohortSizeSchema, NationalEvidenceSchema, SourceSchema
from loaders.schemas.register import INDICATOR_ID, IndicatorRegisterSchema
from loaders.schemas.standardisation import StandardisationInputSchema, StandardisedComparisonSchema

__all__ = [
    "BOUNDARY_CODE", "BOUNDARY_LEVELS", "CANONICAL_COLUMNS", "INDICATOR_ID", "LAD_TYPES", "UTLA_TYPES",
    "CanonicalSchema", "CodeChangeSchema", "CohortFactSchema", "CohortSizeSchema", "CspPfaLookupSchema",
    "GeographyReportSchema", "InvestmentInputSchema",
    "IndicatorRegisterSchema", "LadLookupSchema", "NationalEvidenceSchema", "SourceSchema",
    "StandardisationInputSchema", "StandardisedComparisonSchema",
]
