"""PDF reading: pypdfium2 (what iijview uses) beside pdfplumber (pdfminer.six), and a 40-page release.

Prints, for PDFs drawn from the samples (tests/documents.py: one table row per line, two columns,
landscape slides) and a 40-page release made of them:

- pages per second of each library, for its characters with their boxes (the raw material) and for
  text laid out in lines (iijview's own layout on pypdfium2's characters; pdfplumber's
  extract_text(layout=True)), best of several rounds;
- fidelity: how many of the text sample's facts the parser finds in each library's text;
- the time to open the 40-page release as the app does (read, parse, check), and its parts, as a
  ratio to the floor of parsing the same text given as text.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

ROUNDS = 3


def best(fn, rounds: int = ROUNDS) -> float:
    """The fastest of a few runs (the rest is other work on the machine)."""
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def pdfium_chars(path: Path) -> int:
    """Every character with its box, as iijview reads them."""
    from iijview.parse.pdf_text import _page_frags, open_pdf

    pdf = open_pdf(path.read_bytes())
    n = 0
    for page in pdf:
        frags, _good, _odd = _page_frags(page)
        n += len(frags)
        page.close()
    pdf.close()
    return n


def pdfium_text(path: Path) -> str:
    """iijview's text: pypdfium2's characters laid out in rows, cells and columns."""
    from iijview.parse.pdf_text import read_pdf

    return read_pdf(path.read_bytes()).text


def plumber_chars(path: Path) -> int:
    """Every character with its box, from pdfplumber."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return sum(len(page.chars) for page in pdf.pages)


def plumber_text(path: Path) -> str:
    """pdfplumber's own layout: the page's text with spaces where the gaps are."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n\n".join(page.extract_text(layout=True) or "" for page in pdf.pages)


def fidelity(text: str, sample: Path) -> tuple[int, int]:
    """(facts of the sample found in the text, facts of the sample)."""
    from documents import fact_counts
    from iijview.loader import load_release, load_text

    want = fact_counts(load_release(sample, checks=False))
    try:
        got = fact_counts(load_text(text, "bench.txt", checks=False))
    except Exception:  # noqa: BLE001 - a text the parser refuses reads nothing
        got = {}
    return sum((want & got).values()) if got else 0, sum(want.values())


def pages(path: Path) -> int:
    import pypdfium2 as pdfium

    return len(pdfium.PdfDocument(str(path)))


def forty_pages(folder: Path) -> Path:
    """A release of about 40 pages: the converted sample, its slides and the converted again."""
    from documents import pdf_release, sample_blocks

    samples = HERE.parent / "resources" / "samples"
    conv = sample_blocks(samples / "2012-12_9m_fy2012_converted_usgaap.txt")
    slides = sample_blocks(samples / "2018-09_6m_fy2018_slides_usgaap.txt")
    blocks = conv + slides + conv
    path = pdf_release(blocks, folder / "forty.pdf", "rows")
    while pages(path) < 40:
        blocks = blocks + slides
        path = pdf_release(blocks, folder / "forty.pdf", "rows")
    return path


def main() -> None:
    """Print the figures."""
    from documents import build_published
    from iijview.loader import load_release, load_text

    folder = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    files = {name: item for name, item in build_published(folder).items() if name.endswith(".pdf")}
    big = forty_pages(folder)
    print(f"best of {ROUNDS} rounds; pypdfium2 and pdfplumber on the same files\n")
    print(f"{'file':18s} {'pages':>5s} | {'characters, pages/s':>21s} | {'laid-out text, pages/s':>23s} | "
          f"{'facts of the sample found':>27s}")
    print(f"{'':18s} {'':>5s} | {'pdfium':>9s} {'plumber':>9s}   | {'iijview':>9s} {'plumber':>9s} {'':>3s} | "
          f"{'iijview':>12s} {'plumber':>12s}")
    ratios = []
    for name, (path, sample) in sorted(files.items()) + [("40-page release", (big, None))]:
        n = pages(path)
        c_pdfium = n / best(lambda: pdfium_chars(path))
        c_plumber = n / best(lambda: plumber_chars(path), 1 if n > 20 else ROUNDS)
        t_pdfium = n / best(lambda: pdfium_text(path))
        t_plumber = n / best(lambda: plumber_text(path), 1 if n > 20 else ROUNDS)
        ratios.append(t_pdfium / t_plumber)
        if sample is not None:
            ours, total = fidelity(pdfium_text(path), sample)
            theirs, _ = fidelity(plumber_text(path), sample)
            facts = f"{ours:>5d}/{total:<6d} {theirs:>5d}/{total:<6d}"
        else:
            facts = ""
        print(f"{name:18s} {n:5d} | {c_pdfium:9.0f} {c_plumber:9.0f}   | {t_pdfium:9.0f} {t_plumber:9.0f} "
              f"{'':>3s} | {facts}")
    print(f"\nlaid-out text: pypdfium2 with iijview's layout reads {statistics.median(ratios):.1f}x as many pages "
          f"a second as pdfplumber (median over the files)")

    text = pdfium_text(big)
    n = pages(big)
    floor = best(lambda: load_text(text, "forty.txt", checks=False))
    read = best(lambda: pdfium_text(big))
    parsed = best(lambda: load_release(big, checks=False))
    whole = best(lambda: load_release(big))
    print(f"\n40-page release ({n} pages, {len(text) / 1e3:.0f} kB of text):")
    print(f"  floor: parse its text given as text      {floor:6.3f} s  1.00")
    print(f"  read the PDF's text layer (pdfium+layout) {read:6.3f} s  {read / floor:.2f}")
    print(f"  open without checks (read + parse)        {parsed:6.3f} s  {parsed / floor:.2f}")
    print(f"  open as the app does (read, parse, check) {whole:6.3f} s  {whole / floor:.2f}")


if __name__ == "__main__":
    main()
