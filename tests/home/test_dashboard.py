"""The dashboard shell, the health check, security headers and error pages."""

from django.urls import reverse

from medpath.home.cards import PILLARS


def test_dashboard_has_a_card_per_pillar(alice_client) -> None:
    """Each of the seven pillars has its card, in order."""
    response = alice_client.get(reverse("home:dashboard"))
    assert response.status_code == 200
    cards = response.context["cards"]
    assert [card.pillar for card in cards] == [key for key, _, _ in PILLARS]
    assert "Hello, Alice" in response.content.decode()


def test_dashboard_query_count_is_bounded(alice_client, django_assert_max_num_queries) -> None:
    """The shell makes a fixed, small number of queries."""
    with django_assert_max_num_queries(6):
        alice_client.get(reverse("home:dashboard"))


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
