"""`iijview check FILE... [--format text|json]`: run the accounting checks and list what they found."""
from __future__ import annotations

import json
import math
import sys

from iijview.cli.common import load_each, open_workspace
from iijview.model import Finding, Release


def register(sub) -> None:
    """Add the `check` subcommand."""
    p = sub.add_parser("check", help="check sums, identities and ties of releases; list findings and repairs",
                       description="Run the accounting checks (sums, balance, income and cash-flow "
                       "identities, ties between statements) on each release, with the workspace's "
                       "corrections applied, and list what failed with a proposed repair. Exit "
                       "status 0 when the files were checked (findings are not errors), 2 when "
                       "a file could not be read.")
    p.add_argument("files", nargs="+", metavar="FILE", help="release files")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text for people (default) or a JSON array with one object per finding")
    p.set_defaults(run=run)


def run(args) -> int:
    """Check each readable file; exit 2 if any file could not be read, else 0 (findings are not errors)."""
    from iijview.checks import run_checks

    load_each.failed = 0
    workspace = open_workspace(getattr(args, "workspace", None))
    records: list[dict] = []
    first = True
    for release in load_each(args.files, checks=False, workspace=workspace, ocr=getattr(args, "ocr", False)):
        run_checks(release)  # after the workspace's corrections, so repaired cells are checked as repaired
        if args.format == "json":
            records.extend(finding_record(release, f) for f in release.findings)
        else:
            if not first:
                sys.stdout.write("\n")
            sys.stdout.write(text_report(release))
            first = False
    if args.format == "json":
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    return 2 if load_each.failed else 0


def _num(v):
    if v is None:
        return None
    v = float(v)
    if not math.isfinite(v):
        return None
    return int(v) if v.is_integer() else v


def finding_record(release: Release, f: Finding) -> dict:
    """The JSON object for one finding."""
    sugg = None
    if f.suggestion:
        sugg = {"label": f.suggestion.get("label"), "value": _num(f.suggestion.get("value"))}
    return {
        "release": release.name,
        "statement": f.statement,
        "period_end": f.period.end.isoformat() if f.period else None,
        "months": f.period.months if f.period else None,
        "rule": f.rule,
        "message": f.message,
        "expected": _num(f.expected),
        "found": _num(f.found),
        "difference": _num(f.difference),
        "labels": list(f.labels),
        "suggestion": sugg,
    }


def text_report(release: Release) -> str:
    """Counts of checks per statement, then each finding with its proposed repair."""
    lines = [f"{release.name}"]
    counts = release.check_counts
    if counts:
        width = max(len(k) for k in counts) + 2
        lines.append(f"  {'statement':<{width}}{'passed':>8}{'failed':>8}{'n/a':>8}")
        tot = [0, 0, 0]
        for key, c in counts.items():
            row = [c.get("passed", 0), c.get("failed", 0), c.get("not_applicable", 0)]
            tot = [a + b for a, b in zip(tot, row)]
            lines.append(f"  {key:<{width}}{row[0]:>8}{row[1]:>8}{row[2]:>8}")
        lines.append(f"  {'total':<{width}}{tot[0]:>8}{tot[1]:>8}{tot[2]:>8}")
    else:
        lines.append("  no statements to check")
    lines.append(f"  {len(release.findings)} finding{'s' if len(release.findings) != 1 else ''}")
    for f in release.findings:
        where = f.statement or "document"
        when = f" {f.period.label()}" if f.period else ""
        told = f.message.startswith(("Line ", "Lines "))   # ('Line 5: ...' says where it is itself)
        line = f" line {f.line}" if f.line and not told else ""
        lines.append(f"  - [{f.rule}] {where}{when}{line}: {f.message}")
    return "\n".join(lines) + "\n"
