from django.apps import AppConfig


class ExperienceConfig(AppConfig):
    name = "medpath.experience"
    label = "experience"
    verbose_name = "Hands-on experience: experience log, verification, procedures, work hours"

    def ready(self) -> None:
        from medpath.dashboard import register_actions, register_card
        from medpath.experience import demo, links, reminders  # noqa: F401  (register the demo filler, link purpose, deadlines)
        from medpath.experience.actions import experience_actions
        from medpath.experience.cards import experience_card

        register_card("experience", experience_card)
        register_actions(experience_actions)
