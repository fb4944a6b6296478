"""Pages of sharing with a mentor: the person's shares (a new link shown once), making one, withdrawing one, and
the mentor's read-only page, opened with the signed link (no account needed)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from medpath import config
from medpath.accounts import links
from medpath.accounts.ratelimit import public_page_limit
from medpath.accounts.requests import show_errors, signed_in_user
from medpath.skills.forms.sharing import SECTION_CHOICES, ShareForm
from medpath.skills.models import Reflection
from medpath.skills.services import sharing
from medpath.usertime import user_zone
from medpath.wording import day, day_time

SHARED_KEY = "skills.shared_link"
SECTION_NAMES = {"profile": "Profile", "goals": "Goals", "feedback": "Feedback results", "reflections": "Reflections"}


@login_required
def share_list(request: HttpRequest) -> HttpResponse:
    """The person's snapshots shared with mentors, with their links' state; a link just made is shown once."""
    user = signed_in_user(request)
    now = timezone.now()
    rows = [
        (share, share.link.state(now), ", ".join(SECTION_NAMES.get(name, name) for name in share.sections))
        for share in sharing.shares(user)
    ]
    shown = request.session.pop(SHARED_KEY, [])
    response = render(request, "skills/share_list.html", {"shares": rows, "sent_links": shown})
    response["Cache-Control"] = "no-store"  # the page may show a live link: never keep it in a cache or history
    return response


@login_required
@require_http_methods(["GET", "POST"])
def share_new(request: HttpRequest) -> HttpResponse:
    """Choose what a mentor sees and make the link (shown once, on the next page)."""
    user = signed_in_user(request)
    choices = [
        (row.pk, f"{day(row.written_on)} · {row.title}")
        for row in Reflection.objects.for_user(user).order_by("-written_on", "-id")[:200]
    ]
    form = ShareForm(request.POST or None, reflection_choices=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = sharing.share_create(
                user=user,
                sections=data["sections"],
                reflection_ids=data.get("reflection_ids") or [],
                mentor_label=data["mentor_label"],
                days=data["days"],
                request=request,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            # Shown once on the next page (reloading it cannot make another link).
            expires = made.share.link.expires_at.astimezone(user_zone(user))
            request.session[SHARED_KEY] = [
                *request.session.get(SHARED_KEY, []),
                {
                    "email": made.share.mentor_label or "your mentor",
                    "url": made.url,
                    "expires": f"{day_time(expires)} {expires:%Z}",
                    "loopback": config.is_loopback_url(made.url),
                },
            ]
            return redirect("skills:shares")
    response = render(request, "skills/share_new.html", {"form": form, "sections": SECTION_CHOICES})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def share_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw a share: its link stops opening at once."""
    sharing.share_revoke(user=signed_in_user(request), pk=pk, request=request)
    messages.success(request, "The link is withdrawn; your mentor can no longer open it.")
    return redirect("skills:shares")


def _as_day(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


@public_page_limit("skills-mentor")
@require_http_methods(["GET"])
def mentor_view(request: HttpRequest, token: str) -> HttpResponse:
    """The mentor's read-only page: the snapshot as it was made, nothing read live (no account needed)."""
    try:
        share = sharing.share_open(token=token, request=request)
    except links.LinkError as error:
        status = 404 if error.reason == "invalid" else 410
        return render(request, "accounts/link_refused.html", {"message": str(error)}, status=status)
    snapshot = share.snapshot
    goals = [{**goal, "due": _as_day(goal.get("due_on"))} for goal in snapshot.get("goals", [])]
    feedback = [{**sent, "closed": _as_day(sent.get("closed_on"))} for sent in snapshot.get("feedback", [])]
    reflections = [{**row, "written": _as_day(row.get("written_on"))} for row in snapshot.get("reflections", [])]
    profile = snapshot.get("profile")
    if profile:
        rows = [{**row, "assessed": _as_day(row.get("assessed_on"))} for row in profile.get("competencies", [])]
        profile = {**profile, "competencies": rows}
    context = {
        "person": snapshot.get("person", ""),
        "made_on": _as_day(snapshot.get("made_on")),
        "sections": share.sections,
        "profile": profile,
        "goals": goals,
        "feedback": feedback,
        "reflections": reflections,
        "expires_at": share.link.expires_at,
    }
    response = render(request, "skills/mentor_view.html", context)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


urlpatterns = [
    path("skills/share/", share_list, name="shares"),
    path("skills/share/new/", share_new, name="share_new"),
    path("skills/share/<int:pk>/revoke/", share_revoke, name="share_revoke"),
    path("skills/shared/<str:token>/", mentor_view, name="mentor_view"),
]
