from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "medpath.archive"
    label = "archive"
    verbose_name = "Full archive: export and import of a whole account"
