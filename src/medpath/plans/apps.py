from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured


class PlansConfig(AppConfig):
    name = "medpath.plans"
    label = "plans"
    verbose_name = "Education: career roadmaps"

    def ready(self) -> None:
        from medpath.catalog.loader import CatalogError, catalog
        from medpath.home.cards import register_card
        from medpath.plans import demo, links  # noqa: F401  (registers the demo filler and the calendar link purpose)
        from medpath.plans.cards import education_card

        # A bad catalog file stops start-up, naming file, entry and field.
        try:
            catalog()
        except CatalogError as error:
            raise ImproperlyConfigured(f"The career catalog is invalid: {error}") from None
        register_card("education", education_card)
