"""`iijview facts FILE... [--format csv|json]`: one row per value of every statement."""
from __future__ import annotations

import json
import math
import sys

from iijview.cli.common import load_each, open_workspace
from iijview.model import FACT_COLUMNS
from iijview.safe_text import to_csv_cell


def register(sub) -> None:
    """Add the `facts` subcommand."""
    p = sub.add_parser("facts", help="print every value of every statement as CSV or JSON",
                       description="Parse the release files and print one row per value of every "
                       "statement, with the workspace's corrections applied (status `corrected`). "
                       "Columns: " + ",".join(FACT_COLUMNS) + ". A file that cannot be read gets "
                       "one sentence on stderr and exit status 2; the others are still printed.")
    p.add_argument("files", nargs="+", metavar="FILE", help="release files")
    p.add_argument("--format", choices=("csv", "json"), default="csv",
                   help="CSV with a header row (default) or a JSON array of objects")
    p.set_defaults(run=run)


def _plain(v):
    if isinstance(v, float):
        if math.isnan(v):
            return None
        if math.isinf(v):
            return None
        return int(v) if v.is_integer() and abs(v) < 1e15 else v
    return v


def _csv(v):
    """A CSV cell: empty for no value, text neutralised so no spreadsheet runs it as a formula."""
    if v is None:
        return ""
    return to_csv_cell(v) if isinstance(v, str) else v


def run(args) -> int:
    """Print the facts of each readable file; exit 2 if any file could not be read."""
    import csv

    load_each.failed = 0
    workspace = open_workspace(getattr(args, "workspace", None))
    records = []
    writer = None
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(FACT_COLUMNS)
    for release in load_each(args.files, checks=False, workspace=workspace, ocr=getattr(args, "ocr", False)):
        frame = release.facts
        for row in frame.itertuples(index=False):
            values = [_plain(v) for v in row]
            if writer:
                writer.writerow([_csv(v) for v in values])
            else:
                records.append(dict(zip(FACT_COLUMNS, values)))
    if not writer:
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    return 2 if load_each.failed else 0
