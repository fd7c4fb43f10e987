"""Hostile and damaged releases made from the samples, reproducibly from a seed (fuzz test and benchmark).

Each case applies one to three mutations of the kinds users' files and attackers bring: flipped,
deleted and inserted bytes, truncation, shuffled and duplicated lines, megabyte one-liners,
repeated table headers, numbers of hundreds of digits, parenthesis storms, NUL bytes, mixed
encodings, runs of dashes and junk lines.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "resources" / "samples").glob("*.txt"))
_NUMBER = re.compile(rb"\d{1,3}(?:,\d{3})+")
_HEADER_WORDS = re.compile(rb"Months Ended|As of|FY20\d\d|1H\d\d|3Q\d\d")
MB = 1_000_000


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def byte_flips(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 200)):
        b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def deletions(data: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 20)):
        if not data:
            break
        a = rng.randrange(len(data))
        data = data[:a] + data[a + rng.randint(1, 2000):]
    return data or b"x"


def insertions(data: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 30)):
        a = rng.randrange(len(data) + 1)
        data = data[:a] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 40))) + data[a:]
    return data


def truncation(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(1, len(data))] if len(data) > 1 else data


def shuffled_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    a = rng.randrange(len(lines))
    window = lines[a:a + rng.randint(2, 400)]
    rng.shuffle(window)
    return b"".join(lines[:a] + window + lines[a + len(window):])


def duplicated_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    for _ in range(rng.randint(1, 50)):
        k = rng.randrange(len(lines))
        lines[k:k + 1] = [lines[k]] * rng.randint(2, 300)
    return b"".join(lines)


def one_liner(data: bytes, rng: random.Random) -> bytes:
    """Up to 1 MB on one line: the release with its line breaks gone, repeated."""
    line = data.replace(b"\r", b"").replace(b"\n", b" ")
    size = rng.choice([100_000, 300_000, MB - 1000])
    at = rng.randrange(len(data))
    return data[:at] + (line * (size // len(line) + 1))[:size] + b"\n" + data[at:]


def repeated_headers(data: bytes, rng: random.Random) -> bytes:
    heads = [line for line in _lines(data) if len(line) < 2000 and _HEADER_WORDS.search(line)]
    if not heads:
        return data
    head = rng.choice(heads)
    at = data.find(head)
    return data[:at] + head * rng.randint(2, 3000) + data[at:]


def long_numbers(data: bytes, rng: random.Random) -> bytes:
    digits = rng.choice([50, 320, 400, 1000])
    out = _NUMBER.sub(lambda m: b"9" * digits if rng.random() < 0.3 else m.group(0), data)
    if rng.random() < 0.1:       # two megabytes of long numbers
        out += b"\t".join([b"7" * 500] * 4000) + b"\n"
    return out


def parenthesis_storm(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    storm = rng.choice([b"(" * rng.randint(100, 200_000), b"(\n" * rng.randint(100, 150_000),
                        b"(1,234 " * rng.randint(100, 50_000), b")(" * rng.randint(100, 100_000)])
    return data[:at] + storm + data[at:]


def nul_bytes(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 100)):
        b.insert(rng.randrange(len(b) + 1), 0)
    return bytes(b)


def mixed_encodings(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", errors="replace")
    lines = text.splitlines(keepends=True)
    out = []
    for line in lines:
        enc = rng.choice(["utf-8", "utf-8", "cp932", "utf-16", "latin-1", "cp1252"])
        out.append(line.encode(enc, errors="replace"))
    return b"".join(out)


def dashes(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + rng.choice([b" -", b"\xe2\x80\x94 ", b"- "]) * rng.randint(100, 200_000) + data[at:]


def junk_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    for _ in range(rng.randint(1, 50)):
        junk = "".join(chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x3000, 0x30ff),
                                        rng.randrange(0x2500, 0x257f)])) for _ in range(rng.randint(1, 300)))
        lines.insert(rng.randrange(len(lines) + 1), junk.encode("utf-8") + b"\n")
    return b"".join(lines)


MUTATIONS = [byte_flips, deletions, insertions, truncation, shuffled_lines, duplicated_lines, one_liner,
             repeated_headers, long_numbers, parenthesis_storm, nul_bytes, mixed_encodings, dashes, junk_lines]


def case(seed: int, light: bool = False) -> tuple[str, bytes]:
    """The mutated release number `seed`: (name saying how it was made, its bytes). `light` cases
    (the test suite's) stay under 300 kB, so a few hundred run in well under a minute."""
    rng = random.Random(seed)
    source = rng.choice(SAMPLES)
    data = source.read_bytes()
    names = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        if not data:
            break  # cut to nothing: an empty file is a case of its own (the mutations need a line to work on)
        mutation = rng.choice(MUTATIONS)
        data = mutation(data, rng)
        names.append(mutation.__name__)
        if light and len(data) > 300_000:
            data = data[:300_000]
            names.append("cut")
    return f"{seed}:{source.name[:7]}:{'+'.join(names)}", data


def run_case(seed: int, budget: float | None = None, light: bool = False) -> dict:
    """Open case `seed` as the app does (parse, checks, facts) and say how it went: ok, refused (a
    ReleaseError sentence), over_budget, or crash (any other exception, with its text)."""
    import resource
    import time
    import traceback

    from iijview.loader import OverLimit, ReleaseError, load_text

    name, data = case(seed, light)
    t0, c0 = time.perf_counter(), time.process_time()
    outcome, detail = "ok", ""
    try:
        release = load_text(data, name, budget=budget)
        release.facts
    except OverLimit as exc:
        outcome, detail = ("over_budget" if "took longer" in str(exc) else "refused"), str(exc)
    except ReleaseError as exc:
        outcome, detail = "refused", str(exc)
    except Exception:   # noqa: BLE001 - a crash is what the fuzzing looks for
        outcome, detail = "crash", traceback.format_exc(limit=-3)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024     # MB, this process so far
    return {"seed": seed, "name": name, "size": len(data), "seconds": seconds, "cpu": cpu, "outcome": outcome,
            "detail": detail, "rss_mb": rss}
