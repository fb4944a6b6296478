from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "medpath.learning"
    label = "learning"
    verbose_name = "Continuous learning, credentials and mandates"

    def ready(self) -> None:
        from medpath.dashboard import register_actions, register_card
        from medpath.learning import demo, links, reminders  # noqa: F401  (demo filler, link purposes, deadlines and reminders)
        from medpath.learning.actions import learning_actions
        from medpath.learning.cards import ethics_card, learning_card

        register_card("learning", learning_card)
        register_card("ethics", ethics_card)
        register_actions(learning_actions)
