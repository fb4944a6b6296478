"""The dashboard shell, the health check, security headers and error pages."""

import re
from datetime import date, timedelta

from django.urls import reverse

from medpath.dashboard import PILLARS


def test_dashboard_has_a_card_per_pillar(alice_client) -> None:
    """Each of the seven pillars has its card, in order, then the Portfolio card (an extra card, not a pillar)."""
    response = alice_client.get(reverse("home:dashboard"))
    assert response.status_code == 200
    cards = response.context["cards"]
    assert [card.pillar for card in cards] == [key for key, _, _ in PILLARS] + ["portfolio"]
    assert "Hello, Alice" in response.content.decode()


def _records(user, count: int) -> None:
    """``count`` of each kind of record the dashboard reads: credentials, CE activities, experience entries, shifts,
    contacts with interactions and memberships, wellbeing check-ins."""
    from datetime import UTC, datetime, timedelta
    from decimal import Decimal

    from medpath.experience import services as experience
    from medpath.experience.models import Shift
    from medpath.learning import services as learning
    from medpath.network.services import contacts, memberships
    from medpath.wellbeing.models import CheckIn

    contacts.rule_save(user=user, tag="mentor", rhythm_days=42)
    for i in range(count):
        contact = contacts.contact_save(user=user, name=f"Mentor {i}", tags=["mentor", f"group {i}"])
        contacts.interaction_save(user=user, contact_id=contact.pk, occurred_on=date(2026, 10, 1) + timedelta(days=i))
        memberships.membership_save(user=user, association=f"Association {i}", renews_on=date(2026, 12, 20) + timedelta(days=i))
        learning.credential_save(
            user=user,
            kind="licence",
            name=f"Licence {i}",
            expires_on=date(2027, 3, 1) + timedelta(days=i),
            requirement_set_id="ca-rn-licence",
        )
        learning.activity_create(
            user=user,
            data=learning.ActivityInput(
                title=f"Course {i}", completed_on=date(2026, 5, 1) + timedelta(days=i), awards=[("contact_hours", Decimal(1))]
            ),
        )
        experience.entry_save(
            user=user, kind="shadowing", title=f"Clinic {i}", started_on=date(2026, 5, 1) + timedelta(days=i), hours=4
        )
    start = datetime(2026, 12, 1, 7, tzinfo=UTC)
    Shift.objects.for_user(user).bulk_create(
        [
            Shift(owner=user, starts_at=start + timedelta(days=i), ends_at=start + timedelta(days=i, hours=12), kind="clinical")
            for i in range(count)
        ]
    )
    already = CheckIn.objects.for_user(user).count()
    CheckIn.objects.for_user(user).bulk_create(
        [
            CheckIn(
                owner=user,
                day=date(2027, 1, 9) - timedelta(days=already + i),
                mood=3,
                energy=3,
                stress=3,
                burnout=3,
                sleep_hours=6,
            )
            for i in range(count)
        ]
    )


def test_dashboard_query_count_does_not_grow_with_records(alice, alice_client, time_machine) -> None:
    """Three of each record or thirty: the dashboard (cards and ranked next actions) makes the same number of
    queries — a fixed cost per pillar, none per record."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    time_machine.move_to("2027-01-10 15:00:00+00:00", tick=False)
    alice_client.force_login(alice)  # a session of today

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert alice_client.get(reverse("home:dashboard")).status_code == 200
        return len(captured.captured_queries)

    _records(alice, 3)
    queries()  # the first visit of a session also writes the session
    few = queries()
    _records(alice, 27)
    queries()
    assert queries() == few
    # A fixed few per pillar (card and actions; seven pillars now), plus the page's own (42 measured), plus the
    # Portfolio card's three (its CV choice, and the counts of publications and awards: 45 measured).
    assert few <= 47


def test_healthz_reports_database(client, db) -> None:
    """/healthz answers ok with the database reachable."""
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"


def test_security_headers_and_csp(client, db) -> None:
    """Pages carry a strict content security policy and the usual protective headers."""
    response = client.get(reverse("accounts:login"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_unknown_page_is_a_page(client, db) -> None:
    """Outside the API an unknown address shows the site's own 404 page."""
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "There is nothing at this address" in response.content.decode()


def test_css_is_served_by_the_app(client, db) -> None:
    """The stylesheet comes from this server, not a CDN."""
    page = client.get(reverse("accounts:login")).content.decode()
    assert 'href="/static/medpath/medpath.css"' in page
    response = client.get("/static/medpath/medpath.css")
    assert response.status_code == 200
    response.close()


def test_user_time_zone_is_active(alice_client, alice) -> None:
    """Pages render times in the user's own zone (Chicago is UTC-6 in January)."""
    import datetime as dt

    from medpath.accounts.models import AuditEvent

    when = dt.datetime(2026, 1, 15, 18, 30, tzinfo=dt.UTC)
    AuditEvent.all_owners.create(owner=alice, kind=AuditEvent.Kind.LOGIN, created_at=when)
    page = alice_client.get(reverse("accounts:security")).content.decode()
    assert "15 Jan 2026 12:30:00 CST" in page


def test_oversized_form_is_refused_with_a_clear_page(client, db, settings) -> None:
    """A form body above the limit gets 413 and a page that says so; no account is made."""
    from medpath.accounts.models import User

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = client.post(
        reverse("accounts:signup"),
        {"email": "big@example.org", "full_name": "x" * 5000, "new_password": "p" * 12, "new_password_again": "p" * 12},
    )
    assert response.status_code == 413
    assert "larger than this server accepts" in response.content.decode()
    assert not User.objects.filter(email="big@example.org").exists()


def test_link_box_says_when_a_link_only_works_here(alice, rf, settings) -> None:
    """The shared link box shows the link, and the loopback warning only for a loopback base URL."""
    from datetime import timedelta

    from django.template.loader import render_to_string

    from medpath.accounts import links
    from medpath.accounts.services import PASSWORD_RESET

    request = rf.get("/")
    request.user = alice
    for base, warned in (("http://127.0.0.1:8000", True), ("https://medpath.example.org", False)):
        settings.MEDPATH_BASE_URL = base
        issued = links.link_issue(owner=alice, purpose=PASSWORD_RESET.name, lifetime=timedelta(minutes=30))
        html = render_to_string("includes/link_box.html", {"issued": issued}, request=request)
        assert issued.url in html
        assert ("only this computer can reach" in html) is warned


def test_a_visitor_sees_what_medpath_is_and_the_ways_in(client, db, alice_client) -> None:
    """Issue 11, finding 13: "/" for a visitor is a short page on MedPath with Log in and Create account (it was a
    bare redirect to the login page); a logged-in user still gets the dashboard."""
    response = client.get("/")
    page = response.content.decode()
    assert response.status_code == 200
    assert f'href="{reverse("accounts:login")}"' in page
    assert f'href="{reverse("accounts:signup")}"' in page
    assert "Create account" in page
    for pillar in ("Education", "Supervised experience", "Continuing learning", "Soft skills", "network", "Ethics"):
        assert pillar in page
    assert "resilience" in page
    assert 'name="viewport" content="width=device-width' in page  # readable at 390 px wide
    assert "home/dashboard.html" not in [t.name for t in response.templates]
    signed_in = alice_client.get("/")
    assert "home/dashboard.html" in [t.name for t in signed_in.templates]


def test_past_due_actions_say_overdue_and_reasons_do_not_repeat_the_date(alice, alice_client, time_machine) -> None:
    """A lapsed membership (severity high) and an overdue goal (critical) both read "Overdue"; a membership renewing
    soon reads by its severity; the date is shown once, beside the reason (a tester saw "Renews 20 Dec 2026. Due 20
    Dec 2026")."""
    from medpath.network.models import Membership
    from medpath.skills.services import journal
    from medpath.usertime import user_today

    time_machine.move_to("2026-11-25 15:00:00+00:00", tick=False)
    today = user_today(alice)
    Membership(owner=alice, association="Lapsed Society", renews_on=today - timedelta(days=3)).save()
    Membership(owner=alice, association="Soon Society", renews_on=today + timedelta(days=20)).save()
    journal.goal_save(user=alice, title="Present at grand rounds", due_on=today + timedelta(days=2))
    time_machine.move_to("2026-12-01 15:00:00+00:00", tick=False)
    alice_client.force_login(alice)
    html = alice_client.get(reverse("home:dashboard")).content.decode()
    items = re.findall(r'<li class="next next-\w+">(.*?)</li>', html, flags=re.S)
    by_title = {re.search(r'<a href="[^"]*">([^<]+)</a>', item).group(1): item for item in items}  # type: ignore[union-attr]
    lapsed = by_title["Membership lapsed: Lapsed Society"]
    assert '<span class="severity">Overdue</span>' in lapsed
    assert '<span class="severity">Overdue</span>' in by_title["Goal: Present at grand rounds"]
    soon = by_title["Renew your membership: Soon Society"]
    assert '<span class="severity">Overdue</span>' not in soon
    for item in items:
        assert len(re.findall(r"\d{1,2} \w{3} 20\d\d", item)) <= 1, item
