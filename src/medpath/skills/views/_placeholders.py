"""Stand-ins, on the ``skills-journal`` branch only, for the routes the other areas of the pillar are writing
(``_nav.html``, the card and the next actions name them). Deleted when the branches are merged. Listed first in
``urls.py``: where a real route has the same name, ``reverse()`` takes the real one (the last defined)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse


@login_required
def _stand_in(request: HttpRequest, **kwargs: object) -> HttpResponse:
    links = "".join(
        f'<li><a href="{reverse(name)}">{label}</a></li>'
        for name, label in (("skills:goals", "Goals"), ("skills:reflections", "Reflections"), ("skills:shares", "Share"))
    )
    page = f"<!doctype html><html lang='en'><title>Soft skills</title><h1>Soft skills</h1><ul>{links}</ul></html>"
    response = HttpResponse(page)
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [
    path("skills/stand-in/", _stand_in, name="overview"),
    path("skills/stand-in/assess/", _stand_in, name="assess"),
]
