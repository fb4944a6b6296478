"""Reads of the portfolio: its own records, the person's CV choice, and the CV's material gathered from the
pillars through their selectors (one way: no pillar imports the portfolio). Nothing is read from the resilience
pillar, ever."""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Literal

import yaml
from fhir.resources.R4B.practitioner import Practitioner
from pydantic import BaseModel, ConfigDict, Field

from medpath.accounts.models import User
from medpath.catalog.loader import catalog
from medpath.catalog.schema import STAGE_KIND_LABELS
from medpath.portfolio import cv, fhir
from medpath.portfolio.models import Award, CvChoice, Publication, PublicationKind
from medpath.usertime import user_today

# Credential kinds a CV lists: what a reader of a CV expects. Health requirements (immunizations, TB tests) are
# health information; privileges, malpractice cover and mandatory trainings belong in a credentialing file.
CV_CREDENTIAL_KINDS = frozenset({"licence", "board_certification", "registration", "life_support", "other"})
PRESENTATION_KINDS = {PublicationKind.POSTER: "Poster", PublicationKind.ORAL_PRESENTATION: "Oral presentation"}


def publications(user: User) -> list[Publication]:
    """The user's publications, latest first."""
    return list(Publication.objects.for_user(user))


def awards(user: User) -> list[Award]:
    """The user's awards, latest first."""
    return list(Award.objects.for_user(user))


def cv_choice(user: User) -> CvChoice | None:
    """The person's saved CV choice, if any."""
    return CvChoice.objects.for_user(user).first()


def chosen_sections(user: User, choice: CvChoice | None = None) -> list[str]:
    """The saved sections in their order (unknown ids of an older version dropped), else the default."""
    choice = choice if choice is not None else cv_choice(user)
    saved = [key for key in (choice.sections if choice else []) if key in cv.SECTIONS]
    return saved or list(cv.DEFAULT_SECTIONS)


def _milestones(user: User) -> tuple[cv.Milestone, ...]:
    from medpath.plans.selectors import PlanError, roadmap_view

    try:
        view = roadmap_view(user)
    except (PlanError, LookupError, ValueError):
        return ()  # a roadmap whose career left the catalog: no milestones rather than no CV
    if view is None:
        return ()
    return tuple(
        cv.Milestone(m.name, m.kind, STAGE_KIND_LABELS.get(m.kind, m.kind), m.completed_on)
        for m in view.plan.milestones
        if m.status == "done"
    )


def _experiences(user: User) -> tuple[cv.Experience, ...]:
    from medpath.experience.models import ExperienceKind, Verification
    from medpath.experience.selectors import entries_as_seen

    labels = dict(ExperienceKind.choices)
    volunteer = {ExperienceKind.CLINICAL_VOLUNTEERING, ExperienceKind.NONCLINICAL_VOLUNTEERING}
    return tuple(
        cv.Experience(
            title=e.title,
            organization=e.organization,
            kind=e.kind,
            kind_label=labels.get(e.kind, e.kind),
            volunteer=e.kind in volunteer,
            started_on=e.started_on,
            ended_on=e.ended_on,
            hours=e.hours,
            verified=e.verification == Verification.VERIFIED,
            verified_by=e.verified_by if e.verification == Verification.VERIFIED else "",
            description=e.description,
        )
        for e in entries_as_seen(user)
        if e.verification != Verification.DECLINED  # a supervisor said it did not happen as written
    )


def _procedures(user: User) -> tuple[cv.ProcedureCount, ...]:
    from medpath.experience.selectors import procedure_cases

    names = {
        f"{minimums.id}:{category.id}": f"{minimums.specialty}: {category.name}"
        for minimums in catalog().case_minimums.values()
        for category in minimums.categories
    }
    counted = Counter(
        names.get(case.category, "Other procedures") if case.category else "Other procedures" for case in procedure_cases(user)
    )
    return tuple(cv.ProcedureCount(category, cases) for category, cases in counted.items())


def _credentials(user: User) -> tuple[cv.Credential, ...]:
    from medpath.learning.models import CredentialKind
    from medpath.learning.selectors import credentials

    labels = dict(CredentialKind.choices)
    return tuple(
        cv.Credential(
            name=c.name,
            kind_label=labels.get(c.kind, c.kind).split(" (")[0],
            issuer=c.issuer,
            number=cv.mask_number(c.number),
            jurisdiction=c.jurisdiction,
            issued_on=c.issued_on,
            expires_on=c.expires_on,
        )
        for c in credentials(user)
        if c.kind in CV_CREDENTIAL_KINDS
    )


def _learning(user: User) -> tuple[cv.CeTotal, ...]:
    from medpath.learning.selectors import activities_with_awards

    vocabulary = catalog().vocabulary
    labels = {t.id: t.label for t in vocabulary.credit_types} if vocabulary else {}
    amounts: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    activities: dict[tuple[int, str], int] = defaultdict(int)
    for activity, awarded in activities_with_awards(user):
        for award in awarded:
            key = (activity.completed_on.year, labels.get(award.credit_type, award.credit_type))
            amounts[key] += award.amount
            activities[key] += 1
    return tuple(cv.CeTotal(year, kind, amount, activities[(year, kind)]) for (year, kind), amount in amounts.items())


def _presentations(user: User, rows: list[Publication]) -> tuple[cv.Presentation, ...]:
    from medpath.network.models import EventRole
    from medpath.network.selectors import events

    roles = {EventRole.PRESENTER: "Presenter", EventRole.POSTER: "Poster presenter"}
    found = [
        cv.Presentation(
            e.presentation_title or e.title,
            e.title if e.presentation_title else e.place,
            e.starts_on,
            e.starts_on.year,
            roles[EventRole(e.role)],
        )
        for e in events(user)
        if e.role in roles
    ]
    found += [
        cv.Presentation(p.title, p.venue, p.published_on, p.year, PRESENTATION_KINDS[PublicationKind(p.kind)], p.authors, p.doi)
        for p in rows
        if p.kind in PRESENTATION_KINDS
    ]
    return tuple(found)


def _memberships(user: User) -> tuple[cv.Membership, ...]:
    from medpath.network.selectors import memberships

    return tuple(cv.Membership(m.association, m.level) for m in memberships(user))


def _publication(row: Publication) -> cv.Publication:
    return cv.Publication(
        row.kind, PublicationKind(row.kind).label, row.title, row.authors, row.venue, row.year, row.published_on, row.doi, row.url
    )


def _reflections(user: User) -> tuple[cv.Reflection, ...]:
    from medpath.skills.selectors import reflections

    return tuple(cv.Reflection(r.title, r.written_on, r.text) for r in reflections(user))


def _feedback(user: User) -> tuple[cv.FeedbackResult, ...]:
    from medpath.skills.selectors import released_feedback

    return tuple(
        cv.FeedbackResult(
            f.title, f.closed_on, f.answers, tuple(cv.FeedbackStatement(s.text, s.mean, s.rated) for s in f.statements)
        )
        for f in released_feedback(user)
    )


def cv_material(user: User, sections: list[str], *, today: date | None = None) -> cv.CvMaterial:
    """What the chosen ``sections`` show, read from each pillar; sections not chosen are not read at all."""
    chosen = set(cv.parse_sections(sections))
    own_publications = publications(user) if chosen & {"publications", "presentations"} else []
    return cv.CvMaterial(
        person=cv.Person(user.get_full_name(), user.email),
        generated_on=today or user_today(user),
        milestones=_milestones(user) if "education" in chosen else (),
        experiences=_experiences(user) if "experience" in chosen else (),
        procedures=_procedures(user) if "procedures" in chosen else (),
        credentials=_credentials(user) if "credentials" in chosen else (),
        learning=_learning(user) if "learning" in chosen else (),
        presentations=_presentations(user, own_publications) if "presentations" in chosen else (),
        memberships=_memberships(user) if "memberships" in chosen else (),
        publications=tuple(_publication(p) for p in own_publications) if "publications" in chosen else (),
        awards=tuple(cv.Award(a.title, a.awarder, a.awarded_on, a.summary) for a in awards(user)) if "awards" in chosen else (),
        reflections=_reflections(user) if "reflections" in chosen else (),
        feedback=_feedback(user) if "feedback" in chosen else (),
    )


def cv_for(user: User, sections: list[str] | None = None) -> tuple[cv.Cv, cv.CvMaterial]:
    """The person's CV with ``sections`` (else their saved choice) and the material it was composed from."""
    chosen = cv.parse_sections(sections) if sections else chosen_sections(user)
    material = cv_material(user, chosen)
    return cv.compose(material, chosen), material


class _CodeRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    requirement_set: str
    system: str
    code: str = Field(min_length=1)
    display: str
    source: str
    confidence: Literal["high", "medium", "low"]
    note: str = ""


class _CodeFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sources: dict[str, dict[str, str | int]]
    codes: list[_CodeRow]


@functools.cache
def qualification_codes() -> dict[str, fhir.Code]:
    """Requirement-set id -> the v2-0360 code of the credential level it renews (checked data, with sources)."""
    text = (Path(__file__).parent / "data" / "fhir_qualification_codes.yaml").read_text(encoding="utf-8")
    document = _CodeFile.model_validate(yaml.safe_load(text))
    missing = {row.source for row in document.codes} - set(document.sources)
    if missing:
        raise ValueError(f"fhir_qualification_codes.yaml cites unknown sources {sorted(missing)}")
    return {row.requirement_set: fhir.Code(row.system, row.code, row.display) for row in document.codes}


def fhir_practitioner(user: User) -> Practitioner:
    """The person's licences and certifications as a FHIR R4B Practitioner (full numbers; see ``fhir``)."""
    from medpath.learning.selectors import credentials

    codes = qualification_codes()
    qualifications = [
        fhir.Qualification(
            name=c.name,
            kind=c.kind,
            number=c.number,
            jurisdiction=c.jurisdiction,
            issuer=c.issuer,
            issued_on=c.issued_on,
            expires_on=c.expires_on,
            code=codes.get(c.requirement_set_id),
        )
        for c in credentials(user)
        if c.kind in CV_CREDENTIAL_KINDS
    ]
    return fhir.practitioner(
        resource_id=f"medpath-practitioner-{user.pk}",
        full_name=user.get_full_name(),
        email=user.email,
        qualifications=qualifications,
    )


def record_counts(user: User) -> tuple[int, int]:
    """(publications, awards) the user keeps, in two counting queries."""
    return Publication.objects.for_user(user).count(), Award.objects.for_user(user).count()
