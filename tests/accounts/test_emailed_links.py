"""Unsubscribe links in e-mails MedPath sent can be listed and revoked (issue 11, finding 8)."""

from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from django.urls import reverse

from medpath.accounts import links
from medpath.learning.links import UNSUBSCRIBE


def _unsubscribe_link(owner: Any) -> Any:
    return links.link_issue(owner=owner, purpose=UNSUBSCRIBE.name, lifetime=timedelta(days=365), label="Reminder e-mail")


def test_the_links_page_lists_live_unsubscribe_links(alice_client, alice, charlie) -> None:
    """Each live unsubscribe link is listed with what it stops, when it was made and its uses; others' are not."""
    mine = _unsubscribe_link(alice)
    revoked = _unsubscribe_link(alice)
    links.link_revoke(owner=alice, link_id=revoked.link.pk)
    _unsubscribe_link(charlie)
    page = alice_client.get(reverse("accounts:links"))
    emailed = page.context["emailed_links"]
    assert [link.pk for link, _ in emailed] == [mine.link.pk]
    html = page.content.decode()
    assert "Stops reminder e-mails" in html
    assert reverse("accounts:link_revoke", args=[mine.link.pk]) in html


def test_a_revoked_unsubscribe_link_says_so_and_changes_nothing(alice_client, alice, client, charlie_client, refused) -> None:
    """Charlie cannot revoke Alice's link; once Alice revokes it, it shows 'revoked' and reminders stay on."""
    issued = _unsubscribe_link(alice)
    revoke = reverse("accounts:link_revoke", args=[issued.link.pk])
    refused(charlie_client, "post", revoke, owner=alice_client)
    assert alice_client.post(revoke).status_code == 302
    path = urlsplit(issued.url).path
    page = client.get(path)
    assert page.status_code == 410
    assert "This unsubscribe link was revoked" in page.content.decode()
    assert client.post(path).status_code == 410
    alice.refresh_from_db()
    assert alice.email_reminders
