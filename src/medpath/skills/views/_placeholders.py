"""Placeholder routes for names other modules of this branch reference before their pages exist (feedback, goals,
reflections, sharing). Branch ``skills-assess`` only: deleted on merge, with its line in ``medpath.skills.urls``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import URLPattern, path

PAGE = (
    '{% extends "base.html" %}{% block title %}Not built yet{% endblock %}'
    '{% block content %}<h1>Not built on this branch yet</h1>{% include "skills/_nav.html" %}{% endblock %}'
)


@login_required
def placeholder(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Not built on this branch yet."""
    return HttpResponse(engines["django"].from_string(PAGE).render({}, request))


urlpatterns: list[URLPattern] = [
    path("skills/feedback/", placeholder, name="feedback_list"),
    path("skills/feedback/new/", placeholder, name="feedback_new"),
    path("skills/feedback/<int:pk>/", placeholder, name="feedback_detail"),
    path("skills/goals/", placeholder, name="goals"),
    path("skills/goals/new/", placeholder, name="goal_new"),
    path("skills/goals/<int:pk>/", placeholder, name="goal_edit"),
    path("skills/reflections/", placeholder, name="reflections"),
    path("skills/reflections/new/", placeholder, name="reflection_new"),
    path("skills/reflections/<int:pk>/", placeholder, name="reflection_edit"),
    path("skills/shares/", placeholder, name="shares"),
    path("skills/shares/new/", placeholder, name="share_new"),
]
