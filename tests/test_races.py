"""Read-check-write races across the pillars, each fired from real threads on SQLite and PostgreSQL.

Every service that decides from rows another request may write at the same moment (an address
taken, a cap, an id taken, "already following", "your roadmap aims at it", "the plan still works")
holds a lock, a constraint or a conditional update; these prove the check still holds when the
requests arrive together. Verification races are in tests/experience/test_races.py.
"""

from django.core.exceptions import ValidationError
from django.test import Client

from medpath.accounts.models import User
from medpath.experience import services as experience
from medpath.experience.models import ExperienceTarget
from medpath.learning import services as learning
from medpath.learning.models import CustomRequirementSet
from medpath.plans import services as plans
from medpath.plans.models import CustomCareer, Roadmap
from tests.accounts.test_signup import signup_link
from tests.concurrency import failed, race, racing, succeeded
from tests.learning.test_services import CUSTOM_SET
from tests.plans.test_services import CUSTOM as CUSTOM_CAREER

PASSWORD = "a long and unusual passphrase 7"


@racing
def test_two_sign_up_links_for_one_address_confirmed_at_once_make_one_account(smtp_server) -> None:
    """Three sign-ups for one address, their links confirmed together: one account, the others told to log in."""
    form = {"email": "dana@example.org", "full_name": "Dana", "new_password": PASSWORD, "new_password_again": PASSWORD}
    paths = []
    for i in range(3):
        assert Client(REMOTE_ADDR=f"10.8.{i}.1").post("/accounts/signup/", form).status_code == 200
        paths.append(signup_link(smtp_server, "dana@example.org"))
    assert len(set(paths)) == 3
    outcomes = race(lambda i: Client(REMOTE_ADDR=f"10.9.{i}.1").post(paths[i], {"password": PASSWORD}), times=3)
    assert failed(outcomes) == []
    pages = succeeded(outcomes)
    assert sorted(page.status_code for page in pages) == [302, 409, 409]
    for page in pages:
        if page.status_code == 409:
            assert "This address already has an account" in page.content.decode()
    assert User.objects.filter(email="dana@example.org").count() == 1


@racing
def test_one_sign_up_link_confirmed_twice_at_once_makes_one_account(smtp_server) -> None:
    """A double click on the confirmation: one account and one login; the other request is refused, no error."""
    form = {"email": "dana@example.org", "new_password": PASSWORD, "new_password_again": PASSWORD}
    Client().post("/accounts/signup/", form)
    path = signup_link(smtp_server, "dana@example.org")
    outcomes = race(lambda i: Client(REMOTE_ADDR=f"10.9.{i}.1").post(path, {"password": PASSWORD}), times=4)
    assert failed(outcomes) == []
    statuses = sorted(page.status_code for page in succeeded(outcomes))
    assert statuses[0] == 302
    assert set(statuses[1:]) <= {409, 410}
    assert User.objects.filter(email="dana@example.org").count() == 1


@racing
def test_following_a_catalog_target_twice_at_once_keeps_one(alice) -> None:
    outcomes = race(lambda i: experience.target_save(user=alice, catalog_id="umc-md-shadowing"), times=4)
    assert len(succeeded(outcomes)) == 1
    assert all(isinstance(error, ValidationError) for error in failed(outcomes))
    assert ExperienceTarget.objects.for_user(alice).filter(catalog_id="umc-md-shadowing").count() == 1


@racing
def test_a_first_roadmap_set_twice_at_once_is_one_roadmap(alice) -> None:
    """Two tabs choose a first target together: both succeed in turn (the second changes the first), no error."""
    careers = ["registered-nurse", "physician-assistant", "registered-nurse", "physician-assistant"]
    outcomes = race(lambda i: plans.roadmap_set_target(user=alice, target=plans.Target(career_id=careers[i])), times=4)
    assert failed(outcomes) == []
    assert Roadmap.objects.for_user(alice).count() == 1


@racing
def test_deleting_a_career_while_the_roadmap_turns_to_it_never_leaves_the_roadmap_without_it(alice) -> None:
    for _ in range(3):
        plans.roadmap_set_target(user=alice, target=plans.Target(career_id="registered-nurse"))
        [career] = plans.custom_careers_import(user=alice, text=CUSTOM_CAREER)

        def act(i: int, pk: int = career.pk) -> object:
            if i == 0:
                return plans.custom_career_delete(user=alice, pk=pk)
            return plans.roadmap_set_target(user=alice, target=plans.Target(career_id="uk-nurse"))

        race(act, times=2)
        aimed = Roadmap.objects.for_user(alice).get().career_id
        kept = CustomCareer.objects.for_user(alice).filter(career_id="uk-nurse").exists()
        assert aimed != "uk-nurse" or kept, "the roadmap aims at a career that was deleted"
        CustomCareer.objects.for_user(alice).filter(career_id="uk-nurse").exclude(
            career_id=Roadmap.objects.for_user(alice).get().career_id
        ).delete()
        plans.roadmap_set_target(user=alice, target=plans.Target(career_id="registered-nurse"))
        CustomCareer.objects.for_user(alice).all().delete()


@racing
def test_the_same_private_career_imported_twice_at_once_is_kept_once(alice) -> None:
    outcomes = race(lambda i: plans.custom_careers_import(user=alice, text=CUSTOM_CAREER), times=4)
    assert len(succeeded(outcomes)) == 1
    assert all(isinstance(error, ValidationError) for error in failed(outcomes))
    assert CustomCareer.objects.for_user(alice).count() == 1


@racing
def test_the_same_rule_set_imported_twice_at_once_is_kept_once(alice) -> None:
    outcomes = race(lambda i: learning.custom_set_import(user=alice, text=CUSTOM_SET), times=4)
    assert len(succeeded(outcomes)) == 1
    assert all(isinstance(error, ValidationError) for error in failed(outcomes))
    assert CustomRequirementSet.objects.for_user(alice).count() == 1


@racing
def test_two_activities_sharing_a_certificate_deleted_at_once_take_it_with_them(alice, settings, tmp_path) -> None:
    """Each deletion decides 'delete the certificate unless another activity uses it': run together they must not
    both see the other and leave the certificate (and its file) behind."""
    from datetime import date
    from decimal import Decimal

    from django.core.files.uploadedfile import SimpleUploadedFile

    from medpath.learning.models import Certificate, LearningActivity

    settings.MEDIA_ROOT = tmp_path
    for round_number in range(3):
        shared = learning.certificate_store(
            user=alice, upload=SimpleUploadedFile("c.pdf", b"%PDF-1.4\n" + b"x" * 200, "application/pdf")
        )
        rows = [
            learning.activity_create(
                user=alice,
                certificate=shared,
                data=learning.ActivityInput(
                    title=f"Course {round_number}-{i}",
                    completed_on=date(2026, 6, 1),
                    awards=[("contact_hours", Decimal(1))],
                    keep_outside_cycles=True,
                ),
            )
            for i in range(2)
        ]
        ids = [row.pk for row in rows]
        outcomes = race(lambda i: learning.activity_delete(user=alice, pk=ids[i]), times=2)  # noqa: B023 (run at once)
        assert failed(outcomes) == []
        assert not LearningActivity.objects.for_user(alice).exists()
        assert not Certificate.objects.for_user(alice).exists()
