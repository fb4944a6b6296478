"""The round trip: export every demo user, import into a fresh account, export again, and nothing is lost."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from medpath.accounts.models import User
from medpath.accounts.services import account_delete
from medpath.archive.records import kinds
from medpath.demo import demo_load
from medpath.learning.models import Certificate, LearningActivity
from medpath.learning.services import certificate_store
from tests.archive.helpers import PNG, comparable, contents, export_bytes, import_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings: Any, tmp_path: Any, django_capture_on_commit_callbacks: Any) -> list[User]:
    """The demo users, one of them with two uploaded certificates (one attached to an activity)."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    people = [User.objects.get(email=person.email) for person in demo_load()]
    tech = people[2]
    with django_capture_on_commit_callbacks(execute=True):
        first = certificate_store(user=tech, upload=SimpleUploadedFile("bls.png", PNG, "image/png"))
        certificate_store(user=tech, upload=SimpleUploadedFile("acls.png", PNG + b"x", "image/png"))
    activity = LearningActivity.objects.for_user(tech).order_by("pk").first()
    assert activity is not None
    activity.certificate = first
    activity.save()
    _the_kinds_the_demo_lacks(people[0])
    return people


def _the_kinds_the_demo_lacks(user: User) -> None:
    """Rows of the kinds no demo user has (a verified entry's history, a verification request, a snooze, …)."""
    from datetime import time, timedelta

    from django.utils import timezone

    from medpath.accounts.models import SignedLink
    from medpath.catalog.loader import catalog
    from medpath.experience.models import ExperienceEntry, ExperienceVersion, ShiftTemplate, VerificationItem, VerificationRequest
    from medpath.home.models import ActionChoice
    from medpath.learning.models import CustomRequirementSet, ReminderSent
    from medpath.plans.models import CustomCareer
    from medpath.portfolio.models import CvChoice
    from medpath.skills.models import Descriptor

    now = timezone.now()
    entry = ExperienceEntry.objects.for_user(user).order_by("pk").first()
    assert entry is not None
    ExperienceVersion.all_owners.create(owner=user, entry=entry, revision=1, content={"hours": "4"}, verified_by="Dr Reyes")
    used = SignedLink.all_owners.create(
        owner=user, purpose="experience.verify", expires_at=now + timedelta(days=3), single_use=True, used_at=now
    )
    live = SignedLink.all_owners.create(
        owner=user, purpose="experience.verify", expires_at=now + timedelta(days=3), single_use=True
    )
    answered = VerificationRequest.all_owners.create(owner=user, link=used, supervisor_email="reyes@example.org", answered_at=now)
    VerificationItem.all_owners.create(
        owner=user, request=answered, entry=entry, revision=1, decision="confirmed", decided_at=now
    )
    VerificationRequest.all_owners.create(owner=user, link=live, supervisor_email="kim@example.org")
    ShiftTemplate.all_owners.create(owner=user, name="Nights", start_time=time(19), end_time=time(7))
    ActionChoice.all_owners.create(owner=user, key="credential:1", signature="abc", dismissed=True)
    some_set = next(iter(catalog().requirement_sets.values()))
    own_set = some_set.model_copy(update={"id": "fl-board", "name": "Florida board", "custom": True})
    CustomRequirementSet.all_owners.create(
        owner=user, set_id="fl-board", name="Florida board", document={"set": own_set.model_dump(mode="json"), "sources": []}
    )
    ReminderSent.all_owners.create(owner=user, key="credential:1:2027-01-31", threshold_days=30)
    CustomCareer.all_owners.create(owner=user, career_id="mine", name="My career", document={"id": "mine"})
    Descriptor.all_owners.create(owner=user, framework_id="acgme", competency_id="pc", level=2, text="Gathers a history")
    CvChoice.all_owners.create(owner=user, sections=["experience", "credentials"], generated_at=now, generated_format="pdf")


def test_every_demo_user_survives_export_import_export(demo: list[User]) -> None:
    """Each demo user's second export (from the imported copy) equals the first in every field and file hash."""
    for person in demo:
        first = export_bytes(person)
        copy = import_bytes(first, email=f"copy-{person.email}")
        second = export_bytes(copy)
        assert comparable(second) == comparable(first), person.email
        assert copy.email == f"copy-{person.email}"
        assert not copy.has_usable_password()


def test_round_trip_after_the_original_is_deleted(demo: list[User], django_capture_on_commit_callbacks: Any) -> None:
    """Deleting the account and importing its archive under the same address restores every record and file."""
    person = demo[2]
    email, first = person.email, export_bytes(person)
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=person)
    restored = import_bytes(first)
    assert restored.email == email
    second = export_bytes(restored)
    assert comparable(second) == comparable(first)
    files = contents(second)[2]
    assert sorted(files.values()) == sorted([PNG, PNG + b"x"])
    for certificate in Certificate.objects.for_user(restored):
        with certificate.file.open("rb") as stored:
            assert stored.read() in (PNG, PNG + b"x")  # the file is on disk where its row says


def test_the_demo_touches_every_kind_of_record(demo: list[User]) -> None:
    """The round trip above is only as good as its data: every kind of record has rows in some demo archive."""
    seen: set[str] = set()
    for person in demo:
        _, records, _ = contents(export_bytes(person))
        seen |= {body["kind"] for body in records.values() if body["records"]}
    missing = sorted({kind.label for kind in kinds()} - seen)
    assert not missing, f"no demo user has {missing}: add them to the demo or to this test's data"


def test_ids_are_remapped(demo: list[User]) -> None:
    """An imported record gets a new id, and keys between records point at the new rows."""
    tech = demo[2]
    copy = import_bytes(export_bytes(tech), email="copy@example.org")
    original = LearningActivity.objects.for_user(tech).exclude(certificate=None).get()
    imported = LearningActivity.objects.for_user(copy).exclude(certificate=None).get()
    assert imported.pk != original.pk
    assert imported.certificate_id != original.certificate_id
    assert imported.certificate is not None
    assert imported.certificate.owner_id == copy.pk
    assert original.certificate is not None
    with imported.certificate.file.open("rb") as new, original.certificate.file.open("rb") as old:
        assert new.read() == old.read()


def test_ids_kept_as_numbers_follow_their_records(demo: list[User]) -> None:
    """Ids a pillar keeps as a plain number (a counted event's activity, an application entry's source) point at
    the imported copy's own records, never at the original's or at nothing; one whose record is gone travels as null."""
    from datetime import timedelta

    from django.utils import timezone

    from medpath.applications.models import ApplicationEntry
    from medpath.applications.services import draft_create, entry_pick
    from medpath.experience.models import ExperienceEntry
    from medpath.network.models import Event, Membership
    from medpath.network.services.events import event_count_credits

    person = demo[0]
    past = timezone.localdate() - timedelta(days=30)
    counted = Event.all_owners.create(
        owner=person, title="Regional trauma symposium", starts_on=past, ends_on=past, credit_amount=6, credit_type="ama_pra_cat1"
    )
    event_count_credits(user=person, pk=counted.pk)
    stale = Event.all_owners.create(owner=person, title="Grand rounds", starts_on=past, ends_on=past, activity_id=10**9)
    membership = Membership.all_owners.create(owner=person, association="American Medical Student Association")
    draft = draft_create(user=person, format="amcas", season=timezone.localdate().year + 1, title="AMCAS copy")
    experience = ExperienceEntry.objects.for_user(person).order_by("pk").first()
    assert experience is not None
    for kind, record_id in (("experience", experience.pk), ("event", counted.pk), ("membership", membership.pk)):
        entry_pick(user=person, draft_id=draft.pk, source_kind=kind, source_id=record_id)
    copy = import_bytes(export_bytes(person), email="copy@example.org")

    copied_event = Event.objects.for_user(copy).get(title="Regional trauma symposium")
    assert copied_event.activity_id is not None
    activity = LearningActivity.objects.for_user(copy).get(pk=copied_event.activity_id)
    assert activity.title == "Regional trauma symposium"
    assert Event.objects.for_user(copy).get(title="Grand rounds").activity_id is None
    assert stale.activity_id == 10**9
    sources = {
        "experience": ExperienceEntry.objects.for_user(copy),
        "event": Event.objects.for_user(copy),
        "membership": Membership.objects.for_user(copy),
    }
    copied = ApplicationEntry.objects.for_user(copy).filter(draft__title="AMCAS copy")
    assert copied.count() == 3
    names = {"experience": experience.title, "event": counted.title, "membership": membership.association}
    for entry in copied:
        source = sources[entry.source_kind].get(pk=entry.source_id)  # the copy's own record, not the original's
        assert getattr(source, "association" if entry.source_kind == "membership" else "title") == names[entry.source_kind]
