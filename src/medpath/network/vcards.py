"""vCard 4.0 (RFC 6350) in and out, through the ``vobject`` library. Pure: no Django, no I/O.

Reading is bounded: a file over ``MAX_VCARD_BYTES``, with more than ``MAX_CARDS`` cards or more than ``MAX_LINES``
lines, is refused before any card is parsed, and so is a card of more than ``MAX_CARD_LINES`` lines (the parser
spends about 20 µs a line: a 2 MB file of tiny lines would otherwise cost half a minute). Each card is parsed on
its own, so every bad card is reported with the line it starts on and the field as the contact form names it; a
file with any bad card yields no contacts at all (``VcardsRejected``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import vobject

from medpath.network.followups import normal_tag, rhythm_problem
from medpath.rows import RowProblem, RowsRejected

MAX_VCARD_BYTES = 2 * 1024 * 1024  # settings, not facts: a phone's whole address book is far smaller
MAX_CARDS = 1000
# Lines of a card and of a file; a folded line (continued on lines starting with a space) counts once, so a photo
# does not fill the budget. A full address-book card has a few dozen lines.
MAX_CARD_LINES = 200
MAX_LINES = 30_000
MAX_TAGS = 20
LIMITS = {"name": 200, "role": 200, "organization": 200, "how_met": 300, "email": 254, "phone": 40, "notes": 5000}
# Problems name a field as the contact form labels it (a test holds them equal), not as MedPath or vCard spell it.
FIELD_LABELS = {
    "name": "Name",
    "role": "Role",
    "organization": "Organization",
    "how_met": "How you met",
    "email": "E-mail",
    "phone": "Phone",
    "tags": "Tags",
    "rhythm_days": "Follow up every (days)",
    "notes": "Notes",
}
_LINE_END = re.compile(r"\r\n|\r|\n")  # vCard lines end so (RFC 6350 §3.2); never at U+2028, \x0c or \x85
_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^END:VCARD\s*$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class VcardsRejected(RowsRejected):
    """The vCard file was refused; nothing was imported."""

    summary = "{count} problem(s) in the vCard file"

    def __init__(self, problems: list[RowProblem], *, to_confirm: int = 0) -> None:
        super().__init__(problems)
        self.to_confirm = to_confirm  # problems that are text the privacy guard pointed at (the person may confirm)


@dataclass
class ContactCard:
    """One contact as a vCard holds it (MedPath's own fields ride in X-MEDPATH-… properties)."""

    name: str
    role: str = ""
    organization: str = ""
    how_met: str = ""
    email: str = ""
    phone: str = ""
    tags: list[str] = field(default_factory=list)
    is_mentor: bool = False
    notes: str = ""
    rhythm_days: int | None = None
    line: int = 0  # where the card starts in the file it came from
    not_imported: list[str] = field(default_factory=list)  # properties of the card MedPath does not keep


# Properties MedPath reads (the first of each where a contact holds one), and those that say nothing a contact
# loses (the card's bookkeeping, N beside FN, an address book's labels): neither is reported as not imported.
KEPT = ("fn", "title", "role", "org", "email", "tel", "note", "x-medpath-how-met", "x-medpath-mentor", "x-medpath-follow-up-days")
UNREPORTED = frozenset({"version", "prodid", "uid", "rev", "kind", "n", "categories", "x-abuid", "x-ablabel", "x-abshowas"})
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)


def _unescape(raw: str) -> str:
    """A text value without its vCard escapes (\\n, \\, \\; \\\\); a bare comma stays a comma: vobject would cut the
    text there, reading it as a list (``TITLE:Program director, internal medicine``)."""
    return _ESCAPED.sub(lambda match: "\n" if match.group(1) in "nN" else match.group(1), raw)


def _parts(raw: str) -> list[str]:
    """The components of a structured value (N, ORG), split at unescaped semicolons and unescaped."""
    parts, start, escaped = [], 0, False
    for at, char in enumerate(raw):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ";":
            parts.append(raw[start:at])
            start = at + 1
    return [_unescape(part) for part in [*parts, raw[start:]]]


def _raw_values(chunk: str) -> dict[str, list[str]]:
    """Each property's values as written (unfolded, still escaped), in lower-case names; vobject keeps only the text
    before the first bare comma of a text it does not know. Properties with an ENCODING are left to vobject."""
    found: dict[str, list[str]] = {}
    for line, _ in vobject.base.getLogicalLines(io.StringIO(chunk), allowQP=False):
        try:
            name, params, value, _group = vobject.base.parseLine(line)
        except vobject.base.ParseError:
            continue  # the parser reports the card
        if "ENCODING" not in {str(key).upper() for key in params}:
            found.setdefault(name.lower(), []).append(value)
    return found


def _first(card: Any, name: str) -> Any:
    found = card.contents.get(name)
    return found[0].value if found else None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(part) for part in value if part).strip()
    return str(value).strip()


def _first_text(card: Any, raw: dict[str, list[str]], name: str) -> str:
    """The first value of a text property, whole."""
    if raw.get(name):
        return _unescape(raw[name][0]).strip()
    return _text(_first(card, name))


def _name_from_n(raw: str) -> str:
    parts = (_parts(raw) + [""] * 5)[:5]  # family;given;additional;prefix;suffix
    family, given, additional, prefix, suffix = (part.replace(",", " ").strip() for part in parts)
    return " ".join(part for part in (prefix, given, additional, family, suffix) if part)


def _not_imported(card: Any, uses_title: bool) -> list[str]:
    """The card's properties a contact does not keep, in the card's order: "PHOTO", "another EMAIL"."""
    dropped: list[str] = []
    for name, lines in card.contents.items():
        if name in UNREPORTED or name == "fn":
            continue
        label = name.upper()
        extra = len(lines) - (1 if name in KEPT and not (name == "role" and uses_title) else 0)
        if extra <= 0:
            continue
        if name in KEPT and not (name == "role" and uses_title):
            dropped.append(f"another {label}" if extra == 1 else f"{extra} more {label}")
        else:
            dropped.append(label)
    return dropped


def _phone(value: str) -> str:
    """A telephone number without the scheme of a ``tel:`` URI (``TEL;VALUE=uri:tel:+1-555-0100``)."""
    return value[4:].strip() if value[:4].lower() == "tel:" else value


def _card(card: Any, raw: dict[str, list[str]], line: int, problems: list[RowProblem]) -> ContactCard | None:
    """A parsed vCard (``raw``: its values as written) as a contact, or None with its problems added."""
    found: list[RowProblem] = []
    name = _first_text(card, raw, "fn") or (_name_from_n(raw["n"][0]) if raw.get("n") else "")
    if not name:
        found.append(RowProblem(line, FIELD_LABELS["name"], "The card has no name (FN); every contact needs one."))
    tags: list[str] = []
    for categories in card.contents.get("categories", []):
        values = categories.value if isinstance(categories.value, list) else [categories.value]
        tags += [normal_tag(str(tag)) for tag in values if normal_tag(str(tag))]
    tags = list(dict.fromkeys(tags))
    if len(tags) > MAX_TAGS:
        found.append(RowProblem(line, FIELD_LABELS["tags"], f"At most {MAX_TAGS} tags (CATEGORIES) on one contact."))
    if any(len(tag) > 60 for tag in tags):
        found.append(RowProblem(line, FIELD_LABELS["tags"], "A tag is at most 60 characters."))
    rhythm_text = _first_text(card, raw, "x-medpath-follow-up-days")
    rhythm: int | None = None
    if rhythm_text:
        if not rhythm_text.isdigit() or len(rhythm_text) > 6:
            found.append(RowProblem(line, FIELD_LABELS["rhythm_days"], "Give the follow-up rhythm as a number of days."))
        else:
            rhythm = int(rhythm_text)
            if problem := rhythm_problem(rhythm):
                found.append(RowProblem(line, FIELD_LABELS["rhythm_days"], problem))
    email = _first_text(card, raw, "email")
    if email and not _EMAIL.match(email):
        found.append(RowProblem(line, FIELD_LABELS["email"], f"“{email[:80]}” is not an e-mail address."))
    title = _first_text(card, raw, "title")
    org = _parts(raw["org"][0]) if raw.get("org") else []
    not_imported = _not_imported(card, uses_title=bool(title))
    if any(part.strip() for part in org[1:]):
        not_imported.append("the unit in ORG")
    contact = ContactCard(
        name=name,
        role=title or _first_text(card, raw, "role"),
        organization=org[0].strip() if org else "",
        how_met=_first_text(card, raw, "x-medpath-how-met"),
        email=email,
        phone=_phone(_first_text(card, raw, "tel")),
        tags=tags,
        is_mentor=_first_text(card, raw, "x-medpath-mentor").lower() in {"true", "yes", "1"},
        notes=_first_text(card, raw, "note"),
        rhythm_days=rhythm,
        line=line,
        not_imported=not_imported,
    )
    for attribute, limit in LIMITS.items():
        value = getattr(contact, attribute)
        if len(value) > limit:
            found.append(RowProblem(line, FIELD_LABELS[attribute], f"At most {limit:,} characters (this has {len(value):,})."))
        if "\x00" in value:
            found.append(RowProblem(line, FIELD_LABELS[attribute], "Null characters are not allowed."))
    problems += found
    return None if found else contact


def _chunks(lines: list[str]) -> Iterable[tuple[int, str, int]]:
    """Each card's text with the line it starts on and its number of lines (a folded line counts once); text
    outside a card is a problem of its own."""
    start: int | None = None
    count = 0
    for number, line in enumerate(lines, start=1):
        if line[:1] in (" ", "\t"):  # continues the line before it
            continue
        if _BEGIN.match(line):
            if start is not None:
                yield start, "\n".join(lines[start - 1 : number - 1]), count  # no END: the parser says so
            start, count = number, 1
        elif start is not None:
            count += 1 if line.strip() else 0
            if _END.match(line):
                yield start, "\n".join(lines[start - 1 : number]), count
                start = None
        elif line.strip():
            yield number, line, 1  # stray text: the parser refuses it
    if start is not None:
        yield start, "\n".join(lines[start - 1 :]), count


def read_vcards(data: bytes) -> list[ContactCard]:
    """The contacts of a vCard file, or ``VcardsRejected`` listing every bad card with its line."""
    if len(data) > MAX_VCARD_BYTES:
        raise VcardsRejected([RowProblem(0, "file", f"The file is larger than {MAX_VCARD_BYTES // (1024 * 1024)} MB.")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise VcardsRejected([RowProblem(0, "file", "The file is not UTF-8 text; export the contacts as vCard 4.0.")]) from None
    chunks = list(_chunks(_LINE_END.split(text)))  # nothing is parsed before every limit is checked
    begins = sum(1 for _, chunk, _ in chunks if _BEGIN.match(chunk.partition("\n")[0]))
    if begins > MAX_CARDS:
        raise VcardsRejected(
            [RowProblem(0, "file", f"The file holds {begins:,} contacts; at most {MAX_CARDS:,} in one file. Split it.")]
        )
    if begins == 0:
        raise VcardsRejected([RowProblem(1, "file", "The file holds no vCard (BEGIN:VCARD … END:VCARD).")])
    total = sum(count for _, _, count in chunks)
    if total > MAX_LINES:
        raise VcardsRejected(
            [RowProblem(0, "file", f"The file holds {total:,} lines of cards; at most {MAX_LINES:,} in one file. Split it.")]
        )
    problems: list[RowProblem] = []
    contacts: list[ContactCard] = []
    for line, chunk, count in chunks:
        if count > MAX_CARD_LINES:
            message = f"This card has {count:,} lines; at most {MAX_CARD_LINES:,} in one card (a folded line counts once)."
            problems.append(RowProblem(line, "card", message))
            continue
        try:
            parsed = vobject.readOne(chunk + "\n", validate=False)
        except Exception:  # vobject raises ParseError, but also ValueError and others on odd input
            problems.append(RowProblem(line, "card", "This card is not valid vCard; check its lines up to END:VCARD."))
            continue
        if getattr(parsed, "name", "").upper() != "VCARD":
            problems.append(RowProblem(line, "card", "Only vCards (BEGIN:VCARD) can be imported."))
            continue
        contact = _card(parsed, _raw_values(chunk), line, problems)
        if contact is not None:
            contacts.append(contact)
    if problems:
        raise VcardsRejected(sorted(problems, key=lambda problem: problem.line))
    return contacts


# What MedPath can tell from a name written in one line: a title before it, a suffix after a comma (or Jr., III),
# and a family name from its first lower-case particle ("de la Cruz", "van Dijk"), else its last word.
NAME_PREFIXES = frozenset({"dr", "dr.", "prof", "prof.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx."})
NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
NAME_PARTICLES = frozenset(
    {"al", "bin", "da", "das", "de", "del", "della", "der", "di", "do", "dos", "du", "el", "la", "le", "ten", "ter", "van", "von"}
)


def name_parts(name: str) -> dict[str, str]:
    """The parts of a vCard N (family, given, additional, prefix, suffix) of a name MedPath keeps in one line."""
    written, _, suffix = name.partition(",")
    words = written.split()
    prefix = words.pop(0) if len(words) > 1 and words[0].lower() in NAME_PREFIXES else ""
    if len(words) > 2 and words[-1].lower() in NAME_SUFFIXES:
        suffix = " ".join(filter(None, (words.pop(), suffix.strip())))
    if len(words) <= 1:
        return {"family": " ".join(words), "given": "", "additional": "", "prefix": prefix, "suffix": suffix.strip()}
    family_from = next((at for at in range(1, len(words) - 1) if words[at] in NAME_PARTICLES), len(words) - 1)
    return {
        "family": " ".join(words[family_from:]),
        "given": words[0],
        "additional": " ".join(words[1:family_from]),
        "prefix": prefix,
        "suffix": suffix.strip(),
    }


def write_vcards(contacts: Iterable[ContactCard]) -> str:
    """The contacts as one vCard 4.0 file."""
    out = []
    for contact in contacts:
        card = vobject.vCard()
        card.add("version").value = "4.0"
        card.add("kind").value = "individual"
        card.add("fn").value = contact.name
        card.add("n").value = vobject.vcard.Name(**name_parts(contact.name))
        if contact.role:
            card.add("title").value = contact.role
        if contact.organization:
            card.add("org").value = [contact.organization]
        if contact.email:
            card.add("email").value = contact.email
        if contact.phone:
            card.add("tel").value = contact.phone
        if contact.tags:
            card.add("categories").value = list(contact.tags)
        if contact.notes:
            card.add("note").value = contact.notes
        if contact.how_met:
            card.add("x-medpath-how-met").value = contact.how_met
        if contact.is_mentor:
            card.add("x-medpath-mentor").value = "true"
        if contact.rhythm_days is not None:
            card.add("x-medpath-follow-up-days").value = str(contact.rhythm_days)
        out.append(card.serialize())
    return "".join(out)
