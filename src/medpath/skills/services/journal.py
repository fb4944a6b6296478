"""Goals and reflections: goals turn feedback into action and feed the next-actions list; reflections are a
private journal linked to competencies and, where chosen, to an experience entry. Free text passes the privacy
guard."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Case, Value, When
from django.utils import timezone

from medpath.accounts.models import User
from medpath.privacy.forms import guard_texts
from medpath.scoping import get_owned
from medpath.skills.models import FeedbackRequest, Goal, GoalStatus, Reflection
from medpath.skills.services.assessment import chosen_framework_id, framework_of
from medpath.usertime import user_today

MAX_COMPETENCIES = 10


def _competencies(framework_id: str, competency_ids: Sequence[str], problems: dict[str, list[str]]) -> list[str]:
    try:
        framework = framework_of(framework_id)
    except ValidationError as error:
        problems.update(error.message_dict)
        return []
    known = set(framework.competency_ids())
    unknown = [cid for cid in competency_ids if cid not in known]
    if unknown:
        problems["competency_ids"] = [f"{framework.name} has no competency {', '.join(map(repr, unknown))}."]
    if len(set(competency_ids)) > MAX_COMPETENCIES:
        problems["competency_ids"] = [f"Link at most {MAX_COMPETENCIES} competencies."]
    return list(dict.fromkeys(competency_ids))


def goal_save(
    *,
    user: User,
    title: str,
    due_on: date,
    competency_ids: Sequence[str] = (),
    detail: str = "",
    framework_id: str = "",
    feedback_request_id: int | None = None,
    status: str = GoalStatus.OPEN,
    pk: int | None = None,
    privacy_confirmed: bool = False,
) -> Goal:
    """Create a goal, or change one of the user's (``pk``)."""
    goal = get_owned(Goal, user, pk=pk) if pk is not None else Goal(owner=user)
    framework_id = framework_id or goal.framework_id or chosen_framework_id(user)
    problems: dict[str, list[str]] = {}
    title = title.strip()
    if not title:
        problems["title"] = ["Say what you will do, specifically: “Ask one nurse for feedback after each night shift”."]
    elif len(title) > 200:
        problems["title"] = ["At most 200 characters; put the rest in the detail."]
    if len(detail) > 2000:
        problems["detail"] = ["At most 2,000 characters."]
    if pk is None and due_on < user_today(user):
        problems["due_on"] = ["A new goal is due today or later."]
    if status not in GoalStatus.values:
        problems["status"] = [f"One of {', '.join(GoalStatus.values)}."]
    chosen = _competencies(framework_id, competency_ids, problems)
    feedback = None
    if feedback_request_id is not None:
        feedback = FeedbackRequest.objects.for_user(user).filter(pk=feedback_request_id).first()
        if feedback is None:
            problems["feedback_request_id"] = ["No feedback request of yours has this id."]
    if problems:
        raise ValidationError(problems)
    guard_texts({"title": title, "detail": detail.strip()}, confirmed=privacy_confirmed)
    goal.title, goal.detail, goal.due_on, goal.framework_id = title, detail.strip(), due_on, framework_id
    goal.competency_ids, goal.feedback_request = chosen, feedback
    if status != goal.status:
        goal.completed_on = user_today(user) if status == GoalStatus.DONE else None
    goal.status = status
    goal.save()
    return goal


def goals(user: User) -> list[Goal]:
    """The user's goals: open ones first, soonest due first; then done and dropped."""
    open_first = Case(When(status=GoalStatus.OPEN, then=Value(0)), default=Value(1))  # "open" sorts after "done"
    return list(Goal.objects.for_user(user).order_by(open_first, "due_on", "id"))


def goal_delete(*, user: User, pk: int) -> None:
    """Delete one of the user's goals."""
    get_owned(Goal, user, pk=pk).delete()


def reflection_save(
    *,
    user: User,
    title: str,
    text: str,
    written_on: date | None = None,
    competency_ids: Sequence[str] = (),
    framework_id: str = "",
    experience_id: int | None = None,
    pk: int | None = None,
    privacy_confirmed: bool = False,
) -> Reflection:
    """Create a reflection, or change one of the user's (``pk``)."""
    reflection = get_owned(Reflection, user, pk=pk) if pk is not None else Reflection(owner=user)
    framework_id = framework_id or reflection.framework_id or chosen_framework_id(user)
    written_on = written_on or user_today(user)
    problems: dict[str, list[str]] = {}
    title, text = title.strip(), text.strip()
    if not title:
        problems["title"] = ["Give the reflection a title."]
    elif len(title) > 200:
        problems["title"] = ["At most 200 characters."]
    if not text:
        problems["text"] = ["Write the reflection."]
    elif len(text) > 10_000:
        problems["text"] = ["At most 10,000 characters."]
    if written_on > user_today(user):
        problems["written_on"] = ["A reflection is dated today or earlier."]
    chosen = _competencies(framework_id, competency_ids, problems)
    experience = None
    if experience_id is not None:
        from medpath.experience.selectors import entry_for_reflection

        experience = entry_for_reflection(user, experience_id)
        if experience is None:
            problems["experience_id"] = ["No experience entry of yours has this id."]
    if problems:
        raise ValidationError(problems)
    guard_texts({"title": title, "text": text}, confirmed=privacy_confirmed)
    reflection.title, reflection.text, reflection.written_on = title, text, written_on
    reflection.framework_id, reflection.competency_ids, reflection.experience = framework_id, chosen, experience
    reflection.updated_at = timezone.now()
    reflection.save()
    return reflection


def reflections(user: User) -> list[Reflection]:
    """The user's reflections, newest first, with the experience each is about."""
    return list(Reflection.objects.for_user(user).select_related("experience").order_by("-written_on", "-id"))


def reflection_delete(*, user: User, pk: int) -> None:
    """Delete one of the user's reflections."""
    get_owned(Reflection, user, pk=pk).delete()
