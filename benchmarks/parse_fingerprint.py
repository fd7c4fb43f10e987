"""Print a fingerprint of everything the parser produces, to prove a speed change left the output alone.

Dumps every statement (id, title, lines, columns), every line item (label, section, level, cells with
text, value, status, line and source span) and every finding, for each bundled sample read as it is
and reshaped (CRLF, UTF-16, UTF-8 with BOM, tabs turned into wide spaces). Run it before and after a
change: the two SHA-256 lines must be equal. `--dump FILE` also writes the dump, to diff the two.

    python benchmarks/parse_fingerprint.py [--dump FILE]
"""
import argparse
import codecs
import hashlib
from pathlib import Path

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "resources" / "samples").glob("*.txt"))


def _variants(data: bytes) -> dict[str, bytes]:
    text = data.decode("utf-8")
    return {"as is": data, "crlf": text.replace("\n", "\r\n").encode(), "utf-16": text.encode("utf-16"),
            "bom": codecs.BOM_UTF8 + data, "wide spaces": text.replace("\t", "\u3000\u3000").encode()}


def dump() -> str:
    """The full parse output of every sample and reshaped variant, one fact per line."""
    from iijview.parse import parse_bytes
    out: list[str] = []
    for path in SAMPLES:
        for name, data in _variants(path.read_bytes()).items():
            release = parse_bytes(data, path.name)
            out.append(f"== {path.name} {name} {release.fiscal_period} {release.standard} {release.layout}")
            for st in release.statements:
                out.append(f"# {st.key} {st.title} {st.line}-{st.end_line} {st.columns!r}")
                out.extend("  " + repr(item) for item in st.items)
            out.extend(f"! {f.rule} {f.statement} {f.line} {f!r}" for f in release.findings)
    return "\n".join(out)


def main(make_dump=None, doc: str | None = None) -> None:
    """Print the SHA-256 of the dump (and write the dump when asked); another fingerprint script
    passes its own dump function and docstring."""
    parser = argparse.ArgumentParser(description=(doc or __doc__).splitlines()[0])
    parser.add_argument("--dump", type=Path, help="also write the full dump to this file")
    args = parser.parse_args()
    text = (make_dump or dump)()
    if args.dump:
        args.dump.write_text(text, encoding="utf-8")
    print(f"{len(SAMPLES)} samples x 5 forms, {text.count(chr(10)) + 1} lines, "
          f"sha256 {hashlib.sha256(text.encode('utf-8')).hexdigest()}")


if __name__ == "__main__":
    main()
