"""The Soft-skills card, its next actions, and the demo resident and nursing student."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.urls import reverse

from medpath.accounts.models import User
from medpath.dashboard import candidate_actions
from medpath.demo import demo_load
from medpath.skills.cards import skills_card
from medpath.skills.models import FeedbackRequest, Goal, Reflection, SelfAssessment
from medpath.skills.services import journal
from medpath.skills.services.assessment import assessment_save
from medpath.skills.services.feedback import feedback_state
from medpath.usertime import user_today


def test_demo_resident_and_nursing_student(db: Any, client: Any) -> None:
    demo_load()
    resident = User.objects.get(email="resident@demo.medpath.test")
    assert SelfAssessment.objects.for_user(resident).count() == 2
    sent = FeedbackRequest.objects.for_user(resident).get()
    state = feedback_state(resident, sent)
    assert state.state == "released"
    assert state.answers == 6
    assert Goal.objects.for_user(resident).filter(feedback_request=sent).count() == 2
    card = skills_card(resident)
    assert "Last self-assessment" in card.summary
    assert any("handover checklist" in action.text for action in card.actions)
    nursing = User.objects.get(email="nursing@demo.medpath.test")
    open_request = FeedbackRequest.objects.for_user(nursing).get()
    assert feedback_state(nursing, open_request).state == "open"
    assert open_request.answers == 2
    assert "2 answers so far" in skills_card(nursing).summary
    assert Reflection.objects.for_user(nursing).count() == 1
    client.force_login(nursing)
    page = client.get(reverse("home:dashboard")).content.decode()
    assert "Soft skills" in page
    demo_load()  # idempotent
    assert SelfAssessment.objects.for_user(resident).count() == 2
    assert FeedbackRequest.objects.for_user(nursing).count() == 1


def test_an_empty_card_says_what_to_do(alice: Any) -> None:
    card = skills_card(alice)
    assert [a.url for a in card.actions] == [reverse("skills:assess"), reverse("skills:feedback_new")]
    assert "Interpersonal skills" in card.summary  # no career stage: MedPath's own set is offered


def test_goals_and_a_stale_self_assessment_feed_next_actions(alice: Any) -> None:
    today = user_today(alice)
    keys = {action.key for action in candidate_actions(alice, today) if action.pillar == "skills"}
    assert keys == {"skills:self-assessment"}
    assessment_save(user=alice, framework_id="medpath-interpersonal", ratings={"teamwork": 3})
    goal = journal.goal_save(user=alice, title="Ask a nurse for feedback weekly", due_on=today + timedelta(days=10))
    far = journal.goal_save(user=alice, title="Lead a team huddle", due_on=today + timedelta(days=120))
    found = {a.key: a for a in candidate_actions(alice, today) if a.pillar == "skills"}
    assert set(found) == {f"skills:goal:{goal.pk}"}
    assert found[f"skills:goal:{goal.pk}"].severity == "high"
    journal.goal_save(user=alice, pk=goal.pk, title=goal.title, due_on=goal.due_on, status="done")
    later = today + timedelta(days=200)
    keys = {a.key for a in candidate_actions(alice, later) if a.pillar == "skills"}
    assert keys == {f"skills:goal:{far.pk}", "skills:self-assessment"}  # far goal overdue by then; reassess
