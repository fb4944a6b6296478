"""Released feedback results arranged for people: per statement (everyone, then each role that may be shown),
and per competency of the request's framework beside the person's latest self-assessment."""

from __future__ import annotations

from dataclasses import dataclass

from medpath.accounts.models import User
from medpath.catalog.framework_schema import self_rating_levels
from medpath.catalog.loader import catalog
from medpath.skills.models import FeedbackRequest, RaterRole
from medpath.skills.release import GroupResult, ItemResult
from medpath.skills.services.assessment import history
from medpath.skills.services.feedback import FeedbackState, instrument_of


@dataclass(frozen=True)
class StatementRow:
    """One statement's results in one group."""

    text: str
    result: ItemResult

    @property
    def bars(self) -> list[tuple[int, int, int]]:
        """(point, count, percent of those who rated) for each scale point."""
        rated = self.result.rated or 1
        return [(point, count, round(100 * count / rated)) for point, count in zip(range(1, 6), self.result.counts, strict=True)]


@dataclass(frozen=True)
class GroupView:
    """A group's label, size and statements."""

    label: str
    answers: int
    rows: list[StatementRow]


@dataclass(frozen=True)
class ResultsView:
    """Everyone's results, then each role that may be shown, with the scale's words."""

    overall: GroupView
    by_role: list[GroupView]
    scale: dict[int, str]
    hidden_roles: bool


def _group(label: str, group: GroupResult, texts: dict[str, str]) -> GroupView:
    return GroupView(label, group.answers, [StatementRow(texts[item.item_id], item) for item in group.items])


def results_view(sent: FeedbackRequest, state: FeedbackState) -> ResultsView:
    """The released results of ``sent`` (call only when ``state.state == "released"``)."""
    assert state.result is not None
    assert state.result.overall is not None
    instrument = instrument_of(sent.instrument_id)
    texts = {item.id: item.text for item in instrument.items}
    roles = dict(RaterRole.choices)
    overall = _group("All colleagues", state.result.overall, texts)
    by_role = [
        _group(f"{roles.get(group.key, group.key)}s" if group.key != "other" else "Other colleagues", group, texts)
        for group in state.result.by_role
    ]
    roles_asked = {role for counters in sent.tally.values() for role in counters}
    return ResultsView(overall, by_role, dict(instrument.scale), hidden_roles=len(roles_asked) > 1 and not by_role)


@dataclass(frozen=True)
class CompetencyRow:
    """A competency: the colleagues' mean over its statements beside the person's latest self-rating."""

    name: str
    feedback_mean: float | None
    ratings: int
    statements: int
    self_level: int | None
    self_label: str


def competency_results(user: User, sent: FeedbackRequest, state: FeedbackState) -> list[CompetencyRow]:
    """Per competency of the request's framework that some statement speaks to: the pooled mean of those
    statements' scores (everyone), and the latest self-assessment level in that framework."""
    assert state.result is not None
    assert state.result.overall is not None
    framework = catalog().frameworks.get(sent.framework_id)
    if framework is None:
        return []
    instrument = instrument_of(sent.instrument_id)
    by_item = {item.item_id: item for item in state.result.overall.items}
    latest = {row.competency_id: row.latest for row in history(user, framework)}
    levels = self_rating_levels(framework)
    parents = {c.id: c.parent for c in framework.competencies}
    rows = []
    for competency in framework.competencies:
        mapped = [
            item
            for item in instrument.items
            if competency.id in item.competencies.get(framework.id, []) and not by_item[item.id].withheld
        ]
        if not mapped:
            continue
        total = sum(point * count for item in mapped for point, count in zip(range(1, 6), by_item[item.id].counts, strict=True))
        rated = sum(by_item[item.id].rated for item in mapped)
        # A competency rated through its subcompetencies shows the lowest of their latest levels (the cautious view).
        own = latest.get(competency.id)
        children = [latest[cid] for cid, parent in parents.items() if parent == competency.id and latest.get(cid) is not None]
        level = own if own is not None else (min(children) if children else None)  # type: ignore[type-var]
        rows.append(
            CompetencyRow(
                competency.name,
                total / rated if rated else None,
                rated,
                len(mapped),
                level,
                levels.get(level, "") if level is not None else "",
            )
        )
    return rows
