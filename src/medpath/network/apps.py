from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "medpath.network"
    label = "network"
    verbose_name = "Network: contacts and mentors, follow-ups, events and memberships"

    def ready(self) -> None:
        from django.conf import settings
        from django.db.models.signals import post_delete

        from medpath.archive.registry import SoftReference, register_soft_reference
        from medpath.dashboard import register_actions, register_card
        from medpath.network import demo, links, reminders  # noqa: F401  (demo filler, link purpose, deadlines)
        from medpath.network.actions import network_actions
        from medpath.network.cards import network_card
        from medpath.network.services.held_vcards import held_vcards_forget

        post_delete.connect(held_vcards_forget, sender=settings.AUTH_USER_MODEL, dispatch_uid="network_held_vcards_forget")
        activity = "learning.learningactivity"  # a counted event's activity: its id travels remapped
        register_soft_reference("network.event", SoftReference("activity_id", (activity,), lambda record: activity))
        register_card("network", network_card)
        register_actions(network_actions)
