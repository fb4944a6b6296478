from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "medpath.applications"
    label = "applications"
    verbose_name = "Application exports: AMCAS Work/Activities and ERAS Experiences"
