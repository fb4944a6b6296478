"""Reminders through a real SMTP server: thresholds, idempotence, missed days, preferences, unsubscribe."""

import re
from datetime import date, timedelta

from django.core.management import call_command
from django.urls import reverse

from medpath.learning import services
from medpath.learning.models import ReminderSent
from medpath.learning.reminders import crossed_threshold, send_reminders
from tests.conftest import body_of


def test_crossed_threshold() -> None:
    """The smallest threshold reached: 95 days → none, 60 → 60, 5 → 7."""
    assert crossed_threshold(95) is None
    assert crossed_threshold(60) == 60
    assert crossed_threshold(31) == 60
    assert crossed_threshold(5) == 7


def _card(alice, expires: date):
    return services.credential_save(user=alice, kind="life_support", name="AHA BLS card", expires_on=expires)


def test_reminder_is_sent_once_per_threshold(alice, smtp_server, time_machine) -> None:
    """At 60 days one e-mail goes out; running again sends nothing; at 30 days the next one goes."""
    _card(alice, date(2027, 1, 10) + timedelta(days=60))
    assert send_reminders() == 1
    message = smtp_server.last_to("alice@example.org")
    body = body_of(message)
    assert "1 deadline coming up" in body
    assert "11 Mar 2027" in body  # the house style (was “11 March 2027”)
    assert "BLS" not in body + message["Subject"]  # no credential names or health content in e-mails
    assert send_reminders() == 0
    call_command("remind")
    assert len(smtp_server.messages) == 1
    time_machine.move_to("2027-02-09 15:00:00+00:00", tick=False)
    assert send_reminders() == 1
    assert len(smtp_server.messages) == 2


def test_after_missed_days_only_the_latest_threshold_is_sent(alice, smtp_server) -> None:
    """With 5 days left and nothing sent before, one reminder (the 7-day one) goes, and the larger ones are marked done."""
    _card(alice, date(2027, 1, 15))
    assert send_reminders() == 1
    assert len(smtp_server.messages) == 1
    thresholds = set(ReminderSent.objects.for_user(alice).values_list("threshold_days", flat=True))
    assert thresholds == {7, 30, 60, 90}
    assert "15 Jan 2027" in body_of(smtp_server.messages[0])


def test_reminders_follow_the_users_time_zone(alice, smtp_server, time_machine) -> None:
    """At 02:00 UTC it is still 10 January in Chicago: 91 days left there, so no reminder yet."""
    time_machine.move_to("2027-01-11 02:00:00+00:00", tick=False)
    _card(alice, date(2027, 4, 11))  # 90 days after 11 Jan, 91 after 10 Jan (Chicago's date)
    assert send_reminders() == 0
    time_machine.move_to("2027-01-11 15:00:00+00:00", tick=False)
    assert send_reminders() == 1


def test_preference_and_unsubscribe_link(alice, alice_client, client, smtp_server, time_machine) -> None:
    """The e-mail's unsubscribe link turns reminders off; later reminders are recorded but not e-mailed."""
    _card(alice, date(2027, 3, 11))
    send_reminders()
    link = re.search(r"http://\S+/learning/unsubscribe/\S+/", body_of(smtp_server.messages[0]))
    assert link
    path = link.group(0).replace("http://127.0.0.1:8000", "")
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 200
    alice.refresh_from_db()
    assert not alice.email_reminders
    time_machine.move_to("2027-02-09 15:00:00+00:00", tick=False)
    assert send_reminders() == 1
    assert len(smtp_server.messages) == 1
    alice_client.force_login(alice)  # the earlier session has timed out by February
    alice_client.post(reverse("learning:reminder_settings"), {"email_reminders": "on"})
    alice.refresh_from_db()
    assert alice.email_reminders


def test_dashboard_cards_show_what_is_due(alice_client, alice, ca_licence) -> None:
    """The learning card lists the credential that falls short; the ethics card the unmet mandate."""
    services.credential_save(
        user=alice,
        kind="training",
        name="Bloodborne pathogens",
        expires_on=date(2027, 2, 1),
        requirement_set_id="osha-bloodborne-pathogens",
    )
    cards = {card.pillar: card for card in alice_client.get(reverse("home:dashboard")).context["cards"]}
    assert any("Bloodborne pathogens" in action.text for action in cards["ethics"].actions)
    assert cards["ethics"].summary == "1 mandate due."  # was “1 mandate(s) due.”
    assert cards["learning"].available
    assert "credential" in cards["learning"].summary


def test_next_actions_write_dates_in_the_house_style(alice) -> None:
    """An expired card says “It expired on 5 Jan 2027” (was “05 Jan 2027”), as the pages do."""
    from medpath.home.selectors import next_actions

    _card(alice, date(2027, 1, 5))
    [expired] = [action for action in next_actions(alice) if action.key.endswith(":lapsed")]
    assert expired.reason.startswith("It expired on 5 Jan 2027:")


def test_a_failing_user_does_not_stop_the_others(alice, charlie, smtp_server, monkeypatch) -> None:
    """If one user's reminders fail, the others still get theirs, and the failed ones stay due."""
    from medpath.learning import reminders

    _card(alice, date(2027, 3, 1))
    _card(charlie, date(2027, 3, 1))
    original = reminders._email

    def flaky(user, due):
        if user.email == "alice@example.org":
            raise OSError("mail server down")
        original(user, due)

    monkeypatch.setattr(reminders, "_email", flaky)
    assert send_reminders() == 1
    assert [m["To"] for m in smtp_server.messages] == ["charlie@example.org"]
    assert not ReminderSent.objects.for_user(alice).exists()
    monkeypatch.setattr(reminders, "_email", original)
    assert send_reminders() == 1
    assert smtp_server.messages[-1]["To"] == "alice@example.org"


def test_the_ethics_card_says_up_to_date_only_when_something_is_tracked(alice) -> None:
    """With nothing recorded it invites a first training (it said “… are up to date”); with a current one it is."""
    from medpath.learning.cards import ethics_card

    empty = ethics_card(alice)
    assert "up to date" not in empty.summary
    assert "Nothing recorded yet" in empty.summary
    assert [action.url for action in empty.actions] == [reverse("learning:credential_new")]
    _card(alice, date(2028, 1, 1))  # a life-support card is no mandate
    assert "Nothing recorded yet" in ethics_card(alice).summary
    services.credential_save(user=alice, kind="training", name="HIPAA privacy", expires_on=date(2027, 12, 1))
    alice.__dict__.pop("_medpath_credential_statuses", None)
    assert ethics_card(alice).summary == "Mandatory trainings and topic mandates are up to date."
