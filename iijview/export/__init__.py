"""Excel export: one workbook of statements, summary, findings, corrections and sources (openpyxl, no Qt)."""
from __future__ import annotations

from iijview.export.workbook import ExportError, build_workbook, write_workbook

__all__ = ["write_workbook", "build_workbook", "ExportError"]
