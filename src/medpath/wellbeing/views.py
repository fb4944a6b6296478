"""Pages of the resilience pillar: the check-in, the trend with signals, deleting check-ins (one or all), and the
support resources (public: a person in difficulty should not need to log in to find a line).

Every page with wellbeing content is marked ``no-store`` so no browser or proxy cache keeps it, and no message
shown after a save repeats a value.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from medpath.accounts.requests import show_errors, signed_in_user
from medpath.catalog.loader import catalog
from medpath.usertime import user_today
from medpath.wellbeing import selectors, services, signals
from medpath.wellbeing.charts import trend_chart
from medpath.wellbeing.forms import CheckInForm


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """The trend of the last twelve weeks beside work hours, any signals with support, and the recent check-ins."""
    user = signed_in_user(request)
    today = user_today(user)
    seen = selectors.trend(user, today)
    found = selectors.signals_for(user, today, seen=seen)
    latest = selectors.checkins(user)
    measure = selectors.measure()
    urgent = bool(latest) and latest[0].day == today and latest[0].burnout == max(measure.answers)
    country = selectors.support_for(user.country or "")
    # A person whose country MedPath has no lines for (or who set none) still sees every crisis line it lists.
    crisis_lines = (
        []
        if country
        else [
            selectors.support_block(listed, kinds=("crisis",))
            for listed in sorted(selectors.support_countries().values(), key=lambda listed: listed.country_name)
        ]
    )
    context: dict[str, Any] = {
        "trend": seen,
        "chart": trend_chart(seen.weeks, shows_hours=seen.logs_shifts),
        "signals": found,
        "show_support": bool(found) or urgent,
        "support": selectors.support_block(country) if country else None,
        "crisis_lines": crisis_lines,
        "country_set": bool(user.country),
        "checkins": latest,
        "checked_in_today": bool(latest) and latest[0].day == today,
        "measure": measure,
        "settings": signals,
    }
    return _private(render(request, "wellbeing/overview.html", context))


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request: HttpRequest) -> HttpResponse:
    """Today's check-in (or an earlier day's): mood, energy, stress, sleep and the burnout question."""
    user = signed_in_user(request)
    today = user_today(user)
    measure = selectors.measure()
    existing = selectors.checkin_on(user, today)
    initial: dict[str, Any] = {"day": today}
    if existing is not None:
        initial |= {
            "mood": existing.mood,
            "energy": existing.energy,
            "stress": existing.stress,
            "burnout": existing.burnout,
            "sleep_hours": existing.sleep_hours,
            "note": existing.note,
        }
    form = CheckInForm(request.POST or None, initial=initial, question=measure.question, answers=measure.answers, today=today)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.checkin_save(
                user=user,
                day=data["day"],
                mood=data["mood"],
                energy=data["energy"],
                stress=data["stress"],
                burnout=data["burnout"],
                sleep_hours=data["sleep_hours"],
                note=data["note"],
                privacy_confirmed=True,  # the form's own guard asked already
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Check-in saved.")
            return redirect("wellbeing:overview")
    context = {"form": form, "replacing": existing is not None, "measure": measure}
    return _private(render(request, "wellbeing/checkin.html", context))


@login_required
@require_POST
def checkin_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete one check-in."""
    services.checkin_delete(user=signed_in_user(request), pk=pk)
    messages.success(request, "Check-in deleted.")
    return redirect("wellbeing:overview")


@login_required
@require_http_methods(["GET", "POST"])
def delete_all(request: HttpRequest) -> HttpResponse:
    """Delete every check-in in one step, after one confirmation."""
    user = signed_in_user(request)
    if request.method == "POST":
        deleted = services.checkins_delete_all(user=user)
        messages.success(request, "All your check-ins are deleted." if deleted else "You had no check-ins to delete.")
        return redirect("wellbeing:overview")
    count = selectors.checkin_count(user)
    return _private(render(request, "wellbeing/delete_all.html", {"count": count}))


def support(request: HttpRequest) -> HttpResponse:
    """Crisis and support lines per country, each with its source and the day it was last verified."""
    countries = selectors.support_countries()
    asked = request.GET.get("country", "")
    own = getattr(request.user, "country", "") if request.user.is_authenticated else ""
    chosen = selectors.support_for(asked) if asked else None
    unlisted = asked.strip()[:40] if asked and chosen is None else ""
    if chosen is None:
        chosen = selectors.support_for(own or "")
    ordered = sorted(
        countries.values(), key=lambda country: (chosen is None or country.country != chosen.country, country.country_name)
    )
    measure, sources = selectors.measure(), catalog().sources
    context = {
        "blocks": [selectors.support_block(country) for country in ordered],
        "chosen": chosen,
        "unlisted": unlisted,
        "countries": sorted(countries.values(), key=lambda country: country.country_name),
        "measure": measure,
        "wording_source": sources[measure.wording.source],
        "validation": [(item, sources[item.source]) for item in measure.validation],
    }
    return render(request, "wellbeing/support.html", context)


urlpatterns = [
    path("wellbeing/", overview, name="overview"),
    path("wellbeing/check-in/", checkin, name="checkin"),
    path("wellbeing/check-ins/<int:pk>/delete/", checkin_delete, name="checkin_delete"),
    path("wellbeing/delete-all/", delete_all, name="delete_all"),
    path("wellbeing/support/", support, name="support"),
]
