"""The Portfolio card on the dashboard: how many CV sections have something to show, and when a CV was last made
(a fixed number of queries: counts only, no section is composed)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from medpath.dashboard import Card, NextAction
from medpath.portfolio import selectors
from medpath.wording import day


def portfolio_card(user: Any) -> Card:
    """CV sections chosen, publications and awards kept, and the last CV made."""
    url = reverse("portfolio:overview")
    choice = selectors.cv_choice(user)
    sections = selectors.chosen_sections(user, choice)
    counts = selectors.record_counts(user)
    parts = [f"{len(sections)} CV sections chosen."]
    if counts:
        parts.append(
            f"{counts[0]} publications and {counts[1]} awards kept." if counts != (1, 1) else "1 publication and 1 award kept."
        )
    if choice is not None and choice.generated_at is not None:
        parts.append(f"Last CV made {day(choice.generated_at.date())}.")
    else:
        parts.append("No CV made yet.")
    actions = [NextAction("Choose sections and download your CV", url)]
    if not counts or counts[0] == 0:
        actions.append(NextAction("Add a publication or poster", reverse("portfolio:publication_new")))
    return Card("portfolio", "CV and portfolio", " ".join(parts), actions, url)
