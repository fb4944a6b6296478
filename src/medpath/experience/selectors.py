"""Reading the experience pillar: totals by kind and period, progress toward targets and case minimums."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Literal

from django.db.models import Q, QuerySet
from django.utils import timezone

from medpath.accounts.models import User
from medpath.catalog.experience_schema import CaseMinimums, HourTarget
from medpath.catalog.loader import catalog
from medpath.catalog.schema import Source
from medpath.experience.models import (
    Decision,
    ExperienceEntry,
    ExperienceKind,
    ExperienceTarget,
    ExperienceVersion,
    ProcedureEntry,
    ProcedureTarget,
    Shift,
    ShiftKind,
    Verification,
    VerificationItem,
    VerificationRequest,
)
from medpath.usertime import user_zone

Period = Literal["year", "month"]
CENT = Decimal("0.01")


def lapsed_entry_ids(user: User) -> set[int]:
    """Entries stored as waiting whose every waiting request has lapsed (its link expired or was revoked).

    Reads never write: such entries are shown and filtered as not verified, and the next change of the user's
    verification state, or the daily ``medpath remind`` run, settles them in the database (one query here).
    """
    now = timezone.now()
    live = VerificationItem.objects.for_user(user).filter(
        decision=Decision.PENDING, request__link__revoked_at__isnull=True, request__link__expires_at__gt=now
    )
    waiting = ExperienceEntry.objects.for_user(user).filter(verification=Verification.PENDING)
    return set(waiting.exclude(pk__in=live.values("entry_id")).values_list("pk", flat=True))


def entries_as_seen(user: User, *, kind: str = "", verification: str = "") -> list[ExperienceEntry]:
    """The user's entries, newest first, as the person should see them (a lapsed wait shows as not verified),
    filtered by ``kind`` and by the verification they show: the one list of the page and the API."""
    lapsed = lapsed_entry_ids(user)
    rows = ExperienceEntry.objects.for_user(user)
    if kind:
        rows = rows.filter(kind=kind)
    if verification == Verification.PENDING:
        rows = rows.filter(verification=Verification.PENDING).exclude(pk__in=lapsed)
    elif verification == Verification.UNVERIFIED:
        rows = rows.filter(Q(verification=Verification.UNVERIFIED) | Q(pk__in=lapsed))
    elif verification:
        rows = rows.filter(verification=verification)
    return [_as_seen(row, lapsed) for row in rows]


def _as_seen(row: ExperienceEntry, lapsed: set[int]) -> ExperienceEntry:
    if row.pk in lapsed:
        row.verification = Verification.UNVERIFIED  # shown only: nothing is saved on a read
    return row


def entry_as_seen(user: User, entry: ExperienceEntry) -> ExperienceEntry:
    """One entry as the person should see it."""
    return _as_seen(entry, lapsed_entry_ids(user) if entry.verification == Verification.PENDING else set())


@dataclass(frozen=True)
class LogOverview:
    """The log's front page: the latest entries as seen, and what waits on whom."""

    recent: list[ExperienceEntry]
    pending: int
    unverified_with_supervisor: int


def log_overview(user: User, *, recent: int = 8) -> LogOverview:
    """The latest entries (a lapsed wait shown as not verified) and the two counts of the overview page."""
    lapsed = lapsed_entry_ids(user)
    entries = ExperienceEntry.objects.for_user(user)
    return LogOverview(
        recent=[_as_seen(row, lapsed) for row in entries[:recent]],
        pending=entries.filter(verification=Verification.PENDING).exclude(pk__in=lapsed).count(),
        unverified_with_supervisor=entries.filter(Q(verification=Verification.UNVERIFIED) | Q(pk__in=lapsed))
        .exclude(supervisor_email="")
        .count(),
    )


def entry_history(user: User, entry: ExperienceEntry) -> tuple[list[ExperienceVersion], list[VerificationItem]]:
    """An entry's earlier verified versions and every request it was part of, newest first."""
    versions = list(ExperienceVersion.objects.for_user(user).filter(entry=entry))
    items = VerificationItem.objects.for_user(user).filter(entry=entry).select_related("request").order_by("-id")
    return versions, list(items)


def entries_open_to_verify(user: User) -> list[ExperienceEntry]:
    """Entries a supervisor may still be asked to confirm (every one not verified), newest first."""
    return list(ExperienceEntry.objects.for_user(user).exclude(verification=Verification.VERIFIED))


def verification_requests(user: User) -> QuerySet[VerificationRequest]:
    """The user's requests, newest first, with their links and items (and the items' entries) in three queries."""
    return VerificationRequest.objects.for_user(user).select_related("link").prefetch_related("items__entry")


def request_items(user: User, request: VerificationRequest) -> list[VerificationItem]:
    """The items of one of the user's requests."""
    return list(VerificationItem.objects.for_user(user).filter(request=request).order_by("pk"))


def procedure_cases(user: User) -> list[ProcedureEntry]:
    """Every procedure the user logged, newest first."""
    return list(ProcedureEntry.objects.for_user(user))


def shifts_between(user: User, *, since: datetime | None = None, before: datetime | None = None) -> QuerySet[Shift]:
    """The user's shifts starting in [since, before), in time order."""
    rows = Shift.objects.for_user(user)
    if since is not None:
        rows = rows.filter(starts_at__gte=since)
    if before is not None:
        rows = rows.filter(starts_at__lt=before)
    return rows.order_by("starts_at")


def shift_page(user: User, *, size: int = 200) -> tuple[list[Shift], int]:
    """The newest ``size`` shifts and how many there are in all."""
    rows = Shift.objects.for_user(user)
    return list(rows.order_by("-starts_at")[:size]), rows.count()


def shifts_all(user: User) -> Iterator[Shift]:
    """Every shift of the user, newest first (for a download: streamed, not held in memory)."""
    return Shift.objects.for_user(user).order_by("-starts_at").iterator(chunk_size=2000)


def period_key(day: date, period: Period) -> str:
    """2026 for a year, 2026-03 for a month."""
    return f"{day.year}" if period == "year" else f"{day.year}-{day.month:02d}"


def spread(entry_start: date, entry_end: date, hours: Decimal, period: Period) -> dict[str, Decimal]:
    """An entry's hours shared out over the periods its days fall in, in proportion to days (a summer's 300
    research hours count partly in June, July and August)."""
    days = (entry_end - entry_start).days + 1
    if days == 1:
        return {period_key(entry_start, period): hours}
    counts: dict[str, int] = defaultdict(int)
    day = entry_start
    while day <= entry_end:
        counts[period_key(day, period)] += 1
        day += timedelta(days=1)
    shares = {key: (hours * count / days).quantize(CENT) for key, count in counts.items()}
    # Rounding must not lose or invent a cent: the last period takes the difference.
    last = max(shares)
    shares[last] += hours - sum(shares.values(), Decimal(0))
    return shares


@dataclass
class Totals:
    """Hours by kind, overall and per period; verified hours alongside."""

    period: Period
    periods: list[str] = field(default_factory=list)
    by_kind: dict[str, dict[str, Decimal]] = field(default_factory=dict)  # kind -> period -> hours
    total_by_kind: dict[str, Decimal] = field(default_factory=dict)
    verified_by_kind: dict[str, Decimal] = field(default_factory=dict)
    declined_by_kind: dict[str, Decimal] = field(default_factory=dict)
    total: Decimal = Decimal(0)
    verified: Decimal = Decimal(0)

    def rows(self) -> list[tuple[str, str, list[tuple[str, Decimal]], Decimal, Decimal]]:
        """(kind, label, (period, hours) per period, total, verified) for kinds with hours, in the kinds' order."""
        labels = dict(ExperienceKind.choices)
        return [
            (
                kind,
                labels[kind],
                [(key, self.by_kind[kind].get(key, Decimal(0))) for key in self.periods],
                self.total_by_kind[kind],
                self.verified_by_kind.get(kind, Decimal(0)),
            )
            for kind in ExperienceKind.values
            if kind in self.total_by_kind
        ]


def totals(entries: Iterable[ExperienceEntry], period: Period = "year") -> Totals:
    """Hours of each kind per period, with how many of them are verified."""
    result = Totals(period=period)
    keys: set[str] = set()
    for entry in entries:
        hours = Decimal(entry.hours)
        per = result.by_kind.setdefault(entry.kind, {})
        for key, share in spread(entry.started_on, entry.last_day, hours, period).items():
            per[key] = per.get(key, Decimal(0)) + share
            keys.add(key)
        result.total_by_kind[entry.kind] = result.total_by_kind.get(entry.kind, Decimal(0)) + hours
        result.total += hours
        if entry.verification == Verification.DECLINED:
            result.declined_by_kind[entry.kind] = result.declined_by_kind.get(entry.kind, Decimal(0)) + hours
        if entry.verification == Verification.VERIFIED:
            result.verified_by_kind[entry.kind] = result.verified_by_kind.get(entry.kind, Decimal(0)) + hours
            result.verified += hours
    result.periods = sorted(keys)
    return result


def user_totals(user: User, period: Period = "year") -> Totals:
    """The user's totals."""
    return totals(ExperienceEntry.objects.for_user(user).only("kind", "hours", "started_on", "ended_on", "verification"), period)


@dataclass(frozen=True)
class TargetProgress:
    """A target with the hours counted toward it."""

    target: ExperienceTarget
    counted: Decimal
    verified: Decimal
    spec: HourTarget | None
    source: Source | None

    @property
    def share(self) -> float:
        """0..1 of the target reached (verified hours only when the target asks for them)."""
        reached = self.verified if self.target.verified_only else self.counted
        return min(1.0, float(reached / self.target.hours)) if self.target.hours else 1.0

    @property
    def reached(self) -> Decimal:
        """The hours that count: verified ones only when the target asks for them."""
        return self.verified if self.target.verified_only else self.counted

    @property
    def bar(self) -> Decimal:
        """The progress bar's value (never past the target)."""
        return min(self.reached, self.target.hours)

    @property
    def missing(self) -> Decimal:
        """Hours still to log (or to have verified)."""
        return max(Decimal(0), self.target.hours - self.reached)

    @property
    def met(self) -> bool:
        return self.missing == 0


def target_progress(user: User, summary: Totals | None = None) -> list[TargetProgress]:
    """Each of the user's targets with the hours of its kinds (all, and verified)."""
    summary = summary or user_totals(user)
    known = catalog()
    progress = []
    for target in ExperienceTarget.objects.for_user(user):
        kinds = set(target.kinds)
        # Hours a supervisor declined do not count toward a target until corrected.
        counted = sum((hours for kind, hours in summary.total_by_kind.items() if kind in kinds), Decimal(0)) - sum(
            (hours for kind, hours in summary.declined_by_kind.items() if kind in kinds), Decimal(0)
        )
        verified = sum((hours for kind, hours in summary.verified_by_kind.items() if kind in kinds), Decimal(0))
        spec = known.hour_targets.get(target.catalog_id) if target.catalog_id else None
        source = known.sources.get(spec.source) if spec else None
        progress.append(TargetProgress(target, counted, verified, spec, source))
    return progress


def suggested_targets(user: User, career_ids: Iterable[str]) -> list[HourTarget]:
    """Catalog targets the user does not follow yet: those for the careers on their roadmap first, then the rest."""
    followed = set(ExperienceTarget.objects.for_user(user).values_list("catalog_id", flat=True))
    careers = set(career_ids)
    open_targets = [target for target in catalog().hour_targets.values() if target.id not in followed]
    return sorted(open_targets, key=lambda target: not careers & set(target.careers))


# ---- procedures ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryProgress:
    """One defined category: its minimum and the cases that count toward it."""

    id: str
    name: str
    minimum: int
    counted: int
    depth: int
    note: str = ""

    @property
    def share(self) -> float:
        return min(1.0, self.counted / self.minimum)

    @property
    def missing(self) -> int:
        return max(0, self.minimum - self.counted)


def _ancestors(minimums: CaseMinimums, category_id: str) -> list[str]:
    parents = {c.id: c.parent for c in minimums.categories}
    chain = [category_id]
    while parents.get(chain[-1]):
        chain.append(parents[chain[-1]])  # type: ignore[arg-type]
    return chain


def minimums_progress(minimums: CaseMinimums, procedures: Iterable[ProcedureEntry]) -> list[CategoryProgress]:
    """Progress per defined category: a case counts toward its category and every parent, in the roles each
    category accepts; totals count every case of the set in their roles, and chief-year totals only chief-year ones."""
    counts: dict[str, int] = defaultdict(int)
    by_id = {c.id: c for c in minimums.categories}
    prefix = f"{minimums.id}:"
    own = [p for p in procedures if p.category.startswith(prefix)]
    for procedure in own:
        for category_id in _ancestors(minimums, procedure.category.removeprefix(prefix)):
            category = by_id.get(category_id)
            if category is not None and procedure.role in category.roles:
                counts[category_id] += 1
    rows = []
    for category in minimums.categories:
        if category.counts == "all_cases":
            counted = sum(1 for p in own if p.role in category.roles and (p.chief_year or not category.chief_year_only))
        else:
            counted = counts[category.id]
        depth = len(_ancestors(minimums, category.id)) - 1
        rows.append(CategoryProgress(category.id, category.name, category.minimum, counted, depth, category.note))
    return rows


@dataclass(frozen=True)
class ProcedureTargetProgress:
    target: ProcedureTarget
    counted: int

    @property
    def share(self) -> float:
        return min(1.0, self.counted / self.target.minimum)


def procedure_target_progress(user: User, procedures: list[ProcedureEntry]) -> list[ProcedureTargetProgress]:
    """The user's own procedure targets: cases matching by name (any case) or category (and its children)."""
    result = []
    for target in ProcedureTarget.objects.for_user(user):
        roles = set(target.roles)
        name = target.procedure.casefold()

        def matches(p: ProcedureEntry, target: ProcedureTarget = target, name: str = name) -> bool:
            if name and p.procedure.casefold() != name:
                return False
            if target.category:
                set_id, _, category_id = target.category.partition(":")
                minimums = catalog().case_minimums.get(set_id)
                if minimums is None or not p.category.startswith(f"{set_id}:"):
                    return False
                return category_id in _ancestors(minimums, p.category.partition(":")[2])
            return True

        result.append(ProcedureTargetProgress(target, sum(1 for p in procedures if p.role in roles and matches(p))))
    return result


def entry_for_reflection(user: User, pk: int) -> ExperienceEntry | None:
    """One of the user's entries, for a reflection to link to (the soft-skills pillar's declared use)."""
    return ExperienceEntry.objects.for_user(user).filter(pk=pk).first()


def entries_for_reflection(user: User, *, limit: int = 200) -> list[ExperienceEntry]:
    """The user's latest entries, newest first, to choose one a reflection is about."""
    return list(ExperienceEntry.objects.for_user(user).order_by("-started_on", "-id")[:limit])


NOT_WORK = (ShiftKind.HOME_CALL, ShiftKind.LEAVE)  # available at home, or away: not hours worked


def weekly_hours(user: User, since: date) -> dict[date, float] | None:
    """Hours worked per week (keyed by the Monday, in the user's zone) from the week holding ``since``, each shift
    counted in the week it starts; None when the user logs no shifts at all. For the wellbeing trend (one query)."""
    zone = user_zone(user)
    monday = since - timedelta(days=since.weekday())
    start = datetime.combine(monday, datetime.min.time(), tzinfo=zone)
    rows = list(
        Shift.objects.for_user(user)
        .filter(starts_at__gte=start - timedelta(days=1))
        .exclude(kind__in=NOT_WORK)
        .values_list("starts_at", "ends_at")
    )
    if not rows and not Shift.objects.for_user(user).exists():
        return None
    totals: dict[date, float] = defaultdict(float)
    for starts_at, ends_at in rows:
        local = starts_at.astimezone(zone).date()
        week = local - timedelta(days=local.weekday())
        if week >= monday:
            totals[week] += (ends_at - starts_at).total_seconds() / 3600
    return {week: round(hours, 1) for week, hours in sorted(totals.items())}
