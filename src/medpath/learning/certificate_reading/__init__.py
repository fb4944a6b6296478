"""What a certificate's text states: title, completion date, credits earned. Pure: no Django, no I/O.

The reader never guesses. It fills a field only from an explicit statement and keeps
the words it read it from, so the form can show them:

- **credits**: a number joined to its unit on one line ("3.0 contact hours", "Contact
  hours awarded: 1.0") or a label and its value on adjacent lines ("Contact Hours
  Awarded" / "3.0"), or a label row and its value row of a small table. Statements of
  what *may* be earned ("designates this activity for a maximum of 12.5 AMA PRA Category 1
  Credits™", "earn up to 8 MOC points", "approved for 4.0 Category A credits") are never
  read as earned; the credits *claimed* beside such a statement are, in its credit type.
  A printed total wins over the lines it adds up.
- **date**: a date next to a completion label (completed, date of completion, issue
  date, date of participation, attended … on …), else the only full date on the page;
  dates labelled release, expiration, renew or valid are never the completion date.
- **title**: the line(s) after "has successfully completed", "participated in",
  "attended" … or after a label (Activity, Course, Program title, Session).

When two explicit statements disagree the field stays empty. Numbers inside dates,
years, course numbers, provider numbers and IDs are never amounts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from medpath.learning.certificate_reading.credits import Award, awards_in
from medpath.learning.certificate_reading.dates import completion
from medpath.learning.certificate_reading.layout import clean_lines
from medpath.learning.certificate_reading.titles import title_of

__all__ = ["Award", "Reading", "read_text"]


@dataclass(frozen=True)
class Reading:
    """What could be read off a certificate; a field is None when nothing explicit was found."""

    title: str | None = None
    title_evidence: str = ""
    completed_on: date | None = None
    date_evidence: str = ""
    awards: tuple[Award, ...] = ()
    message: str = ""

    @property
    def credit_type(self) -> str | None:
        """The first award's credit type (the form's first award)."""
        return self.awards[0].credit_type if self.awards else None

    @property
    def amount(self) -> float | None:
        """The first award's amount."""
        return self.awards[0].amount if self.awards else None

    def as_dict(self) -> dict[str, object]:
        """The JSON of ``medpath ce read-certificate --json`` and of the API."""
        first = self.awards[0] if self.awards else None
        return {
            "title": self.title,
            "completed_on": self.completed_on.isoformat() if self.completed_on else None,
            "credit_type": self.credit_type,
            "amount": self.amount,
            "evidence": {
                "title": self.title_evidence or None,
                "completed_on": self.date_evidence or None,
                "credit_type": first.evidence if first and first.credit_type else None,
                "amount": first.evidence if first else None,
            },
            "awards": [{"credit_type": a.credit_type, "amount": a.amount, "evidence": a.evidence} for a in self.awards],
            "message": self.message,
        }


def read_text(text: str) -> Reading:
    """Read a certificate's text (as extracted from its PDF)."""
    lines = clean_lines(text)
    if not lines:
        return Reading(message="No text could be read from this certificate.")
    title, title_evidence = title_of(lines)
    completed_on, date_evidence = completion(lines)
    return Reading(
        title=title,
        title_evidence=title_evidence,
        completed_on=completed_on,
        date_evidence=date_evidence,
        awards=awards_in(lines),
    )
