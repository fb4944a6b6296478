"""Pages of the portfolio (the routes live beside their views)."""

from medpath.portfolio.views import urlpatterns

app_name = "portfolio"

__all__ = ["urlpatterns"]
