"""Print a fingerprint of everything the checks produce, to prove a speed change left the findings alone.

For each bundled sample (as is and reshaped, as in parse_fingerprint.py) it runs `load_release`
with checks and dumps every finding (rule, statement, line, period, message, figures, labels,
cells, proposed repair), the check counts per statement and the totals and levels the checks
mark. Run it before and after a change: the two SHA-256 lines must be equal.

    python benchmarks/checks_fingerprint.py [--dump FILE]
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from parse_fingerprint import SAMPLES, _variants  # noqa: E402
from parse_fingerprint import main as fingerprint  # noqa: E402


def dump() -> str:
    """The checks' output on every sample and reshaped variant, one fact per line."""
    from iijview.loader import load_text
    out: list[str] = []
    for path in SAMPLES:
        for name, data in _variants(path.read_bytes()).items():
            release = load_text(data, path.name)
            out.append(f"== {path.name} {name} {sorted(release.check_counts.items())}")
            for st in release.statements:
                marks = [(i, row.is_total, row.level) for i, row in enumerate(st.items)]
                out.append(f"# {st.key} {marks}")
            for f in release.findings:
                out.append(f"! {f.rule} {f.statement} {f.line} {f.period} {f.message!r} {f.expected!r} "
                           f"{f.found!r} {f.difference!r} {f.labels!r} {f.cells!r} {f.suggestion!r}")
    return "\n".join(out)


if __name__ == "__main__":
    fingerprint(dump, __doc__)
