"""Writes of the Education pillar: target, milestones, private careers (both databases)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from medpath.plans import services
from medpath.plans.models import CustomCareer, Milestone, Roadmap
from medpath.plans.selectors import roadmap_view


def test_set_target_plans_and_saves(alice, alice_roadmap) -> None:
    """A valid target is stored with the catalog's ids and can be planned."""
    assert (alice_roadmap.career_id, alice_roadmap.route_id) == ("registered-nurse", "bsn")
    view = roadmap_view(alice)
    assert view is not None
    assert view.plan.milestones[0].id == "bsn"


@pytest.mark.parametrize(
    ("target", "field"),
    [
        (services.Target(career_id="astronaut"), "career_id"),
        (services.Target(career_id="registered-nurse", route_id="xyz"), "route_id"),
        (services.Target(career_id="physician", route_id="md"), "specialty_id"),
        (
            services.Target(career_id="physician", route_id="md", specialty_id="pediatrics", current_stage_id="do-school"),
            "current_stage_id",
        ),
    ],
)
def test_bad_targets_name_the_field_and_save_nothing(alice, target, field) -> None:
    """Unknown careers, routes, specialties and stages off the route are refused by field."""
    with pytest.raises(ValidationError) as error:
        services.roadmap_set_target(user=alice, target=target)
    assert field in error.value.message_dict
    assert not Roadmap.objects.for_user(alice).exists()


def test_ticking_a_milestone_moves_the_plan(alice, alice_roadmap) -> None:
    """Completing the degree early pulls the following stages forward; the date is kept."""
    before = roadmap_view(alice)
    services.milestone_update(user=alice, stage_id="bsn", completed_on=date(2027, 1, 5))
    after = roadmap_view(alice)
    assert before is not None
    assert after is not None
    nclex_before = next(m for m in before.plan.milestones if m.id == "nclex-rn")
    nclex_after = next(m for m in after.plan.milestones if m.id == "nclex-rn")
    assert nclex_after.typical_start < nclex_before.typical_start
    assert next(m for m in after.plan.milestones if m.id == "bsn").completed_on == date(2027, 1, 5)
    assert after.plan.done_count == 1


def test_future_completion_is_refused(alice, alice_roadmap) -> None:
    """A completion date after today (in the user's zone) is refused and nothing is stored."""
    with pytest.raises(ValidationError) as error:
        services.milestone_update(user=alice, stage_id="bsn", completed_on=date(2027, 1, 11))
    assert "in the future" in error.value.message_dict["completed_on"][0]
    assert not Milestone.objects.for_user(alice).exists()


def test_stage_off_the_route_is_refused(alice, alice_roadmap) -> None:
    """A stage of another route cannot be ticked."""
    with pytest.raises(ValidationError) as error:
        services.milestone_update(user=alice, stage_id="adn", completed_on=date(2026, 12, 1))
    assert "not a stage of your route" in error.value.message_dict["stage_id"][0]


def test_booking_and_reopening(alice, alice_roadmap) -> None:
    """A booked exam pins its date; reopening removes the milestone."""
    services.milestone_update(user=alice, stage_id="nclex-rn", booked_for=date(2031, 3, 14))
    view = roadmap_view(alice)
    assert view is not None
    assert next(m for m in view.plan.milestones if m.id == "nclex-rn").typical_end == date(2031, 3, 14)
    services.milestone_update(user=alice, stage_id="nclex-rn", reopen=True)
    assert not Milestone.objects.for_user(alice).exists()


def test_milestones_survive_a_route_change(alice, alice_roadmap) -> None:
    """Switching route keeps milestones keyed by the catalog's stable stage ids."""
    services.milestone_update(user=alice, stage_id="nclex-rn", booked_for=date(2031, 3, 14))
    services.roadmap_set_target(user=alice, target=services.Target(career_id="registered-nurse", route_id="adn"))
    view = roadmap_view(alice)
    assert view is not None
    assert next(m for m in view.plan.milestones if m.id == "nclex-rn").fixed_on == date(2031, 3, 14)


CUSTOM = """
sources:
  - {id: nmc-uk, title: "Becoming a nurse (NMC)", url: "https://www.nmc.org.uk/", year: 2025}
careers:
  - id: uk-nurse
    name: Nurse (United Kingdom)
    family: nursing
    summary: A registered nurse in the UK.
    stages:
      - id: degree
        name: Nursing degree
        kind: degree
        duration: {min: 36, typical: 36, max: 48, source: nmc-uk, confidence: medium}
      - {id: registration, name: NMC registration, kind: licence, requires: [degree]}
    routes:
      - {id: main, name: Degree route, stages: [degree, registration]}
"""


def test_custom_career_import_and_plan(alice, charlie) -> None:
    """A private career imports, can be the target, and stays private."""
    rows = services.custom_careers_import(user=alice, text=CUSTOM)
    assert [row.career_id for row in rows] == ["uk-nurse"]
    services.roadmap_set_target(user=alice, target=services.Target(career_id="uk-nurse"))
    view = roadmap_view(alice)
    assert view is not None
    assert view.pathway.career.custom
    with pytest.raises(ValidationError, match="uk-nurse"):  # Charlie cannot aim at Alice's private career
        services.roadmap_set_target(user=charlie, target=services.Target(career_id="uk-nurse"))


def test_custom_import_is_all_or_nothing(alice) -> None:
    """A file whose second career is bad saves neither, and names the entry and field."""
    second = CUSTOM.split("careers:\n", 1)[1].replace("uk-nurse", "uk-midwife").replace("typical: 36", "typical: 99")
    with pytest.raises(ValidationError) as error:
        services.custom_careers_import(user=alice, text=CUSTOM + second)
    message = error.value.message_dict["document"][0]
    assert "uk-midwife" in message
    assert "duration" in message
    assert not CustomCareer.objects.for_user(alice).exists()


def test_custom_import_refuses_duplicates_and_missing_sources(alice) -> None:
    """An id already taken, or a fact without a known source, is refused."""
    services.custom_careers_import(user=alice, text=CUSTOM)
    with pytest.raises(ValidationError, match="already used"):
        services.custom_careers_import(user=alice, text="careers:" + CUSTOM.split("careers:", 1)[1])
    without_sources = "careers:" + CUSTOM.split("careers:", 1)[1]
    unsourced = without_sources.replace("source: nmc-uk", "source: nowhere").replace("uk-nurse", "uk-2")
    with pytest.raises(ValidationError, match="unknown source"):
        services.custom_careers_import(user=alice, text=unsourced)


def test_custom_career_in_use_cannot_be_deleted(alice) -> None:
    """The roadmap's own target is protected."""
    row = services.custom_careers_import(user=alice, text=CUSTOM)[0]
    services.roadmap_set_target(user=alice, target=services.Target(career_id="uk-nurse"))
    with pytest.raises(ValidationError, match="aims at this career"):
        services.custom_career_delete(user=alice, pk=row.pk)


def test_milestones_do_not_carry_over_to_another_career(alice, alice_roadmap) -> None:
    """A licence ticked as an RN is not a physician's licence; switching back finds it again."""
    services.milestone_update(user=alice, stage_id="nclex-rn", booked_for=date(2031, 3, 14))
    services.roadmap_set_target(
        user=alice, target=services.Target(career_id="physician", route_id="md", specialty_id="pediatrics")
    )
    view = roadmap_view(alice)
    assert view is not None
    assert all(m.fixed_on is None for m in view.plan.milestones)
    services.roadmap_set_target(user=alice, target=services.Target(career_id="registered-nurse", route_id="bsn"))
    back = roadmap_view(alice)
    assert back is not None
    assert next(m for m in back.plan.milestones if m.id == "nclex-rn").fixed_on == date(2031, 3, 14)


@pytest.mark.parametrize("when", [date(9999, 12, 1), date(1, 1, 1)])
def test_dates_far_outside_any_career_are_refused(alice, alice_roadmap, when) -> None:
    """A booking in year 9999 or year 1 is refused by field, and the roadmap still works."""
    with pytest.raises(ValidationError) as error:
        services.milestone_update(user=alice, stage_id="nclex-rn", booked_for=when)
    assert "between 1950 and 2100" in error.value.message_dict["booked_for"][0]
    with pytest.raises(ValidationError) as start_error:
        services.roadmap_set_target(user=alice, target=services.Target(career_id="registered-nurse", start_date=when))
    assert "start_date" in start_error.value.message_dict
    assert roadmap_view(alice) is not None


def test_import_size_is_bounded(alice) -> None:
    """More than 20 careers in one import is refused before any is validated."""
    many = "careers:\n" + "".join(f"  - {{id: c{n}}}\n" for n in range(21))
    with pytest.raises(ValidationError, match="at most 20 careers"):
        services.custom_careers_import(user=alice, text=many)


def test_a_past_booking_is_refused(alice, alice_roadmap) -> None:
    """Booking a date that has passed asks to tick the stage done instead."""
    with pytest.raises(ValidationError) as error:
        services.milestone_update(user=alice, stage_id="nclex-rn", booked_for=date(2020, 1, 1))
    assert "tick the stage done" in error.value.message_dict["booked_for"][0]


def test_a_booked_exam_is_a_deadline_with_reminders(alice, alice_roadmap, smtp_server) -> None:
    """A stage booked for a date joins the platform's deadlines: listed, reminded once at 90 days, gone when done."""
    from medpath.deadlines import deadlines_for
    from medpath.learning.reminders import send_reminders

    services.milestone_update(user=alice, stage_id="bsn", completed_on=date(2027, 1, 5))
    services.milestone_update(user=alice, stage_id="nclex-rn", booked_for=date(2027, 3, 14))
    [deadline] = [d for d in deadlines_for(alice, date(2027, 1, 10)) if d.key.startswith("plans:")]
    assert (deadline.title, deadline.due) == ("NCLEX-RN (booked)", date(2027, 3, 14))
    assert send_reminders() == 1
    assert send_reminders() == 0  # once per threshold
    services.milestone_update(user=alice, stage_id="nclex-rn", completed_on=date(2027, 1, 10))
    assert not [d for d in deadlines_for(alice, date(2027, 1, 10)) if d.key.startswith("plans:")]
