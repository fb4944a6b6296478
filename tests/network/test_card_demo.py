"""The Network card, and the demo resident and nursing student."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from medpath.accounts.models import User
from medpath.dashboard import candidate_actions
from medpath.demo import demo_load
from medpath.network.cards import network_card
from medpath.network.models import Contact, Event, Membership
from medpath.usertime import user_today


def test_demo_resident_has_a_mentor_due_and_a_conference_with_credits(db: Any, client: Any) -> None:
    demo_load()
    resident = User.objects.get(email="resident@demo.medpath.test")
    today = user_today(resident)
    mentor = Contact.objects.for_user(resident).get(is_mentor=True)
    keys = {action.key for action in candidate_actions(resident, today)}
    assert f"network:follow-up:{mentor.pk}" in keys
    assert Event.objects.for_user(resident).get().credit_amount is not None
    card = network_card(resident)
    assert "1 follow-up due" in card.summary
    assert card.actions[0].text == f"Get in touch with {mentor.name}"
    nursing = User.objects.get(email="nursing@demo.medpath.test")
    assert Contact.objects.for_user(nursing).get().tag_rows.get().name == "preceptor"
    assert Membership.objects.for_user(nursing).count() == 1
    assert "renews" in network_card(nursing).summary
    client.force_login(nursing)
    assert "Network" in client.get(reverse("home:dashboard")).content.decode()
    demo_load()  # idempotent
    assert Contact.objects.for_user(resident).count() == 2


def test_an_empty_card_says_what_to_do(alice: Any) -> None:
    card = network_card(alice)
    assert [action.url for action in card.actions] == [reverse("network:contact_new")]
