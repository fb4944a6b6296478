"""Demo application draft: the pre-med student's AMCAS draft holding two of their logged experiences, one marked
most meaningful."""

from __future__ import annotations

from medpath.demo import register_demo_filler


def _fill(users: dict[str, object]) -> None:
    from medpath.accounts.models import User
    from medpath.applications import services
    from medpath.applications.models import ApplicationDraft
    from medpath.experience.selectors import entries_as_seen
    from medpath.usertime import user_today

    premed = users.get("premed@demo.medpath.test")
    if not isinstance(premed, User) or ApplicationDraft.objects.for_user(premed).exists():
        return
    season = user_today(premed).year + 1
    draft = services.draft_create(user=premed, format="amcas", season=season, title=f"AMCAS {season}, first draft")
    for number, record in enumerate(entries_as_seen(premed)[:2]):
        entry = services.entry_pick(user=premed, draft_id=draft.pk, source_kind="experience", source_id=record.pk)
        if number == 0:
            services.entry_save(
                user=premed,
                pk=entry.pk,
                type_id=entry.type_id,
                title=entry.title,
                organization=entry.organization,
                ranges=[
                    {"start": record.started_on, "end": record.last_day, "hours": span.get("hours")} for span in entry.ranges[:1]
                ],
                description=entry.description or "What I did, for whom, and what I learned.",
                most_meaningful=True,
                most_meaningful_text="Why this experience shaped my wish to study medicine.",
                privacy_confirmed=True,
            )


register_demo_filler(_fill)
