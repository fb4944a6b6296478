"""Supervisor verification through signed links: e-mail, confirm/decline, lock, audit, bad links, rate limit, reminders."""

import re
from datetime import date
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from medpath.accounts.links import LinkError
from medpath.accounts.models import AuditEvent, SignedLink
from medpath.experience import services
from medpath.experience.models import Decision, ExperienceEntry, Verification, VerificationItem, VerificationRequest
from medpath.experience.reminders import remind_supervisors, verification_deadlines
from tests.conftest import body_of
from tests.experience.conftest import entry


def _link_in(message) -> str:
    match = re.search(r"https?://\S+/experience/verify/\S+/", body_of(message))
    assert match, body_of(message)
    return urlsplit(match.group(0)).path


def _answer_form(decisions: dict[int, tuple[str, str]], name: str = "Elena Ruiz, MD") -> dict[str, str]:
    data = {"name": name}
    for pk, (decision, comment) in decisions.items():
        data[f"decision_{pk}"] = decision
        data[f"comment_{pk}"] = comment
    return data


def test_supervisor_confirms_and_declines_through_the_emailed_link(alice, shadowing, smtp_server) -> None:
    """The supervisor opens the e-mailed link without an account, confirms one entry and declines another with a
    comment; the entries show the answer, the audit log records who and when, and the link then stops working."""
    second = entry(alice, "shadowing", "4", date(2026, 11, 9), supervisor_email="eruiz@clinic.example.org")
    sent = services.verification_request(
        user=alice, entry_ids=[shadowing.pk, second.pk], supervisor_email="eruiz@clinic.example.org", supervisor_name="Dr. Ruiz"
    )
    message = smtp_server.last_to("eruiz@clinic.example.org")
    assert "Alice Adams asks you to confirm" in message["Subject"]
    assert "Shadowing" not in message["Subject"]  # entry content stays behind the link
    path = _link_in(message)
    assert sent.url.endswith(path)
    supervisor = Client()
    page = supervisor.get(path)
    assert page.status_code == 200
    assert "Shadowing a family physician" in page.content.decode()
    items = {item.entry_id: item.pk for item in VerificationItem.objects.for_user(alice)}
    missing = supervisor.post(path, _answer_form({items[shadowing.pk]: ("confirmed", "")}))
    assert f"decision_{items[second.pk]}" in missing.context["form"].errors  # every entry needs an answer
    no_reason = supervisor.post(path, _answer_form({items[shadowing.pk]: ("confirmed", ""), items[second.pk]: ("declined", "")}))
    assert f"comment_{items[second.pk]}" in no_reason.context["form"].errors
    assert ExperienceEntry.objects.for_user(alice).get(pk=shadowing.pk).verification == Verification.PENDING
    done = supervisor.post(
        path,
        _answer_form(
            {items[shadowing.pk]: ("confirmed", "Attended."), items[second.pk]: ("declined", "She was with me 2 hours, not 4.")}
        ),
    )
    assert done.status_code == 200
    assert "Thank you" in done.content.decode()
    confirmed = ExperienceEntry.objects.for_user(alice).get(pk=shadowing.pk)
    declined = ExperienceEntry.objects.for_user(alice).get(pk=second.pk)
    assert confirmed.verification == Verification.VERIFIED
    assert confirmed.verified_by == "Elena Ruiz, MD"
    assert confirmed.verified_email == "eruiz@clinic.example.org"
    assert confirmed.locked
    assert declined.verification == Verification.DECLINED
    assert "2 hours" in declined.verifier_comment
    events = AuditEvent.objects.for_user(alice)
    assert events.filter(kind=AuditEvent.Kind.ENTRY_VERIFIED, subject="eruiz@clinic.example.org").count() == 1
    assert events.filter(kind=AuditEvent.Kind.ENTRY_DECLINED).get().detail["entry_id"] == second.pk
    reused = supervisor.get(path)
    assert reused.status_code == 410
    assert "already been used" in reused.content.decode()


def test_tampered_and_expired_links_are_refused(alice, shadowing, time_machine) -> None:
    sent = services.verification_request(
        user=alice, entry_ids=[shadowing.pk], supervisor_email="e@clinic.example.org", days=3, send=False
    )
    path = urlsplit(sent.url).path
    tampered = Client().get(path[:-3] + ("x" if path[-3] != "x" else "y") + path[-2:])
    assert tampered.status_code == 404
    assert "not valid" in tampered.content.decode()
    time_machine.move_to("2026-11-29 15:00:00+00:00", tick=False)
    expired = Client().get(path)
    assert expired.status_code == 410
    assert "expired" in expired.content.decode()
    posted = Client().post(path, {"name": "X"})
    assert posted.status_code == 410
    assert ExperienceEntry.objects.for_user(alice).get().verification == Verification.PENDING


def test_the_supervisor_sees_entries_as_sent_and_changed_ones_cannot_be_confirmed(alice, shadowing) -> None:
    """Editing an entry while a request waits: the supervisor's page shows the entry as it was sent (never the
    new text) and cannot confirm it; once nothing in the request is left to answer, its link is revoked."""
    second = entry(alice, "shadowing", "4", date(2026, 11, 9))
    sent = services.verification_request(
        user=alice, entry_ids=[shadowing.pk, second.pk], supervisor_email="e@clinic.example.org", send=False
    )
    path = urlsplit(sent.url).path
    services.entry_save(user=alice, entry=shadowing, title="Private new wording")
    page = Client().get(path).content.decode()
    assert "Private new wording" not in page
    assert "Shadowing a family physician" in page
    assert "Withdrawn (the entry changed" in page
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert [item.entry_id for item in services.verification_open(token=token).answerable] == [second.pk]
    services.entry_save(user=alice, entry=second, hours=Decimal(3))
    gone = Client().get(path)
    assert gone.status_code == 410
    assert "withdrawn" in gone.content.decode()
    with pytest.raises(LinkError):
        services.verification_answer(token=token, answers={}, name="Elena")


def test_request_refuses_own_address_other_users_entries_and_verified_ones(alice, charlie, shadowing) -> None:
    other = entry(charlie, "shadowing", "2")
    for kwargs, field in (
        ({"entry_ids": [shadowing.pk], "supervisor_email": "alice@example.org"}, "supervisor_email"),
        ({"entry_ids": [other.pk], "supervisor_email": "e@clinic.example.org"}, "entry_ids"),
        ({"entry_ids": [shadowing.pk], "supervisor_email": "not an address"}, "supervisor_email"),
        ({"entry_ids": [shadowing.pk], "supervisor_email": "e@clinic.example.org", "days": 91}, "days"),
    ):
        with pytest.raises(ValidationError) as error:
            services.verification_request(user=alice, send=False, **kwargs)
        assert field in error.value.message_dict
    ExperienceEntry.objects.for_user(alice).filter(pk=shadowing.pk).update(verification=Verification.VERIFIED)
    with pytest.raises(ValidationError):
        services.verification_request(user=alice, entry_ids=[shadowing.pk], supervisor_email="e@clinic.example.org", send=False)
    assert not SignedLink.objects.for_user(alice).exists()


def test_withdrawing_a_request_revokes_its_link(alice_client, alice, shadowing) -> None:
    sent = services.verification_request(
        user=alice, entry_ids=[shadowing.pk], supervisor_email="e@clinic.example.org", send=False
    )
    response = alice_client.post(reverse("experience:verification_withdraw", args=[sent.request.pk]))
    assert response.status_code == 302
    assert ExperienceEntry.objects.for_user(alice).get().verification == Verification.UNVERIFIED
    assert Client().get(urlsplit(sent.url).path).status_code == 410


def test_request_page_shows_the_link_once(alice_client, alice, shadowing) -> None:
    """The link is shown on the page the request leads to, once; reloading that page sends nothing again."""
    page = alice_client.get(reverse("experience:verification_new") + f"?entry={shadowing.pk}")
    assert page.context["form"].initial["supervisor_email"] == "eruiz@clinic.example.org"
    response = alice_client.post(
        reverse("experience:verification_new"),
        {"entry_ids": [shadowing.pk], "supervisor_email": "eruiz@clinic.example.org", "days": "30"},
    )
    assert response["Location"] == reverse("experience:verifications")
    shown = alice_client.get(reverse("experience:verifications")).content.decode()
    assert "/experience/verify/" in shown
    assert "Send it to eruiz@clinic.example.org yourself" in shown
    again = alice_client.get(reverse("experience:verifications")).content.decode()
    assert "/experience/verify/" not in again
    assert VerificationRequest.objects.for_user(alice).count() == 1


def test_public_verification_pages_are_rate_limited(alice, shadowing, settings) -> None:
    settings.MEDPATH_PUBLIC_PAGE_LIMIT = 3
    visitor = Client()
    statuses = [visitor.get("/experience/verify/not-a-token/").status_code for _ in range(5)]
    assert statuses == [404, 404, 404, 429, 429]
    assert AuditEvent.all_owners.filter(kind=AuditEvent.Kind.RATE_LIMITED).count() == 1
    other_address = Client(REMOTE_ADDR="198.51.100.7").get("/experience/verify/not-a-token/")
    assert other_address.status_code == 404  # the limit is per address


def test_remind_sends_the_supervisor_one_reminder_near_expiry(alice, shadowing, smtp_server, time_machine) -> None:
    services.verification_request(user=alice, entry_ids=[shadowing.pk], supervisor_email="e@clinic.example.org", days=30)
    assert remind_supervisors() == 0  # 30 days left
    assert verification_deadlines(alice, date(2026, 11, 25)) == []
    time_machine.move_to("2026-12-20 15:00:00+00:00", tick=False)
    assert remind_supervisors() == 1
    reminder = smtp_server.last_to("e@clinic.example.org")
    assert reminder["Subject"].startswith("Reminder:")
    assert remind_supervisors() == 0  # once only
    [deadline] = verification_deadlines(alice, date(2026, 12, 20))
    assert deadline.due == date(2026, 12, 25)
    # The reminder's link is the request's link, and it still works.
    path = _link_in(reminder)
    assert Client().get(path).status_code == 200


def test_nothing_is_sent_twice_and_hours_stay_unchanged(alice, shadowing) -> None:
    """Asking again for the same entry withdraws the earlier pending item."""
    services.verification_request(user=alice, entry_ids=[shadowing.pk], supervisor_email="a@clinic.example.org", send=False)
    services.verification_request(user=alice, entry_ids=[shadowing.pk], supervisor_email="b@clinic.example.org", send=False)
    decisions = sorted(VerificationItem.objects.for_user(alice).values_list("decision", flat=True))
    assert decisions == [Decision.PENDING, Decision.WITHDRAWN]
    assert ExperienceEntry.objects.for_user(alice).get().hours == Decimal("5.00")


def test_medpath_remind_reminds_supervisors(alice, shadowing, smtp_server, time_machine) -> None:
    """The daily `medpath remind` run covers pending verifications: a dry run counts, the real run sends once."""
    from typer.testing import CliRunner

    from medpath.cli import app

    services.verification_request(user=alice, entry_ids=[shadowing.pk], supervisor_email="e@clinic.example.org", days=5)
    sent_before = len(smtp_server.messages)
    dry = CliRunner().invoke(app, ["remind", "--dry-run"])
    assert dry.exit_code == 0
    assert "1 supervisor reminder(s) due" in dry.output
    assert len(smtp_server.messages) == sent_before
    real = CliRunner().invoke(app, ["remind"])
    assert real.exit_code == 0
    assert "1 supervisor(s) reminded" in real.output
    assert smtp_server.last_to("e@clinic.example.org")["Subject"].startswith("Reminder:")
