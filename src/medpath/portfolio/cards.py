"""The Portfolio card on the dashboard: how many CV sections have something to show, and when a CV was last made
(a fixed number of queries: counts only, no section is composed)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from medpath.dashboard import Card, NextAction
from medpath.portfolio import selectors
from medpath.usertime import user_zone
from medpath.wording import count, day


def portfolio_card(user: Any) -> Card:
    """CV sections chosen, publications and awards kept, and the last CV made."""
    url = reverse("portfolio:overview")
    choice = selectors.cv_choice(user)
    sections = selectors.chosen_sections(user, choice)
    publications, awards = selectors.record_counts(user)
    parts = [f"{count(len(sections), 'CV section')} chosen."]
    if publications or awards:
        parts.append(f"{count(publications, 'publication')} and {count(awards, 'award')} kept.")
    if choice is not None and choice.generated_at is not None:
        parts.append(f"Last CV made {day(timezone.localtime(choice.generated_at, user_zone(user)).date())}.")
    else:
        parts.append("No CV made yet.")
    actions = [NextAction("Choose sections and download your CV", url)]
    if not publications:
        actions.append(NextAction("Add a publication or poster", reverse("portfolio:publication_new")))
    return Card("portfolio", "CV and portfolio", " ".join(parts), actions, url)
