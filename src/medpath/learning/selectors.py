"""Reads for the learning pillar: each credential's renewal status, and everything that expires."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from medpath.accounts.models import User
from medpath.catalog.loader import catalog
from medpath.catalog.requirement_schema import RequirementSetSpec
from medpath.learning import requirements as engine
from medpath.learning.models import Certificate, Credential, CreditAward, CustomRequirementSet, LearningActivity
from medpath.learning.requirements import Cycle, Evaluation, add_months, evaluate
from medpath.learning.rulesets import rule_set_from_spec
from medpath.scoping import get_owned
from medpath.usertime import user_today

URGENCY_DAYS = 90
# How each status reads on a page (the codes stay in CSS classes, the API and the CLI's --json).
STATUS_LABELS = {
    "met": "met",
    "on-track": "on track",
    "at-risk": "at risk",
    "unmet": "not met",
    "lapsed": "lapsed",
    "exempt": "exempt",
    "expired": "expired",
    "current": "current",
    "no-date": "no date",
}


@dataclass(frozen=True)
class CredentialStatus:
    """A credential, the rules that govern it, and where it stands."""

    credential: Credential
    spec: RequirementSetSpec | None
    evaluation: Evaluation | None
    cycle: Cycle | None
    deadline: date | None
    days_left: int | None

    @property
    def status(self) -> str:
        """met, on-track, at-risk, unmet, lapsed, exempt, expired, current, or no-date."""
        if self.evaluation is not None:
            return self.evaluation.status
        if self.deadline is None:
            return "no-date"
        return "expired" if self.days_left is not None and self.days_left < 0 else "current"

    @property
    def status_label(self) -> str:
        """The status in words: 'on track' for on-track."""
        return STATUS_LABELS.get(self.status, self.status.replace("-", " "))

    @property
    def urgent(self) -> bool:
        """Needs attention within 90 days, or already late."""
        return self.days_left is not None and self.days_left <= URGENCY_DAYS and self.status not in {"met", "exempt"}


def requirement_specs(user: User) -> dict[str, RequirementSetSpec]:
    """The catalog's requirement sets plus the user's own (ids prefixed 'mine:')."""
    specs = dict(catalog().requirement_sets)
    for row in CustomRequirementSet.objects.for_user(user):
        spec = RequirementSetSpec.model_validate(row.document["set"])
        specs[f"mine:{row.set_id}"] = spec
    return specs


def engine_activities(user: User) -> list[engine.Activity]:
    """The user's activities with their awards, as the engine's dataclasses (two queries)."""
    awards: dict[int, list[engine.CreditAward]] = defaultdict(list)
    for award in CreditAward.objects.for_user(user).only("activity_id", "credit_type", "amount"):
        awards[award.activity_id].append(engine.CreditAward(award.credit_type, float(award.amount)))
    return [
        engine.Activity(
            id=str(row.pk),
            title=row.title,
            completed_on=row.completed_on,
            awards=tuple(awards.get(row.pk, ())),
            topics=frozenset(row.topics or ()),
            format=row.format,
        )
        for row in LearningActivity.objects.for_user(user).only("id", "title", "completed_on", "topics", "format")
    ]


def cycle_of(credential: Credential, spec: RequirementSetSpec | None) -> Cycle | None:
    """The credential's current renewal cycle: its own dates, or back from the expiry by the set's length."""
    end = credential.cycle_end or credential.expires_on
    if end is None:
        return None
    start = credential.cycle_start
    if start is None:
        months = spec.cycle_months if spec else 24
        start = add_months(end, -months) + timedelta(days=1)  # consecutive cycles do not share a day
    return Cycle(start=start, end=end, renewal_number=credential.renewal_number)


def previous_cycle(cycle: Cycle, spec: RequirementSetSpec) -> Cycle:
    """The cycle that ended the day before ``cycle`` began, as ``?cycle_end=`` of an audit packet picks it."""
    end = cycle.start - timedelta(days=1)
    return Cycle(add_months(end, -spec.cycle_months) + timedelta(days=1), end, max(1, cycle.renewal_number - 1))


def credential_status(
    credential: Credential,
    spec: RequirementSetSpec | None,
    activities: list[engine.Activity],
    today: date,
    cycle_end: date | None = None,
) -> CredentialStatus:
    """One credential's status (an evaluation when rules govern it, else its expiry); ``cycle_end`` picks an earlier cycle."""
    cycle = cycle_of(credential, spec)
    if cycle is not None and cycle_end is not None and spec is not None:
        cycle = previous_cycle(Cycle(cycle_end + timedelta(days=1), cycle.end, credential.renewal_number), spec)
    if spec is None or cycle is None:
        deadline = credential.expires_on
        return CredentialStatus(credential, spec, None, cycle, deadline, (deadline - today).days if deadline else None)
    result = evaluate(
        rule_set_from_spec(spec), cycle, activities, today=today, facts=credential.facts(), expires=credential.expires_on
    )
    return CredentialStatus(credential, spec, result, cycle, result.deadline, result.days_left)


def credential_statuses(user: User, today: date | None = None) -> list[CredentialStatus]:
    """Every credential of the user with its status, most urgent first (a fixed number of queries)."""
    today = today or user_today(user)
    specs = requirement_specs(user)
    activities = engine_activities(user)
    rows = list(Credential.objects.for_user(user))
    statuses = [credential_status(row, specs.get(row.requirement_set_id), activities, today) for row in rows]
    return sorted(statuses, key=lambda s: (s.days_left is None, s.days_left if s.days_left is not None else 0, s.credential.name))


def credentials(user: User) -> list[Credential]:
    """The user's credentials by name (what a CV or a FHIR Practitioner lists; one query)."""
    return list(Credential.objects.for_user(user).order_by("name", "pk"))


ActivityRow = tuple[LearningActivity, list[CreditAward]]


def activities_with_awards(
    user: User, *, q: str = "", year: int | None = None, credit_type: str = "", topic: str = "", limit: int | None = None
) -> list[ActivityRow]:
    """The user's activities, newest first, each with its awards (two queries): the one filter of the page and API."""
    rows = LearningActivity.objects.for_user(user)
    if q:
        rows = rows.filter(title__icontains=q)
    if year:
        rows = rows.filter(completed_on__year=year)
    if credit_type:
        rows = rows.filter(pk__in=CreditAward.objects.for_user(user).filter(credit_type=credit_type).values("activity_id"))
    activities = list(rows.order_by("-completed_on", "title", "pk"))
    if topic:  # topics is a JSON list: filtered here, alike on SQLite and PostgreSQL
        activities = [a for a in activities if topic in (a.topics or [])]
    if limit is not None:
        activities = activities[:limit]
    awards: dict[int, list[CreditAward]] = defaultdict(list)
    for award in CreditAward.objects.for_user(user).filter(activity_id__in=[a.pk for a in activities]).order_by("pk"):
        awards[award.activity_id].append(award)
    return [(activity, awards[activity.pk]) for activity in activities]


def activity_with_awards(user: User, pk: int) -> ActivityRow:
    """One of the user's activities with its awards in the order entered; 404 for anyone else's."""
    activity = get_owned(LearningActivity, user, pk=pk)
    return activity, list(CreditAward.objects.for_user(user).filter(activity=activity).order_by("pk"))


def activities_by_key(user: User) -> dict[str, LearningActivity]:
    """The user's activities by the key the engine's allocation names them with (the id as text)."""
    return {str(a.pk): a for a in LearningActivity.objects.for_user(user)}


def awards_by_activity(user: User) -> dict[int, list[CreditAward]]:
    """The user's credit awards by activity id, in the order entered (for the audit packet's CSV)."""
    awards: dict[int, list[CreditAward]] = defaultdict(list)
    for award in CreditAward.objects.for_user(user).order_by("pk"):
        awards[award.activity_id].append(award)
    return dict(awards)


def certificates_by_id(user: User) -> dict[int, Certificate]:
    """The user's certificate files by id (for the audit packet)."""
    return {c.pk: c for c in Certificate.objects.for_user(user)}


def activity_exists(user: User, pk: int) -> bool:
    """Whether one of the user's activities has this id (the network pillar asks before counting an event twice)."""
    return LearningActivity.objects.for_user(user).filter(pk=pk).exists()


def activities_existing(user: User, pks: Iterable[int]) -> set[int]:
    """Those of the ids that are still the user's activities, in one query (the network pillar's events)."""
    return set(LearningActivity.objects.for_user(user).filter(pk__in=list(pks)).values_list("pk", flat=True))
