from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "medpath.home"
    label = "home"
    verbose_name = "Home"
