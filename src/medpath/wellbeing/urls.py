"""Pages of the resilience pillar (listed in ``medpath.wellbeing.views``)."""

from medpath.wellbeing.views import urlpatterns

app_name = "wellbeing"

__all__ = ["app_name", "urlpatterns"]
