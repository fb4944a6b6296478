from django.apps import AppConfig


class WellbeingConfig(AppConfig):
    name = "medpath.wellbeing"
    label = "wellbeing"
    verbose_name = "Adaptability and resilience: private check-ins, their trend, signals and support"

    def ready(self) -> None:
        from medpath.dashboard import register_actions, register_card
        from medpath.wellbeing import demo  # noqa: F401  (demo filler)
        from medpath.wellbeing.actions import wellbeing_actions
        from medpath.wellbeing.cards import wellbeing_card

        register_card("wellbeing", wellbeing_card)
        register_actions(wellbeing_actions)
