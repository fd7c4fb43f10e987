"""`iijview compare FILE... [--statement ID] [--periods KIND]`: releases side by side for scripts."""
from __future__ import annotations

import json
import sys

from iijview.cli.common import say
from iijview.safe_text import to_csv_cell

UNITS = ("yen", "thousands", "millions", "billions")


def register(sub) -> None:
    """Add the `compare` subcommand."""
    from iijview.compare import PERIOD_KINDS, VIEWS
    from iijview.model import STATEMENT_IDS

    p = sub.add_parser(
        "compare", help="put the releases side by side: one statement's lines over every period",
        description="Line up one statement kind across the releases given: canonical lines as rows "
                    "(U.S. GAAP and IFRS names joined), periods of every release as columns in time "
                    "order, discrete quarters and halves derived from cumulative figures, and margin "
                    "rows. Stored corrections and row mappings are applied. CSV gives the values; "
                    "JSON also says where each figure comes from, which are derived, restated or "
                    "corrected.")
    p.add_argument("files", nargs="+", metavar="FILE", help="release files")
    p.add_argument("--statement", default="income_statement", choices=STATEMENT_IDS, metavar="ID",
                   help="statement kind to compare (default income_statement; one of "
                        f"{', '.join(STATEMENT_IDS)})")
    p.add_argument("--periods", default="all", choices=PERIOD_KINDS,
                   help="which periods to show as columns (default all)")
    p.add_argument("--view", default="all", choices=VIEWS,
                   help="'latest': the latest period and the same period a year earlier, with the "
                        "change and %% change (default all)")
    p.add_argument("--as-first-reported", action="store_true",
                   help="show each figure as first reported (default: as last reported)")
    p.add_argument("--change", action="append", default=[], metavar="BASE:NEW",
                   help="add a difference and a %% change column between two periods named as in "
                        "the header, e.g. --change 3Q17:3Q18 (repeatable)")
    p.add_argument("--unit", default="millions", choices=UNITS, help="unit of yen amounts (default millions)")
    p.add_argument("--no-derived", action="store_true", help="do not derive quarters and halves")
    p.add_argument("--no-ratios", action="store_true", help="leave out the margin rows")
    p.add_argument("--format", choices=("csv", "json"), default="csv",
                   help="CSV of the values (default) or JSON with each figure's sources and marks")
    p.set_defaults(run=run)


def run(args) -> int:
    """Print the comparison; exit 2 if a file could not be read or nothing could be compared."""
    from iijview.cli.common import load_each, open_workspace
    from iijview.compare import CompareOptions, build_comparison
    from iijview.compare.output import column_names, to_frame, to_json

    load_each.failed = 0
    workspace = open_workspace(getattr(args, "workspace", None))
    releases = list(load_each(args.files, checks=False, workspace=workspace, ocr=getattr(args, "ocr", False)))
    mappings = workspace.mappings_for(args.statement) if workspace is not None else {}
    if workspace is not None:
        workspace.close()
    if not releases:
        say("nothing to compare: no file could be read.", "iijview compare")
        return 2
    options = CompareOptions(args.statement, args.periods, args.view, args.as_first_reported,
                             ratios=not args.no_ratios, derive=not args.no_derived)
    comp = build_comparison(releases, options, mappings)
    if args.change:
        names = {n: c.key for n, c in zip(column_names(comp), comp.columns)}
        names.update({c.title: c.key for c in comp.period_columns if c.title not in names})
        pairs = []
        for spec in args.change:
            base, _sep, new = spec.partition(":")
            if base not in names or new not in names:
                say(f"--change {spec}: name two periods of the header "
                      f"(e.g. {comp.columns[0].title if comp.columns else '3Q17'}:...).", "iijview compare")
                return 2
            pairs.append((names[base], names[new]))
        comp = build_comparison(releases, CompareOptions(
            options.statement, options.periods, options.view, options.first_reported, options.ratios,
            tuple(pairs), options.derive), mappings)
    if not comp.rows:
        from iijview.model import STATEMENT_TITLES

        title = STATEMENT_TITLES.get(args.statement, args.statement).lower()
        say(f"no file has {'an' if title[:1].lower() in 'aeiou' else 'a'} {title} table ({args.statement}).", "iijview compare")
        return 2
    for f in comp.findings:
        say(f.message, "iijview compare")
    if args.format == "json":
        json.dump(to_json(comp, args.unit), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        frame = to_frame(comp, args.unit)
        frame = frame.map(lambda v: to_csv_cell(v) if isinstance(v, str) else v)   # no formula runs
        frame.to_csv(sys.stdout, index=False, lineterminator="\n")
    return 2 if load_each.failed else 0
