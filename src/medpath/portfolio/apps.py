from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "medpath.portfolio"
    label = "portfolio"
    verbose_name = "Portfolio: the CV, publications and awards, the FHIR file and one calendar feed"

    def ready(self) -> None:
        from medpath.dashboard import register_extra_card
        from medpath.portfolio import demo, links  # noqa: F401  (demo filler, link purpose)
        from medpath.portfolio.cards import portfolio_card

        register_extra_card("portfolio", portfolio_card)
