"""Demo soft skills: the surgery resident rated themselves twice against the ACGME competencies, has released
feedback from six colleagues and two goals drawn from it, and a reflection; the nursing student works against
QSEN with a feedback request still open (two of five answered), a goal and a reflection. Demo e-mails are
never sent: the demo's colleagues answer through their links directly."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from medpath.demo import register_demo_filler

if TYPE_CHECKING:
    from medpath.accounts.models import User


def _fill(users: dict[str, object]) -> None:
    from medpath.accounts.models import User
    from medpath.skills.models import SelfAssessment
    from medpath.usertime import user_today

    resident = users.get("resident@demo.medpath.test")
    nursing = users.get("nursing@demo.medpath.test")
    if isinstance(resident, User) and not SelfAssessment.objects.for_user(resident).exists():
        _resident(resident, user_today(resident))
    if isinstance(nursing, User) and not SelfAssessment.objects.for_user(nursing).exists():
        _nursing_student(nursing, user_today(nursing))


def _answer_as(sent_pk: int, owner: User, answers: list[tuple[str, list[int], tuple[str, str]]]) -> None:
    """Each colleague (by e-mail) answers with one score per statement and two comments."""
    from medpath.accounts import links
    from medpath.skills.models import FeedbackRater, FeedbackRequest
    from medpath.skills.services.feedback import feedback_answer, instrument_of

    sent = FeedbackRequest.objects.for_user(owner).get(pk=sent_pk)
    items = [item.id for item in instrument_of(sent.instrument_id).items]
    for email, values, comments in answers:
        rater = FeedbackRater.objects.for_user(owner).select_related("link").get(request=sent, email=email)
        feedback_answer(
            token=links.token_for(rater.link),
            scores=dict(zip(items, values, strict=True)),
            comments=list(comments),
            privacy_confirmed=True,
        )


def _resident(user: User, today: date) -> None:
    from medpath.skills.services import assessment, feedback, journal

    framework = "acgme-core-competencies"
    assessment.framework_choose(user=user, framework_id=framework)
    first = {
        "patient-care": 2,
        "medical-knowledge": 2,
        "ics-1-patient-and-family-centered-communication": 2,
        "ics-2-interprofessional-and-team-communication": 2,
        "prof-1-professional-behavior-and-ethical-principles": 3,
        "pbli-2-reflective-practice-and-commitment-to-personal-growth": 2,
    }
    later = {**first, "patient-care": 3, "ics-1-patient-and-family-centered-communication": 3, "medical-knowledge": 3}
    known = set(assessment.rateable(assessment.framework_of(framework)))
    for days_ago, ratings in ((190, first), (12, later)):
        assessment.assessment_save(
            user=user,
            framework_id=framework,
            assessed_on=today - timedelta(days=days_ago),
            ratings={cid: level for cid, level in ratings.items() if cid in known},
        )
    colleagues = [
        ("j.rivera@hospital.example.org", "nurse"),
        ("m.chen@hospital.example.org", "nurse"),
        ("t.walker@hospital.example.org", "nurse"),
        ("r.osei@hospital.example.org", "peer"),
        ("l.novak@hospital.example.org", "peer"),
        ("d.khan@hospital.example.org", "supervisor"),
        ("s.ito@hospital.example.org", "staff"),
        ("p.garcia@hospital.example.org", "peer"),
    ]
    sent = feedback.feedback_request_create(
        user=user,
        title="General surgery wards, autumn",
        raters=[feedback.RaterIn(email, role) for email, role in colleagues],
        closes_on=today + timedelta(days=7),
        send=False,
    ).request
    _answer_as(
        sent.pk,
        user,
        [
            ("j.rivera@hospital.example.org", [4, 4, 3, 4, 5, 3, 4, 4, 5], ("Always answers pages quickly and kindly.", "")),
            (
                "m.chen@hospital.example.org",
                [3, 4, 2, 3, 5, 3, 3, 4, 5],
                ("", "Handovers at 7 am are rushed; use the checklist."),
            ),
            ("t.walker@hospital.example.org", [4, 5, 3, 4, 4, 4, 4, 0, 5], ("Explains plans to families at the bedside.", "")),
            (
                "r.osei@hospital.example.org",
                [4, 4, 3, 4, 5, 2, 3, 4, 4],
                ("Covers for others without being asked.", "Call the senior earlier at night."),
            ),
            ("l.novak@hospital.example.org", [3, 4, 3, 5, 4, 3, 4, 4, 4], ("", "")),
            ("d.khan@hospital.example.org", [4, 4, 3, 4, 5, 3, 4, 5, 5], ("Takes teaching on board.", "Slow down the sign-out.")),
        ],
    )
    feedback.feedback_close(user=user, pk=sent.pk)
    journal.goal_save(
        user=user,
        title="Use the written handover checklist for every morning sign-out",
        detail="Two colleagues said handovers are rushed. Ask the day team once a week whether it helps.",
        due_on=today + timedelta(days=21),
        competency_ids=["interpersonal-and-communication-skills", "systems-based-practice"],
        framework_id=framework,
        feedback_request_id=sent.pk,
    )
    journal.goal_save(
        user=user,
        title="Call the senior resident within 15 minutes of any new concern at night",
        due_on=today + timedelta(days=60),
        competency_ids=["professionalism", "patient-care"],
        framework_id=framework,
        feedback_request_id=sent.pk,
    )
    journal.reflection_save(
        user=user,
        title="A family meeting that went better than I expected",
        text="I sat down, used plain words and stopped to ask what they had understood. They asked fewer "
        "questions afterwards, and the nurse said the family was calmer. Next time: bring the nurse in from the start.",
        written_on=today - timedelta(days=5),
        competency_ids=["interpersonal-and-communication-skills"],
        framework_id=framework,
    )


def _nursing_student(user: User, today: date) -> None:
    from medpath.skills.services import assessment, feedback, journal

    framework = "qsen"
    assessment.framework_choose(user=user, framework_id=framework)
    assessment.assessment_save(
        user=user,
        framework_id=framework,
        assessed_on=today - timedelta(days=30),
        ratings={"patient-centered-care": 3, "teamwork-and-collaboration": 2, "safety": 3, "informatics": 2},
    )
    colleagues = [
        ("preceptor@clinical.example.org", "supervisor"),
        ("k.brown@clinical.example.org", "nurse"),
        ("a.silva@school.example.org", "peer"),
        ("h.kim@school.example.org", "peer"),
        ("unit.clerk@clinical.example.org", "staff"),
    ]
    sent = feedback.feedback_request_create(
        user=user,
        title="Medical-surgical placement",
        raters=[feedback.RaterIn(email, role) for email, role in colleagues],
        closes_on=today + timedelta(days=10),
        send=False,
    ).request
    _answer_as(
        sent.pk,
        user,
        [
            ("k.brown@clinical.example.org", [4, 5, 3, 4, 4, 4, 0, 4, 5], ("Very good with anxious patients.", "")),
            ("a.silva@school.example.org", [3, 4, 3, 4, 4, 3, 3, 4, 4], ("", "Speak up in huddles.")),
        ],
    )
    journal.goal_save(
        user=user,
        title="Give one update in each morning huddle",
        due_on=today + timedelta(days=28),
        competency_ids=["teamwork-and-collaboration"],
        framework_id=framework,
    )
    journal.reflection_save(
        user=user,
        title="Noticing a near miss with a medication label",
        text="I checked the label twice as taught and asked my preceptor before giving it. The pharmacy had "
        "swapped two look-alike vials. Speaking up felt awkward but was right.",
        written_on=today - timedelta(days=3),
        competency_ids=["safety"],
        framework_id=framework,
    )


register_demo_filler(_fill)
