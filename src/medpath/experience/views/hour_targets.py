"""The hour-targets page: targets followed with progress, catalog targets for the user's careers, their own."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from medpath.accounts.requests import show_errors, signed_in_user
from medpath.catalog.loader import catalog
from medpath.experience import forms, services
from medpath.experience.selectors import suggested_targets, target_progress
from medpath.plans.selectors import user_career_ids  # a declared one-way use of the Education pillar


def _career_ids(user: Any) -> list[str]:
    """The careers the user's roadmap aims at (a one-way use of the Education pillar, declared in pyproject.toml)."""
    return user_career_ids(user)


@login_required
@require_http_methods(["GET", "POST"])
def targets(request: HttpRequest) -> HttpResponse:
    """Targets followed, with progress; catalog targets for the user's careers; a form for their own."""
    user = signed_in_user(request)
    form = forms.OwnTargetForm(request.POST if request.POST.get("own") else None)
    if request.method == "POST":
        try:
            if request.POST.get("catalog_id"):
                services.target_save(user=user, catalog_id=request.POST["catalog_id"])
                messages.success(request, "Target added.")
                return redirect("experience:targets")
            if form.is_valid():
                services.target_save(user=user, **form.cleaned_data)
                messages.success(request, "Target added.")
                return redirect("experience:targets")
        except ValidationError as error:
            if request.POST.get("catalog_id"):
                messages.error(request, " ".join(error.messages))
            else:
                show_errors(form, error)
    careers = _career_ids(user)
    known = catalog()
    suggestions = [(t, known.sources.get(t.source)) for t in suggested_targets(user, careers)]
    context = {"progress": target_progress(user), "suggestions": suggestions, "form": form, "by_career": bool(careers)}
    return render(request, "experience/targets.html", context)


@login_required
@require_POST
def target_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Stop following a target."""
    services.target_delete(user=signed_in_user(request), pk=pk)
    messages.success(request, "Target removed.")
    return redirect("experience:targets")
