from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "medpath.applications"
    label = "applications"
    verbose_name = "Application exports: AMCAS Work/Activities and ERAS Experiences"

    def ready(self) -> None:
        from medpath.applications import demo  # noqa: F401  (demo filler)
        from medpath.archive.registry import SoftReference, register_soft_reference

        # An entry's source record, by its kind: the id travels remapped (docs/portfolio.md, "Archive format").
        sources = {"experience": "experience.experienceentry", "event": "network.event", "membership": "network.membership"}
        register_soft_reference(
            "applications.applicationentry",
            SoftReference("source_id", tuple(sources.values()), lambda record: sources.get(str(record.get("source_kind")))),
        )
