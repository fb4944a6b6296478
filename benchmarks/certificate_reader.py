"""The certificate reader against corpora of certificate PDFs whose truth was written blind to it.

Usage: .venv/bin/python benchmarks/certificate_reader.py [--corpus tests/learning/certificates] [--list]

For each field (title, completion date, credit type, amount) prints how many certificates were
filled right, left empty and filled wrong; how many of the certificates that state an earned
amount had it read; and the reading time (median and worst). Then the hostile files: a PDF bomb,
a page-count bomb, deeply nested objects — their time, peak memory and the message given.

A credit fill is judged as a pair: right when (credit type, amount) is one of the awards the
certificate states; an amount read without a type is right when that amount is stated.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import tracemalloc
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

from medpath.learning.certificates import read_certificate

FIELDS = ("title", "completed_on", "credit_type", "amount")


def judge(expected: dict[str, Any], reading: dict[str, Any]) -> dict[str, str]:
    """right / empty / wrong for each field of one certificate."""
    verdicts = {}
    title = reading["title"]
    want_title = expected["title"]
    verdicts["title"] = (
        "empty"
        if title is None
        else "right"
        if isinstance(want_title, str) and " ".join(str(title).split()).casefold() == " ".join(want_title.split()).casefold()
        else "wrong"
    )
    day = reading["completed_on"]
    verdicts["completed_on"] = "empty" if day is None else "right" if day == expected["completed_on"] else "wrong"
    pairs = {(c["credit_type"], float(c["amount"])) for c in expected["credits"]}
    kind, amount = reading["credit_type"], reading["amount"]
    if amount is None:
        verdicts["credit_type"] = verdicts["amount"] = "empty"
    elif kind is None:
        verdicts["credit_type"] = "empty"
        verdicts["amount"] = "right" if any(a == amount for _, a in pairs) else "wrong"
    else:
        verdicts["credit_type"] = verdicts["amount"] = "right" if (kind, amount) in pairs else "wrong"
    # Every further award shown on the form must be right too.
    for award in reading["awards"][1:]:
        if award["credit_type"] is not None and (award["credit_type"], award["amount"]) not in pairs:
            verdicts["amount"] = "wrong"
    return verdicts


def run_corpus(folder: Path, show: bool) -> None:
    expected = json.loads((folder / "expected.json").read_text())
    tally: dict[str, Counter[str]] = {name: Counter() for name in FIELDS}
    stated = read = 0
    times = []
    for entry in expected:
        data = (folder / entry["file"]).read_bytes()
        started = time.perf_counter()
        reading = read_certificate(data).as_dict()
        times.append(time.perf_counter() - started)
        verdicts = judge(entry, reading)
        for name in FIELDS:
            tally[name][verdicts[name]] += 1
        if entry["credits"]:
            stated += 1
            read += verdicts["amount"] == "right"
        if show or "wrong" in verdicts.values():
            print(f"  {entry['file']:20} {verdicts}  read={reading['title']!r} {reading['completed_on']} {reading['awards']}")
    print(f"corpus: {folder} ({len(expected)} certificates, {sum(e['text_layer'] for e in expected)} with a text layer)")
    for name in FIELDS:
        counts = tally[name]
        print(f"  {name:13} right {counts['right']:3}   empty {counts['empty']:3}   wrong {counts['wrong']:3}")
    share = read / stated if stated else 0.0
    print(f"  amounts read on {read} of {stated} certificates that state one ({share:.0%}; aim 70%)")
    print(f"  time per certificate: median {statistics.median(times) * 1000:.1f} ms, worst {max(times) * 1000:.1f} ms")


def _pdf(objects: list[bytes]) -> bytes:
    """A minimal PDF from numbered object bodies (1 is the catalog, 2 the pages tree)."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _page_with(stream: bytes, filtered: bool) -> list[bytes]:
    header = b"<< /Length %d /Filter /FlateDecode >>" % len(stream) if filtered else b"<< /Length %d >>" % len(stream)
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        header + b"\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


def hostile_files() -> dict[str, bytes]:
    """PDFs built to exhaust a reader: a zlib bomb, thousands of pages, a text operator repeated a million times."""
    bomb = zlib.compress(b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n" * 400_000, 9)  # 13 MB of content from about 40 KB
    many_ops = zlib.compress(b"BT /F1 1 Tf 0 0 Td (a) Tj ET " * 1_000_000, 9)
    pages = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = b" ".join(b"%d 0 R" % n for n in range(3, 3 + 3000))
    pages.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count 3000 >>")
    pages += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"] * 3000
    near_limit = zlib.compress(b"BT /F1 1 Tf 0 0 Td (a) Tj ET " * 45_000, 9)
    three = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>"]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 6 0 R /Resources << /Font << /F1 7 0 R >> >> >>"
    three += [page] * 3
    three.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(near_limit) + near_limit + b"\nendstream")
    three.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return {
        "zlib bomb (13 MB content in 40 KB)": _pdf(_page_with(bomb, True)),
        "3 pages of 45,000 text operators": _pdf(three),
        "a million text operators": _pdf(_page_with(many_ops, True)),
        "3,000 empty pages": _pdf(pages),
        "nested arrays 50,000 deep": _pdf(_page_with(b"[" * 50_000 + b"]" * 50_000, False)),
    }


def run_hostile() -> None:
    print("hostile files:")
    for name, data in hostile_files().items():
        tracemalloc.start()
        started = time.perf_counter()
        reading = read_certificate(data)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        outcome = reading.message or f"read: {reading.as_dict()['awards']}"
        print(f"  {name:38} {len(data) / 1024:8.0f} KB  {elapsed * 1000:7.0f} ms  peak {peak / 1e6:6.1f} MB  {outcome}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", action="append", type=Path, help="a folder with PDFs and expected.json (repeatable)")
    parser.add_argument("--list", action="store_true", help="print every certificate's verdicts")
    args = parser.parse_args()
    folders = args.corpus or [Path("tests/learning/certificates")]
    for folder in folders:
        if not (folder / "expected.json").exists():
            sys.exit(f"{folder}: no expected.json")
        run_corpus(folder, args.list)
    run_hostile()


if __name__ == "__main__":
    main()
