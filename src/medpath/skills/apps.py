from django.apps import AppConfig


class SkillsConfig(AppConfig):
    name = "medpath.skills"
    label = "skills"
    verbose_name = "Soft skills: competencies, self-assessment, feedback, goals and reflections"

    def ready(self) -> None:
        from medpath.dashboard import register_actions, register_card
        from medpath.skills import archive, demo, links, reminders  # noqa: F401  (demo filler, link purposes, deadlines)
        from medpath.skills.actions import skills_actions
        from medpath.skills.cards import skills_card

        archive.register()  # feedback travels in the full archive only as released counters
        register_card("skills", skills_card)
        register_actions(skills_actions)
