"""Every URL of MedPath. Pillar apps add their own ``urls.py`` here."""

from django.urls import include, path

from medpath.api import api
from medpath.home import views as home_views

urlpatterns = [
    path("", include("medpath.home.urls")),
    path("accounts/", include("medpath.accounts.urls")),
    path("", include("medpath.plans.urls")),
    path("", include("medpath.learning.urls")),
    path("", include("medpath.experience.urls")),
    path("", include("medpath.skills.urls")),
    path("", include("medpath.network.urls")),
    path("", include("medpath.wellbeing.urls")),
    path("", include("medpath.applications.urls")),
    path("", include("medpath.match.urls")),
    path("", include("medpath.portfolio.urls")),
    path("accounts/", include("medpath.archive.urls")),
    path("api/v1/", api.urls),
    path("healthz", home_views.healthz, name="healthz"),
]

handler400 = "medpath.home.views.bad_request"
handler403 = "medpath.home.views.forbidden"
handler404 = "medpath.home.views.not_found"
handler500 = "medpath.home.views.server_error"
