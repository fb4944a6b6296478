from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured


class PlansConfig(AppConfig):
    name = "medpath.plans"
    label = "plans"
    verbose_name = "Education: career roadmaps"

    def ready(self) -> None:
        from medpath.catalog.loader import CatalogError, catalog
        from medpath.dashboard import register_actions, register_card, register_profile_section
        from medpath.plans import demo, links, reminders  # noqa: F401  (demo filler, calendar link purpose, booked stages)
        from medpath.plans.actions import plans_actions
        from medpath.plans.cards import education_card, profile_target

        # A bad catalog file stops start-up, naming file, entry and field.
        try:
            catalog()
        except CatalogError as error:
            raise ImproperlyConfigured(f"The career catalog is invalid: {error}") from None
        register_card("education", education_card)
        register_profile_section(profile_target)
        register_actions(plans_actions)
