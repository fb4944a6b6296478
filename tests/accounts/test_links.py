"""The signed-link service: purpose-bound, expiring, revocable, single-use where asked."""

from datetime import timedelta

import pytest
from django.urls import reverse

from medpath.accounts import links
from medpath.accounts.models import AuditEvent, SignedLink

# Two purposes for these tests; pillar apps register theirs the same way.
FEED = links.register_purpose(
    "test-feed", route="accounts:password_reset_confirm", label="Test feed", max_lifetime=timedelta(days=400)
)
VERIFY = links.register_purpose(
    "test-verify", route="accounts:password_reset_confirm", label="Test verify", max_lifetime=timedelta(days=30)
)


def test_issue_builds_url_from_base_url(alice, settings) -> None:
    """The URL starts with MEDPATH_BASE_URL and says when it reaches this machine only."""
    settings.MEDPATH_BASE_URL = "https://medpath.example.org"
    issued = links.link_issue(owner=alice, purpose=FEED.name, lifetime=timedelta(days=30))
    assert issued.url.startswith("https://medpath.example.org/accounts/password-reset/")
    assert not issued.reachable_only_here
    settings.MEDPATH_BASE_URL = "http://127.0.0.1:8000"
    assert links.link_issue(owner=alice, purpose=FEED.name, lifetime=timedelta(days=1)).reachable_only_here


def test_link_is_bound_to_its_purpose(alice) -> None:
    """A token made for one purpose does not open another purpose's page."""
    issued = links.link_issue(owner=alice, purpose=FEED.name, lifetime=timedelta(days=1))
    assert links.link_check(token=issued.token, purpose=FEED.name) == issued.link
    with pytest.raises(links.LinkError) as error:
        links.link_check(token=issued.token, purpose=VERIFY.name)
    assert error.value.reason == "invalid"


def test_lifetime_is_capped_by_purpose(alice) -> None:
    """A purpose sets the longest life its links may have."""
    with pytest.raises(ValueError, match="lasts between"):
        links.link_issue(owner=alice, purpose=VERIFY.name, lifetime=timedelta(days=31))


def test_expired_link_is_refused(alice, time_machine) -> None:
    """Past its expiry the link answers 'expired'."""
    time_machine.move_to("2026-01-10 08:00:00+00:00", tick=False)
    issued = links.link_issue(owner=alice, purpose=FEED.name, lifetime=timedelta(hours=2))
    time_machine.move_to("2026-01-10 10:00:01+00:00", tick=False)
    with pytest.raises(links.LinkError) as error:
        links.link_consume(token=issued.token, purpose=FEED.name)
    assert error.value.reason == "expired"


def test_revoked_link_is_refused(alice) -> None:
    """The owner can withdraw a link; then it no longer opens."""
    issued = links.link_issue(owner=alice, purpose=FEED.name, lifetime=timedelta(days=1))
    links.link_revoke(owner=alice, link_id=issued.link.pk)
    with pytest.raises(links.LinkError) as error:
        links.link_check(token=issued.token, purpose=FEED.name)
    assert error.value.reason == "revoked"


def test_single_use_link_is_spent_in_the_database(alice) -> None:
    """The first use is recorded with its time; a replay of the same token is refused."""
    issued = links.link_issue(owner=alice, purpose=VERIFY.name, lifetime=timedelta(days=1), single_use=True)
    used = links.link_consume(token=issued.token, purpose=VERIFY.name)
    assert used.used_at is not None
    assert used.use_count == 1
    with pytest.raises(links.LinkError) as error:
        links.link_consume(token=issued.token, purpose=VERIFY.name)
    assert error.value.reason == "used"
    refusal = AuditEvent.objects.for_user(alice).filter(kind="link_refused").get()
    assert refusal.detail["reason"] == "used"


def test_reusable_link_counts_its_uses(alice) -> None:
    """A calendar-style link opens many times and keeps a count."""
    issued = links.link_issue(owner=alice, purpose=FEED.name, lifetime=timedelta(days=1))
    for _ in range(3):
        links.link_consume(token=issued.token, purpose=FEED.name)
    issued.link.refresh_from_db()
    assert issued.link.use_count == 3
    assert issued.link.used_at is None


def test_consume_refuses_when_the_row_was_spent_meanwhile(alice) -> None:
    """If another request spends the link between check and use, this one is refused."""
    issued = links.link_issue(owner=alice, purpose=VERIFY.name, lifetime=timedelta(days=1), single_use=True)
    links.link_check(token=issued.token, purpose=VERIFY.name)
    SignedLink.objects.for_user(alice).filter(pk=issued.link.pk).update(used_at=issued.link.created_at + timedelta(seconds=1))
    with pytest.raises(links.LinkError):
        links.link_consume(token=issued.token, purpose=VERIFY.name)


def test_links_page_lists_and_revokes(alice_client, alice) -> None:
    """The owner sees each link with its state and can withdraw it."""
    issued = links.link_issue(owner=alice, purpose=FEED.name, lifetime=timedelta(days=1), label="Dr. Rivera")
    page = alice_client.get(reverse("accounts:links")).content.decode()
    assert "Test feed" in page
    assert "Dr. Rivera" in page
    assert "only this computer can reach" in page
    alice_client.post(reverse("accounts:link_revoke", args=[issued.link.pk]))
    issued.link.refresh_from_db()
    assert issued.link.state() == "revoked"


def test_outsider_cannot_revoke_anothers_link(charlie_client, alice_client, alice, refused) -> None:
    """Charlie gets 404 for Alice's link, which keeps working."""
    issued = links.link_issue(owner=alice, purpose=FEED.name, lifetime=timedelta(days=1))
    refused(charlie_client, "post", reverse("accounts:link_revoke", args=[issued.link.pk]), owner=alice_client)
    assert links.link_check(token=issued.token, purpose=FEED.name)
