from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "medpath.network"
    label = "network"
    verbose_name = "Network: contacts and mentors, follow-ups, events and memberships"

    def ready(self) -> None:
        from medpath.dashboard import register_actions, register_card
        from medpath.network import demo, links, reminders  # noqa: F401  (demo filler, link purpose, deadlines)
        from medpath.network.actions import network_actions
        from medpath.network.cards import network_card

        register_card("network", network_card)
        register_actions(network_actions)
