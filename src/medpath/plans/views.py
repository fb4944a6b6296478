"""Pages of the Education pillar: explorer, comparison, roadmap, calendar feed, private careers."""

from __future__ import annotations

from decimal import Decimal

import yaml
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from medpath.accounts import links
from medpath.accounts.models import User
from medpath.accounts.ratelimit import public_page_limit
from medpath.accounts.requests import show_errors, signed_in_user
from medpath.catalog.loader import UnknownCareerError
from medpath.plans import forms, selectors, services
from medpath.plans.assumptions import DEFAULT_PART_TIME_FACTOR
from medpath.plans.calendar import roadmap_calendar
from medpath.plans.explorer import CareerFilters, explore, summarize
from medpath.plans.links import CALENDAR, CALENDAR_LIFETIME
from medpath.plans.models import Roadmap
from medpath.plans.roadmap import PlanError
from medpath.plans.timeline import timeline_svg


def career_list(request: HttpRequest) -> HttpResponse:
    """Search and filter careers; unknown figures are listed apart, never guessed."""
    form = forms.ExploreForm(request.GET or None)
    known = selectors.user_catalog(request.user)
    filters = CareerFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = CareerFilters(
            text=data["q"],
            family=data["family"],
            max_years=float(data["max_years"]) if data["max_years"] is not None else None,
            min_pay=data["min_pay"],
            min_growth=float(data["min_growth"]) if data["min_growth"] is not None else None,
            max_education=data["education"],
        )
    result = explore(known.careers.values(), filters)
    return render(request, "plans/career_list.html", {"form": form, "result": result, "total": len(known.careers)})


def career_detail(request: HttpRequest, career_id: str) -> HttpResponse:
    """One career: routes, stages with durations, specialties, bodies and facts with their sources."""
    try:
        career, sources = selectors.career_and_sources(request.user, career_id)
    except UnknownCareerError:
        raise Http404("No such career") from None
    context = {"career": career, "summary": summarize(career), "sources": sources}
    return render(request, "plans/career_detail.html", context)


def career_compare(request: HttpRequest) -> HttpResponse:
    """Two or three careers side by side."""
    known = selectors.user_catalog(request.user)
    wanted = [career_id for career_id in request.GET.getlist("ids") if career_id][:3]
    error = ""
    careers = []
    for career_id in wanted:
        try:
            careers.append(known.career(career_id))
        except UnknownCareerError as problem:
            error = str(problem)
    if not error and len(careers) < 2:
        error = "Choose two or three careers to compare." if request.GET else ""
    summaries = [summarize(c) for c in careers] if not error else []
    choices = sorted(known.careers.values(), key=lambda c: c.name.lower())
    status = 400 if error and request.GET else 200
    slots = [(n, wanted[n - 1] if n <= len(wanted) else "") for n in (1, 2, 3)]
    context = {"summaries": summaries, "error": error, "choices": choices, "slots": slots, "sources": known.sources}
    return render(request, "plans/career_compare.html", context, status=status)


@login_required
def roadmap(request: HttpRequest) -> HttpResponse:
    """The roadmap: timeline, checklist and what is next."""
    user = signed_in_user(request)
    try:
        view = selectors.roadmap_view(user)
    except (UnknownCareerError, PlanError) as problem:
        messages.error(request, f"Your roadmap needs attention: {problem}. Choose your target again.")
        return redirect("plans:target")
    if view is None:
        return redirect("plans:target")
    return render(request, "plans/roadmap.html", _roadmap_context(user, view))


def _roadmap_context(
    user: User,
    view: selectors.RoadmapView,
    issued: links.IssuedLink | None = None,
    stage_form: forms.StageDatesForm | None = None,
    milestone_failed: dict[str, object] | None = None,
) -> dict[str, object]:
    road = view.roadmap
    under_way = next(
        (m for m in view.plan.milestones if m.id == road.current_stage_id and m.status == "in_progress" and not m.fixed_on),
        None,
    )
    initial = {"started_on": road.start_date, "ends_on": road.current_stage_ends_on}
    return {
        "view": view,
        "svg": timeline_svg(view.plan, view.today),
        "calendar_links": links_for_calendar(user),
        "issued": issued,
        "under_way": under_way,
        "stage_form": stage_form or forms.StageDatesForm(initial=initial),
        "failed": milestone_failed or {},
        # the chart's key explains the dotted waiting line only to someone whose plan has one
        "waits": [m for m in view.plan.milestones if m.wait_days],
    }


def links_for_calendar(user: User) -> list[object]:
    """The user's active calendar links."""
    from medpath.accounts.selectors import link_list

    return [link for link, state, _ in link_list(user=user) if link.purpose == CALENDAR.name and state == "active"]


@login_required
@require_http_methods(["GET", "POST"])
def target(request: HttpRequest) -> HttpResponse:
    """Choose or change the target career, route, specialty and where you stand."""
    user = signed_in_user(request)
    known = selectors.user_catalog(user)
    current = Roadmap.objects.for_user(user).first()
    career_id = request.POST.get("career_id") or request.GET.get("career") or (current.career_id if current else "")
    career = known.careers.get(career_id)
    initial = {}
    if current is not None and current.career_id == career_id:
        initial = {
            "career_id": current.career_id,
            "route_id": current.route_id,
            "specialty_id": current.specialty_id,
            "current_stage_id": current.current_stage_id,
            "start_date": current.start_date,
            "current_stage_ends_on": current.current_stage_ends_on,
            "part_time": current.part_time,
            "part_time_factor": current.part_time_factor,
            "gap_after_stage_id": current.gap_after_stage_id,
            "gap_months": current.gap_months,
        }
    elif career is not None:
        initial = {"career_id": career.id}
    form = forms.TargetForm(request.POST or None, initial=initial, catalog=known, career=career)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.roadmap_set_target(
                user=user,
                target=services.Target(
                    career_id=data["career_id"],
                    route_id=data["route_id"],
                    specialty_id=data["specialty_id"],
                    current_stage_id=data["current_stage_id"],
                    start_date=data["start_date"],
                    current_stage_ends_on=data["current_stage_ends_on"],
                    part_time=data["part_time"],
                    part_time_factor=data["part_time_factor"] or Decimal(str(DEFAULT_PART_TIME_FACTOR)),
                    gap_after_stage_id=data["gap_after_stage_id"],
                    gap_months=data["gap_months"] or 0,
                ),
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Your roadmap is planned.")
            return redirect("plans:roadmap")
    return render(request, "plans/target.html", {"form": form, "career": career})


@login_required
@require_POST
def milestone(request: HttpRequest, stage_id: str) -> HttpResponse:
    """Mark a stage done (today, or on another date), book it, or reopen it; errors show beside the row's field."""
    user = signed_in_user(request)
    if not Roadmap.objects.for_user(user).exists():
        raise Http404("No roadmap yet")
    form = forms.MilestoneForm(request.POST)
    problems: dict[str, list[str]] = {}
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.milestone_update(
                user=user,
                stage_id=stage_id,
                completed_on=data["completed_on"] if data["action"] == "complete" else None,
                booked_for=data["booked_for"] if data["action"] == "book" else None,
                reopen=data["action"] == "reopen",
                done_today=data["action"] == "done",
            )
        except ValidationError as error:
            problems = error.message_dict if hasattr(error, "error_dict") else {"completed_on": error.messages}
        else:
            messages.success(request, "Milestone saved; the plan is updated.")
            return redirect("plans:roadmap")
    else:
        problems = {name: [str(problem) for problem in errors] for name, errors in form.errors.items()}
    view = selectors.roadmap_view(user)
    if view is None:
        raise Http404("No roadmap yet")
    field = "booked_for" if "booked_for" in problems else "completed_on"
    failed: dict[str, object] = {
        "done_stage": stage_id if field == "completed_on" else "",
        "book_stage": stage_id if field == "booked_for" else "",
        "messages": [m for errors in problems.values() for m in errors],
        "value": request.POST.get(field, ""),
    }
    return render(request, "plans/roadmap.html", _roadmap_context(user, view, milestone_failed=failed))


@login_required
@require_POST
def stage_dates(request: HttpRequest) -> HttpResponse:
    """Say when the stage under way started and should end; errors show beside the fields."""
    user = signed_in_user(request)
    road = Roadmap.objects.for_user(user).first()
    if road is None:
        raise Http404("No roadmap yet")
    stored = {"started_on": road.start_date, "ends_on": road.current_stage_ends_on}
    form = forms.StageDatesForm(request.POST, stored=stored)
    if form.is_valid():
        try:
            services.roadmap_set_stage_dates(
                user=user, started_on=form.cleaned_data["started_on"], ends_on=form.cleaned_data["ends_on"]
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Dates saved; the plan is updated.")
            return redirect("plans:roadmap")
    view = selectors.roadmap_view(user)
    if view is None:
        raise Http404("No roadmap yet")
    return render(request, "plans/roadmap.html", _roadmap_context(user, view, stage_form=form))


@login_required
@require_POST
def calendar_link(request: HttpRequest) -> HttpResponse:
    """Issue a private calendar link and show it once (like a new API token, it is never shown again)."""
    user = signed_in_user(request)
    view = selectors.roadmap_view(user)
    if view is None:
        raise Http404("No roadmap yet")
    issued = links.link_issue(
        owner=user, purpose=CALENDAR.name, lifetime=CALENDAR_LIFETIME, label="Calendar app", request=request
    )
    return render(request, "plans/roadmap.html", _roadmap_context(user, view, issued))


@public_page_limit("plans-calendar", factor=10)
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The roadmap's milestones as iCalendar, for whoever holds the private link."""
    try:
        link = links.link_consume(token=token, purpose=CALENDAR.name, request=request)
    except links.LinkError as error:
        return HttpResponse(str(error), status=404 if error.reason == "invalid" else 410, content_type="text/plain")
    try:
        view = selectors.roadmap_view(link.owner) if link.owner.is_active else None
    except (UnknownCareerError, PlanError):
        view = None
    if view is None:
        return HttpResponse("This roadmap no longer exists.", status=410, content_type="text/plain")
    host = settings.MEDPATH_BASE_URL.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0]
    body = roadmap_calendar(view, host=host, generated_at=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="medpath-roadmap.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def custom_careers(request: HttpRequest) -> HttpResponse:
    """Your private careers: add one with the form or import YAML."""
    user = signed_in_user(request)
    import_form = forms.CustomImportForm(prefix="import")
    career_form = forms.CustomCareerForm(prefix="career")
    if request.method == "POST":
        if "import-submit" in request.POST:
            import_form = forms.CustomImportForm(request.POST, request.FILES, prefix="import")
            text = import_form.cleaned_data["document"] if import_form.is_valid() else None
        else:
            career_form = forms.CustomCareerForm(request.POST, prefix="career")
            text = yaml.safe_dump(career_form.to_document(), sort_keys=False) if career_form.is_valid() else None
        if text is not None:
            try:
                rows = services.custom_careers_import(user=user, text=text)
            except ValidationError as error:
                target_form = import_form if "import-submit" in request.POST else career_form
                for problems in error.message_dict.values():
                    target_form.add_error(None, problems)
            else:
                messages.success(request, f"Added {', '.join(row.name for row in rows)}.")
                return redirect("plans:custom_careers")
    context = {"rows": selectors.custom_careers(user), "import_form": import_form, "career_form": career_form}
    return render(request, "plans/custom_careers.html", context)


@login_required
@require_POST
def custom_career_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete one private career."""
    try:
        services.custom_career_delete(user=signed_in_user(request), pk=pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Career deleted.")
    return redirect("plans:custom_careers")
