"""Reading a certificate PDF to prefill the activity form, within bounds of time and memory.

The text of the first pages is taken with pypdf under tight limits (decompressed
bytes per stream, decoding and parsing work, pages read, characters kept), so a
PDF bomb or a damaged file ends in a plain message, never a 500 or a stuck
server. What the text states is decided by ``certificate_reading`` (pure).
"""

from __future__ import annotations

import io
import logging
import time
from dataclasses import dataclass, replace

import pypdf
from pypdf.errors import FileNotDecryptedError, LimitReachedError, PyPdfError

from medpath.bounds import MAX_FILE_BYTES
from medpath.learning.certificate_reading import Reading, read_text

MAX_CERTIFICATE_BYTES = MAX_FILE_BYTES  # the largest certificate file accepted anywhere (the request limit's file)
READS_PER_WINDOW = 60  # a setting, not a fact: certificates one person may have read in 10 minutes (each costs CPU)
MAX_PAGES = 3  # a certificate states its facts on its first page; a transcript's total may be on the next
MAX_CHARACTERS = 40_000
TIME_BUDGET_SECONDS = 3.0  # checked between pages; the per-stream limits bound the work inside one
# pypdf's limits (defaults are 75 MB per stream): a certificate's page needs far less.
LIMITS: dict[str, int] = {
    "maximum_declared_stream_length": 10_000_000,
    "zlib_maximum_output_length": 2_000_000,
    "lzw_maximum_output_length": 2_000_000,
    "run_length_maximum_output_length": 2_000_000,
    "brotli_maximum_output_length": 2_000_000,
    "array_based_stream_maximum_output_length": 2_000_000,
    "stream_decoding_work_maximum_length": 8_000_000,
    "stream_parsing_work_maximum_count": 200_000,
    "xform_maximum_invocations_per_extraction": 200,
    "page_tree_maximum_entries": 10_000,
    "image_maximum_buffer_size": 8_000_000,
}

logging.getLogger("pypdf").setLevel(logging.ERROR)  # a broken file's warnings are our message, not log noise

SCANNED = "This PDF has no text to read (it looks like a scan or a photo): fill in the fields yourself."
ENCRYPTED = "This PDF is protected by a password, so its text cannot be read: fill in the fields yourself."
DAMAGED = "This file could not be read as a PDF (it may be damaged): fill in the fields yourself."
TOO_COMPLEX = "This PDF is too large or complex to read safely: fill in the fields yourself."
NOT_PDF = "Only a PDF's text can be read; this file is not a PDF: fill in the fields yourself."


@dataclass(frozen=True)
class PdfText:
    """The text of a PDF's first pages, or why there is none."""

    text: str
    problem: str = ""


def pdf_text(data: bytes) -> PdfText:
    """The text of the first ``MAX_PAGES`` pages, within ``LIMITS`` and ``TIME_BUDGET_SECONDS``."""
    if b"%PDF-" not in data[:1024]:
        return PdfText("", NOT_PDF)
    started = time.monotonic()
    parts: list[str] = []
    try:
        with pypdf.apply_configuration(pypdf.get_configuration().with_overwrites(**LIMITS)):
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                return PdfText("", ENCRYPTED)
            for page in reader.pages[:MAX_PAGES]:
                parts.append(page.extract_text() or "")
                if sum(len(part) for part in parts) > MAX_CHARACTERS:
                    break
                if time.monotonic() - started > TIME_BUDGET_SECONDS:
                    return PdfText("", TOO_COMPLEX)
    except FileNotDecryptedError:
        return PdfText("", ENCRYPTED)
    except (LimitReachedError, MemoryError, RecursionError):
        return PdfText("", TOO_COMPLEX)
    except (PyPdfError, ValueError, KeyError, TypeError, IndexError, OverflowError, ZeroDivisionError):
        return PdfText("", DAMAGED)  # pypdf's many ways of saying the file is broken
    text = "\n".join(parts)[:MAX_CHARACTERS]
    return PdfText(text) if text.strip() else PdfText("", SCANNED)


def read_certificate(data: bytes) -> Reading:
    """What a certificate PDF states (fields it does not state explicitly stay empty), with a message when
    its text could not be read at all."""
    extracted = pdf_text(data)
    if extracted.problem:
        return Reading(message=extracted.problem)
    reading = read_text(extracted.text)
    if reading.title is None and reading.completed_on is None and not reading.awards:
        return replace(reading, message="Nothing on this certificate could be read with certainty: fill in the fields yourself.")
    return reading
