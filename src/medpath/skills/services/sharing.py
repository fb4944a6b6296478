"""Sharing with a mentor: a read-only snapshot, made when the link is made, opened through an expiring, revocable
signed link. Only the sections the person chose go in: the competency profile and goals by default, released
feedback results and chosen reflections only when ticked. Nothing else of the person's is ever read for it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, Value, When
from django.http import HttpRequest

from medpath.accounts import links
from medpath.accounts.models import SignedLink, User
from medpath.catalog.framework_schema import self_rating_levels
from medpath.scoping import get_owned
from medpath.skills.links import MENTOR
from medpath.skills.models import Goal, GoalStatus, MentorShare, Reflection
from medpath.skills.selectors import released_feedback
from medpath.skills.services.assessment import chosen_framework_id, framework_of, history
from medpath.usertime import user_today

SECTIONS = ("profile", "goals", "feedback", "reflections")
DEFAULT_SECTIONS = ("profile", "goals")
DEFAULT_SHARE_DAYS = 30
MAX_SHARE_DAYS = MENTOR.max_lifetime.days
SNAPSHOT_VERSION = 1


def _profile(user: User, framework_id: str) -> dict[str, Any]:
    framework = framework_of(framework_id)
    levels = self_rating_levels(framework)
    rows = []
    for competency in history(user, framework):
        point = competency.points[-1] if competency.points else None
        rows.append(
            {
                "competency": competency.name,
                "level": point.level if point else None,
                "level_label": levels.get(point.level, "") if point else "",
                "assessed_on": point.assessed_on.isoformat() if point else None,
            }
        )
    return {"framework": framework.name, "levels": {str(n): label for n, label in levels.items()}, "competencies": rows}


def _goals(user: User) -> list[dict[str, Any]]:
    names: dict[str, dict[str, str]] = {}
    found = []
    open_first = Case(When(status=GoalStatus.OPEN, then=Value(0)), default=Value(1))  # "open" sorts after "done"
    for goal in Goal.objects.for_user(user).exclude(status=GoalStatus.DROPPED).order_by(open_first, "due_on", "id"):
        if goal.framework_id not in names:
            try:
                names[goal.framework_id] = {c.id: c.name for c in framework_of(goal.framework_id).competencies}
            except ValidationError:
                names[goal.framework_id] = {}
        found.append(
            {
                "title": goal.title,
                "detail": goal.detail,
                "due_on": goal.due_on.isoformat(),
                "status": goal.status,
                "competencies": [names[goal.framework_id].get(cid, cid) for cid in goal.competency_ids],
            }
        )
    return found


def _feedback(user: User) -> list[dict[str, Any]]:
    """Released results only (overall, by statement); never counts of an open request, never comments."""
    return [
        {
            "title": released.title,
            "closed_on": released.closed_on.isoformat(),
            "answers": released.answers,
            "statements": [
                {"text": s.text, "mean": round(s.mean, 2) if s.mean is not None else None, "rated": s.rated}
                for s in released.statements
            ],
        }
        for released in released_feedback(user)
    ]


def _reflections(user: User, reflection_ids: Sequence[int]) -> list[dict[str, Any]]:
    rows = Reflection.objects.for_user(user).filter(pk__in=list(reflection_ids)).order_by("-written_on", "-id")
    return [{"title": row.title, "written_on": row.written_on.isoformat(), "text": row.text} for row in rows]


@dataclass(frozen=True)
class SharedSnapshot:
    """A new share and its URL (known only now)."""

    share: MentorShare
    url: str


def share_create(
    *,
    user: User,
    sections: Sequence[str] = DEFAULT_SECTIONS,
    reflection_ids: Sequence[int] = (),
    mentor_label: str = "",
    days: int = DEFAULT_SHARE_DAYS,
    request: HttpRequest | None = None,
) -> SharedSnapshot:
    """Freeze the chosen sections into a snapshot and issue a read-only link to it."""
    problems: dict[str, list[str]] = {}
    chosen = [section for section in SECTIONS if section in set(sections)]
    unknown = sorted(set(sections) - set(SECTIONS))
    if unknown:
        problems["sections"] = [f"Unknown sections {', '.join(unknown)}; choose from {', '.join(SECTIONS)}."]
    elif not chosen:
        problems["sections"] = ["Choose at least one part to share."]
    if reflection_ids and "reflections" not in chosen:
        problems["reflection_ids"] = ["Tick “reflections” to share the reflections you chose."]
    owned = set(Reflection.objects.for_user(user).filter(pk__in=list(reflection_ids)).values_list("pk", flat=True))
    if set(reflection_ids) - owned:
        problems["reflection_ids"] = ["Choose among your own reflections."]
    if "reflections" in chosen and not reflection_ids:
        problems["reflection_ids"] = ["Choose which reflections to share (none is chosen for you)."]
    if not 1 <= days <= MAX_SHARE_DAYS:
        problems["days"] = [f"The link lasts 1 to {MAX_SHARE_DAYS} days."]
    if len(mentor_label) > 120:
        problems["mentor_label"] = ["At most 120 characters."]
    if problems:
        raise ValidationError(problems)
    snapshot: dict[str, Any] = {
        "version": SNAPSHOT_VERSION,
        "person": user.full_name or user.email,
        "made_on": user_today(user).isoformat(),
    }
    if "profile" in chosen:
        snapshot["profile"] = _profile(user, chosen_framework_id(user))
    if "goals" in chosen:
        snapshot["goals"] = _goals(user)
    if "feedback" in chosen:
        snapshot["feedback"] = _feedback(user)
    if "reflections" in chosen:
        snapshot["reflections"] = _reflections(user, reflection_ids)
    with transaction.atomic():
        issued = links.link_issue(
            owner=user,
            purpose=MENTOR.name,
            lifetime=timedelta(days=days),
            label=mentor_label.strip() or "Mentor",
            request=request,
        )
        share = MentorShare(owner=user, link=issued.link, mentor_label=mentor_label.strip(), sections=chosen, snapshot=snapshot)
        share.save()
        issued.link.subject = f"skills.share:{share.pk}"
        issued.link.save(update_fields=["subject"])
    return SharedSnapshot(share, issued.url)


def share_open(*, token: str, request: HttpRequest | None = None) -> MentorShare:
    """The snapshot a mentor's link opens (LinkError when expired, revoked or forged); counts the use."""
    link = links.link_consume(token=token, purpose=MENTOR.name, request=request)
    share: MentorShare = MentorShare.objects.for_user(link.owner).get(link=link)
    return share


def shares(user: User) -> list[MentorShare]:
    """The user's shares, newest first, with their links."""
    return list(MentorShare.objects.for_user(user).select_related("link"))


def share_revoke(*, user: User, pk: int, request: HttpRequest | None = None) -> SignedLink:
    """Stop a share's link working at once."""
    share = get_owned(MentorShare, user, pk=pk)
    return links.link_revoke(owner=user, link_id=share.link_id, request=request)
