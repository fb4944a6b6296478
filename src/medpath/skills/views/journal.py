"""Pages of goals and reflections: the lists, the forms to write and change them, and deleting one."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from medpath.accounts.models import User
from medpath.accounts.requests import show_errors, signed_in_user
from medpath.catalog.framework_schema import Framework
from medpath.catalog.loader import catalog
from medpath.experience.selectors import entries_for_reflection
from medpath.scoping import get_owned
from medpath.skills.forms.journal import GoalForm, ReflectionForm, competency_names
from medpath.skills.models import FeedbackRequest, Goal, GoalStatus, Reflection
from medpath.skills.services import journal
from medpath.skills.services.assessment import chosen_framework_id
from medpath.tables import Column, download_format, download_links, table_download
from medpath.usertime import user_today
from medpath.wording import day

NEW_GOAL_DAYS = 30  # a new goal is due in a month unless the person says otherwise


def _framework(user: User, framework_id: str = "") -> Framework:
    """The framework a goal or reflection was written against (the person's current one for a new one)."""
    frameworks = catalog().frameworks
    return frameworks.get(framework_id) or frameworks[chosen_framework_id(user)]


def _named(framework_id: str, competency_ids: list[str]) -> list[str]:
    names = competency_names(catalog().frameworks.get(framework_id))
    return [names.get(cid, cid) for cid in competency_ids]


# Goals


@login_required
def goal_list(request: HttpRequest) -> HttpResponse:
    """The person's goals, open ones first, with what each works on."""
    user = signed_in_user(request)
    today = user_today(user)
    rows = [(goal, _named(goal.framework_id, goal.competency_ids)) for goal in journal.goals(user)]
    fmt = download_format(request)
    if fmt:
        columns = (
            Column("Goal", lambda row: row[0].title),
            Column("Detail", lambda row: row[0].detail),
            Column("Competencies", lambda row: "; ".join(row[1])),
            Column("Due on", lambda row: row[0].due_on),
            Column("Status", lambda row: row[0].get_status_display()),
            Column("Completed on", lambda row: row[0].completed_on),
        )
        return table_download(fmt, name="goals", columns=columns, rows=rows, today=today)
    context = {
        "downloads": download_links(request),
        "open_goals": [(goal, names, (goal.due_on - today).days) for goal, names in rows if goal.status == GoalStatus.OPEN],
        "closed_goals": [(goal, names) for goal, names in rows if goal.status != GoalStatus.OPEN],
    }
    return render(request, "skills/goal_list.html", context)


def _feedback_choices(user: User) -> list[tuple[Any, Any]]:
    requests = FeedbackRequest.objects.for_user(user).order_by("-closes_on", "-id")[:50]
    return [(sent.pk, f"{sent.title} (until {day(sent.closes_on)})") for sent in requests]


def _goal_form_page(request: HttpRequest, goal: Goal | None) -> HttpResponse:
    user = signed_in_user(request)
    framework = _framework(user, goal.framework_id if goal else "")
    if goal is None:
        feedback = request.GET.get("feedback", "")
        initial: dict[str, Any] = {"due_on": user_today(user) + timedelta(days=NEW_GOAL_DAYS)}
        if feedback.isdigit() and len(feedback) < 19:
            initial["feedback_request_id"] = int(feedback)
    else:
        initial = {
            "title": goal.title,
            "detail": goal.detail,
            "due_on": goal.due_on,
            "competency_ids": goal.competency_ids,
            "status": goal.status,
            "feedback_request_id": goal.feedback_request_id,
        }
    form = GoalForm(
        request.POST or None, initial=initial, framework=framework, feedback_choices=_feedback_choices(user), new=goal is None
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = journal.goal_save(
                user=user,
                pk=goal.pk if goal else None,
                title=data["title"],
                detail=data["detail"],
                due_on=data["due_on"],
                competency_ids=data["competency_ids"],
                framework_id=framework.id,
                feedback_request_id=data.get("feedback_request_id"),
                status=data.get("status") or (goal.status if goal else GoalStatus.OPEN),
                privacy_confirmed=True,  # the form's own guard asked already
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"Goal “{saved.title}” saved{' as done' if saved.status == GoalStatus.DONE else ''}.")
            return redirect("skills:goals")
    return render(request, "skills/goal_form.html", {"form": form, "goal": goal})


@login_required
@require_http_methods(["GET", "POST"])
def goal_new(request: HttpRequest) -> HttpResponse:
    """Set a goal (due in a month unless changed)."""
    return _goal_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a goal, mark it done or drop it."""
    return _goal_form_page(request, get_owned(Goal, signed_in_user(request), pk=pk))


@login_required
@require_POST
def goal_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a goal."""
    journal.goal_delete(user=signed_in_user(request), pk=pk)
    messages.success(request, "Goal deleted.")
    return redirect("skills:goals")


# Reflections


@login_required
def reflection_list(request: HttpRequest) -> HttpResponse:
    """The person's private journal, newest first."""
    user = signed_in_user(request)
    rows = [(reflection, _named(reflection.framework_id, reflection.competency_ids)) for reflection in journal.reflections(user)]
    fmt = download_format(request)
    if fmt:
        columns = (
            Column("Written on", lambda row: row[0].written_on),
            Column("Title", lambda row: row[0].title),
            Column("Reflection", lambda row: row[0].text),
            Column("Competencies", lambda row: "; ".join(row[1])),
        )
        return table_download(fmt, name="reflections", columns=columns, rows=rows, today=user_today(user))
    response = render(request, "skills/reflection_list.html", {"reflections": rows, "downloads": download_links(request)})
    response["Cache-Control"] = "no-store"
    return response


def _experience_choices(user: User, reflection: Reflection | None) -> list[tuple[Any, Any]]:
    entries = entries_for_reflection(user)
    linked = reflection.experience if reflection else None
    if linked is not None and linked not in entries:
        entries.append(linked)  # an older entry than the list holds stays choosable
    return [(entry.pk, f"{day(entry.started_on)} · {entry.title}") for entry in entries]


def _reflection_form_page(request: HttpRequest, reflection: Reflection | None) -> HttpResponse:
    user = signed_in_user(request)
    framework = _framework(user, reflection.framework_id if reflection else "")
    if reflection is None:
        initial: dict[str, Any] = {"written_on": user_today(user)}
    else:
        initial = {
            "title": reflection.title,
            "text": reflection.text,
            "written_on": reflection.written_on,
            "competency_ids": reflection.competency_ids,
            "experience_id": reflection.experience_id,
        }
    form = ReflectionForm(
        request.POST or None, initial=initial, framework=framework, experience_choices=_experience_choices(user, reflection)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = journal.reflection_save(
                user=user,
                pk=reflection.pk if reflection else None,
                title=data["title"],
                text=data["text"],
                written_on=data["written_on"],
                competency_ids=data["competency_ids"],
                framework_id=framework.id,
                experience_id=data.get("experience_id"),
                privacy_confirmed=True,  # the form's own guard asked already
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"Reflection “{saved.title}” saved.")
            return redirect("skills:reflections")
    response = render(request, "skills/reflection_form.html", {"form": form, "reflection": reflection})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def reflection_new(request: HttpRequest) -> HttpResponse:
    """Write a reflection."""
    return _reflection_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def reflection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a reflection."""
    return _reflection_form_page(request, get_owned(Reflection, signed_in_user(request), pk=pk))


@login_required
@require_POST
def reflection_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a reflection."""
    journal.reflection_delete(user=signed_in_user(request), pk=pk)
    messages.success(request, "Reflection deleted.")
    return redirect("skills:reflections")


urlpatterns = [
    path("skills/goals/", goal_list, name="goals"),
    path("skills/goals/new/", goal_new, name="goal_new"),
    path("skills/goals/<int:pk>/edit/", goal_edit, name="goal_edit"),
    path("skills/goals/<int:pk>/delete/", goal_delete, name="goal_delete"),
    path("skills/reflections/", reflection_list, name="reflections"),
    path("skills/reflections/new/", reflection_new, name="reflection_new"),
    path("skills/reflections/<int:pk>/edit/", reflection_edit, name="reflection_edit"),
    path("skills/reflections/<int:pk>/delete/", reflection_delete, name="reflection_delete"),
]
