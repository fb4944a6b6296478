from django.apps import AppConfig


class MatchConfig(AppConfig):
    name = "medpath.match"
    label = "match"
    verbose_name = "The residency Match: rank lists and simulation"

    def ready(self) -> None:
        from medpath.match import demo  # noqa: F401  (demo filler)
