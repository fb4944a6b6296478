from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "medpath.applications"
    label = "applications"
    verbose_name = "Application exports: AMCAS Work/Activities and ERAS Experiences"

    def ready(self) -> None:
        from medpath.applications import demo  # noqa: F401  (demo filler)
