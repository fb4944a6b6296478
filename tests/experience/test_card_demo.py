"""The Hands-on card on the dashboard, the demo resident and pre-med, and the hour-target catalog."""

from pathlib import Path

import pytest
from django.urls import reverse

from medpath.accounts.models import User
from medpath.catalog.loader import CatalogError, catalog, load_catalog
from medpath.demo import demo_load
from medpath.experience.cards import experience_card
from medpath.experience.models import ExperienceEntry, ProcedureEntry, Verification


def test_demo_resident_and_premed_show_on_the_dashboard(db, client) -> None:
    demo_load()
    resident = User.objects.get(email="resident@demo.medpath.test")
    card = experience_card(resident)
    assert "Work hours: 1 violation" in card.summary
    assert card.actions[0].url == reverse("experience:hours_report")
    assert ProcedureEntry.objects.for_user(resident).count() == 7
    premed = User.objects.get(email="premed@demo.medpath.test")
    premed_card = experience_card(premed)
    assert "verified" in premed_card.summary
    assert any("h to go" in action.text for action in premed_card.actions)
    assert "231 hours logged, 5 verified." in premed_card.summary  # was “231.00 hours logged, 5.00 verified.”
    assert not [action.text for action in premed_card.actions if ".00" in action.text]
    assert ExperienceEntry.objects.for_user(premed).filter(verification=Verification.VERIFIED).count() == 1
    client.force_login(premed)
    page = client.get(reverse("home:dashboard")).content.decode()
    assert "Hands-on experience" in page
    assert "hours logged" in page
    demo_load()  # idempotent
    assert ExperienceEntry.objects.for_user(premed).count() == 5


def test_an_empty_card_says_what_to_do(alice) -> None:
    card = experience_card(alice)
    assert [a.url for a in card.actions] == [reverse("experience:entry_new"), reverse("experience:hours")]


def test_every_hour_target_is_sourced_and_names_known_careers() -> None:
    known = catalog()
    assert len(known.hour_targets) >= 15
    for target in known.hour_targets.values():
        assert target.source in known.sources
        assert all(career in known.careers for career in target.careers)
    assert {t.basis for t in known.hour_targets.values()} == {"requirement", "typical"}


def test_a_bad_target_file_is_named_precisely(tmp_path: Path) -> None:
    from shutil import copytree

    source = Path(__file__).resolve().parents[2] / "src" / "medpath" / "catalog" / "data"
    copytree(source, tmp_path / "data")
    bad = tmp_path / "data" / "experience" / "targets.yaml"
    bad.write_text(bad.read_text().replace("kinds: [shadowing]", "kinds: [juggling]", 1))
    with pytest.raises(CatalogError) as error:
        load_catalog(tmp_path / "data")
    assert "experience/targets.yaml" in str(error.value)
    assert "umc-md-shadowing" in str(error.value)


def test_the_models_choices_are_the_vocabularies_of_the_catalog_and_the_engine() -> None:
    """Kinds and roles are named in three places (catalog schema, models, engine); they must stay one list."""
    from medpath.catalog.experience_schema import EXPERIENCE_KINDS, PROCEDURE_ROLES
    from medpath.experience.models import ExperienceKind, ProcedureRole, ShiftKind
    from medpath.experience.workhours import KINDS

    assert tuple(ExperienceKind.values) == EXPERIENCE_KINDS
    assert tuple(ProcedureRole.values) == PROCEDURE_ROLES
    assert tuple(ShiftKind.values) == KINDS


def test_a_resident_with_shifts_and_cases_is_not_told_nothing_is_logged(db) -> None:
    """The demo resident has weeks of shifts and seven cases but no shadowing-style entries: the overview said
    "Nothing logged yet"; it says no experiences are logged and where shifts and cases are."""
    from django.test import Client
    from django.urls import reverse

    from medpath.accounts.models import User
    from medpath.demo import demo_load

    demo_load()
    browser = Client()
    browser.force_login(User.objects.get(email="resident@demo.medpath.test"))
    page = browser.get(reverse("experience:overview")).content.decode()
    assert "Nothing logged yet" not in page
    assert f'href="{reverse("experience:hours")}">Work hours</a>' in page
