"""Releases side by side: canonical rows over the periods of every release, derived quarters, changes.

Plain Python (no Qt): the app, the command line and the workbook export all show the same
Comparison built by build_comparison().
"""
from iijview.compare.cells import CHANGE, DERIVED, PERCENT, PRINTED, RATIO, Check, CompareCell
from iijview.compare.periods import KIND_TITLES, PERIOD_KINDS
from iijview.compare.table import (VIEW_TITLES, VIEWS, CompareColumn, CompareOptions, CompareRow,
                                   Comparison, build_comparison, statement_kinds)

__all__ = ["build_comparison", "CompareOptions", "Comparison", "CompareColumn", "CompareRow",
           "CompareCell", "Check", "statement_kinds", "PERIOD_KINDS", "KIND_TITLES", "VIEWS",
           "VIEW_TITLES", "PRINTED", "DERIVED", "CHANGE", "PERCENT", "RATIO"]
