from typing import Any

from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "medpath.home"
    label = "home"
    verbose_name = "Home"

    def ready(self) -> None:
        from medpath.dashboard import action_choices_forgotten

        action_choices_forgotten.connect(_forget, dispatch_uid="home-forget-action-choices")


def _forget(sender: Any, *, user: Any, key_prefix: str, **_: Any) -> None:
    from medpath.home.models import ActionChoice

    ActionChoice.objects.for_user(user).filter(key__startswith=key_prefix).delete()
