"""Verification under races: real threads, each its own database connection, on SQLite and PostgreSQL.

Two app servers answer the same user and the same supervisor at the same moment; what the
docs promise must hold whoever wins: at most one request per entry waits, a verified entry is
never answered again, the supervisor who loses sees the "already used" page, and ``remind``
counts only the e-mails it sent.
"""

from datetime import date, timedelta

from django.test import Client
from django.utils import timezone

from medpath.accounts import links
from medpath.accounts.links import LinkError
from medpath.accounts.models import AuditEvent, SignedLink
from medpath.experience import services
from medpath.experience.models import Decision, ExperienceEntry, Verification, VerificationItem, VerificationRequest
from medpath.experience.reminders import remind_supervisors
from tests.concurrency import failed, race, racing, succeeded
from tests.experience.conftest import entry

ROUNDS = 12


def _api_client(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def _pending_per_entry(user) -> dict[int, int]:
    counts: dict[int, int] = {}
    for entry_id in VerificationItem.objects.for_user(user).filter(decision=Decision.PENDING).values_list("entry_id", flat=True):
        counts[entry_id] = counts.get(entry_id, 0) + 1
    return counts


def _live_requests(user) -> int:
    now = timezone.now()
    return (
        VerificationRequest.objects.for_user(user)
        .filter(link__revoked_at__isnull=True, link__used_at__isnull=True, link__expires_at__gt=now)
        .count()
    )


@racing
def test_simultaneous_requests_for_the_same_entries_leave_one_waiting(alice) -> None:
    """Six simultaneous POSTs of the same entries (six app-server threads): every one answers, and afterwards
    each entry waits in exactly one request and only that request's link is live."""
    first = entry(alice, "shadowing", "4", date(2026, 10, 5))
    second = entry(alice, "shadowing", "3", date(2026, 10, 6))
    browsers = [_api_client(alice) for _ in range(6)]
    for _ in range(ROUNDS):
        outcomes = race(
            lambda i: browsers[i].post(
                "/api/v1/experience/verifications",
                {"entry_ids": [first.pk, second.pk], "supervisor_email": f"s{i}@clinic.example.org", "send": False},
                content_type="application/json",
            ),
            times=6,
        )
        assert failed(outcomes) == []
        assert {response.status_code for response in succeeded(outcomes)} == {201}
        assert _pending_per_entry(alice) == {first.pk: 1, second.pk: 1}
        assert _live_requests(alice) == 1
        assert set(ExperienceEntry.objects.for_user(alice).values_list("verification", flat=True)) == {Verification.PENDING}


@racing
def test_answering_while_the_entry_is_sent_again_never_leaves_a_verified_entry_waiting(alice) -> None:
    """A supervisor confirms while the user sends the same entry to someone else: either the answer wins (the
    entry is verified and the new request is refused) or the new request wins (the old link is withdrawn and
    the answer refused) — never a verified entry that a second link could still overturn."""
    for round_number in range(ROUNDS):
        row = entry(alice, "shadowing", "4", date(2026, 10, 1) + timedelta(days=round_number))
        sent = services.verification_request(user=alice, entry_ids=[row.pk], supervisor_email="a@clinic.example.org", send=False)
        token = _token(sent.url)
        [item] = VerificationItem.objects.for_user(alice).filter(request=sent.request)

        def act(i: int, row=row, token=token, item=item) -> object:
            if i == 0:
                return services.verification_answer(token=token, answers={item.pk: ("confirmed", "")}, name="Dr. A")
            return services.verification_request(
                user=alice, entry_ids=[row.pk], supervisor_email="b@clinic.example.org", send=False
            )

        outcomes = race(act, times=2)
        row.refresh_from_db()
        waiting = VerificationItem.objects.for_user(alice).filter(entry=row, decision=Decision.PENDING).count()
        if outcomes[0].ok:  # the answer won: verified, nothing waits, the new request was refused
            assert row.verification == Verification.VERIFIED
            assert waiting == 0
            assert not outcomes[1].ok
        else:  # the new request won: the old link is withdrawn and the entry waits on the new one only
            assert isinstance(outcomes[0].error, LinkError)
            assert row.verification == Verification.PENDING
            assert waiting == 1
        assert _pending_per_entry(alice).get(row.pk, 0) <= 1


def test_an_entry_answered_through_one_link_cannot_be_answered_through_another(alice) -> None:
    """Rows left by the race before it was closed (an entry confirmed on one link, still waiting on a second):
    the second supervisor's decline is not recorded; the verified entry stays verified."""
    row = entry(alice, "shadowing", "4", date(2026, 10, 1))
    first = services.verification_request(user=alice, entry_ids=[row.pk], supervisor_email="a@clinic.example.org", send=False)
    [first_item] = VerificationItem.objects.for_user(alice).filter(request=first.request)
    second = services.verification_request(user=alice, entry_ids=[row.pk], supervisor_email="b@clinic.example.org", send=False)
    [second_item] = VerificationItem.objects.for_user(alice).filter(request=second.request)
    # Recreate what the race left: the first link live with its item waiting beside the second.
    SignedLink.objects.for_user(alice).filter(pk=first.request.link_id).update(revoked_at=None)
    VerificationItem.objects.for_user(alice).filter(pk=second_item.pk).update(decision=Decision.WITHDRAWN)
    VerificationItem.objects.for_user(alice).filter(pk=first_item.pk).update(decision=Decision.PENDING, decided_at=None)
    services.verification_answer(token=_token(first.url), answers={first_item.pk: ("confirmed", "")}, name="Dr. A")
    VerificationItem.objects.for_user(alice).filter(pk=second_item.pk).update(decision=Decision.PENDING)
    page = Client().post(
        _path(second.url), {"name": "Dr. B", f"decision_{second_item.pk}": "declined", f"comment_{second_item.pk}": "No."}
    )
    assert page.status_code in {200, 410}
    assert "Thank you" not in page.content.decode()
    row.refresh_from_db()
    assert row.verification == Verification.VERIFIED
    assert row.verified_by == "Dr. A"
    assert not AuditEvent.objects.for_user(alice).filter(kind=AuditEvent.Kind.ENTRY_DECLINED).exists()


@racing
def test_the_supervisor_who_loses_the_race_for_a_link_sees_it_was_used(alice) -> None:
    """Eight answers to one link at once: one is thanked; every other gets the 410 "already been used" page,
    never a form that still offers Confirm/Decline."""
    for round_number in range(ROUNDS):
        row = entry(alice, "shadowing", "4", date(2026, 10, 1) + timedelta(days=round_number))
        sent = services.verification_request(user=alice, entry_ids=[row.pk], supervisor_email="a@clinic.example.org", send=False)
        [item] = VerificationItem.objects.for_user(alice).filter(request=sent.request)
        form = {"name": "Dr. A", f"decision_{item.pk}": "confirmed", f"comment_{item.pk}": ""}
        path = _path(sent.url)

        def answer(i: int, path=path, form=form, round_number=round_number):
            # A separate address per supervisor's browser, so the public-page rate limit stays out of the way.
            return _supervisor(round_number, i).post(path, form)

        outcomes = race(answer, times=8)
        assert failed(outcomes) == []
        pages = succeeded(outcomes)
        thanked = [page for page in pages if page.status_code == 200 and "Thank you" in page.content.decode()]
        assert len(thanked) == 1
        for page in pages:
            if page is not thanked[0]:
                assert page.status_code == 410, page.content.decode()[:400]
                assert "already been used" in page.content.decode()


@racing
def test_overlapping_remind_runs_report_only_the_emails_they_sent(alice, smtp_server, time_machine) -> None:
    """Two `medpath remind` runs at once send one reminder, and between them report one."""
    for round_number in range(ROUNDS):
        row = entry(alice, "shadowing", "4", date(2026, 10, 1) + timedelta(days=round_number))
        services.verification_request(
            user=alice, entry_ids=[row.pk], supervisor_email=f"r{round_number}@clinic.example.org", days=5, send=False
        )
        before = len(smtp_server.messages)
        outcomes = race(lambda i: remind_supervisors(), times=2)
        assert failed(outcomes) == []
        sent = len(smtp_server.messages) - before
        assert sent == 1
        assert sum(succeeded(outcomes)) == sent


def _supervisor(round_number: int, index: int) -> Client:
    return Client(REMOTE_ADDR=f"10.{round_number}.{index}.1")


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def _token(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


def test_a_supervisor_whose_link_is_spent_mid_request_sees_it_was_used(alice, monkeypatch) -> None:
    """The narrow window of the race above, made certain: the other supervisor's answer commits after this one's
    link was checked but before its entries were read. The page says the link was used (410), and offers no form."""
    row = entry(alice, "shadowing", "4", date(2026, 10, 1))
    sent = services.verification_request(user=alice, entry_ids=[row.pk], supervisor_email="a@clinic.example.org", send=False)
    [item] = VerificationItem.objects.for_user(alice).filter(request=sent.request)
    original = links.link_check
    calls = []

    def check_then_lose(**kwargs):
        link = original(**kwargs)
        calls.append(kwargs["token"])
        if len(calls) == 2:  # the page was opened; now, inside the answer, the winner commits
            services.verification_answer(token=_token(sent.url), answers={item.pk: ("confirmed", "")}, name="Dr. Winner")
        return link

    monkeypatch.setattr(links, "link_check", check_then_lose)
    page = Client().post(_path(sent.url), {"name": "Dr. Loser", f"decision_{item.pk}": "declined", f"comment_{item.pk}": "No."})
    assert page.status_code == 410
    assert "already been used" in page.content.decode()
    row.refresh_from_db()
    assert (row.verification, row.verified_by) == (Verification.VERIFIED, "Dr. Winner")


@racing
def test_the_migration_settles_what_the_race_left(alice) -> None:
    """Rows the race left before the constraint: the newest pending request per entry stays, older ones are
    withdrawn (their links revoked), and an entry already answered waits on nothing."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    waiting, answered = entry(alice, "shadowing", "4", date(2026, 10, 1)), entry(alice, "shadowing", "2", date(2026, 10, 2))
    executor = MigrationExecutor(connection)
    executor.migrate([("experience", "0001_initial")])
    try:
        old = services.verification_request(
            user=alice, entry_ids=[waiting.pk, answered.pk], supervisor_email="a@x.org", send=False
        )
        new = services.verification_request(user=alice, entry_ids=[waiting.pk], supervisor_email="b@x.org", send=False)
        items = VerificationItem.objects.for_user(alice)
        items.filter(request=old.request).update(decision=Decision.PENDING, decided_at=None)  # as the race left them
        SignedLink.objects.for_user(alice).filter(pk=old.request.link_id).update(revoked_at=None)
        ExperienceEntry.objects.for_user(alice).filter(pk=answered.pk).update(verification=Verification.VERIFIED)
        assert items.filter(entry=waiting, decision=Decision.PENDING).count() == 2
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    pending = VerificationItem.objects.for_user(alice).filter(decision=Decision.PENDING)
    assert list(pending.values_list("request_id", "entry_id")) == [(new.request.pk, waiting.pk)]
    assert SignedLink.objects.for_user(alice).get(pk=old.request.link_id).revoked_at is not None
    assert SignedLink.objects.for_user(alice).get(pk=new.request.link_id).revoked_at is None


@racing
def test_deleting_an_entry_while_its_supervisor_answers_queues_instead_of_deadlocking(alice, monkeypatch) -> None:
    """The delete removes the request's items before the entry; it now locks the entry first, as the answer does,
    so the two run one after the other (a review found PostgreSQL's 'deadlock detected' here, a 500)."""
    import time

    row = entry(alice, "shadowing", "4", date(2026, 10, 1))
    sent = services.verification_request(user=alice, entry_ids=[row.pk], supervisor_email="a@clinic.example.org", send=False)
    [item] = VerificationItem.objects.for_user(alice).filter(request=sent.request)
    consume = links.link_consume

    def slow_consume(**kwargs):
        time.sleep(0.5)  # the answer holds the entry's lock while the delete starts
        return consume(**kwargs)

    monkeypatch.setattr(links, "link_consume", slow_consume)

    def act(i: int) -> object:
        if i == 0:
            return services.verification_answer(token=_token(sent.url), answers={item.pk: ("confirmed", "")}, name="Dr. A")
        time.sleep(0.15)
        services.entry_delete(user=alice, pk=row.pk)
        return None

    outcomes = race(act, times=2)
    assert failed(outcomes) == []
    assert not ExperienceEntry.objects.for_user(alice).filter(pk=row.pk).exists()
