"""Pages for frameworks and self-assessment: the profile (the pillar's home), choosing a framework, rating oneself,
the history of self-assessments, and one's own level descriptors (a file import or one at a time)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods, require_POST

from medpath.accounts.models import User
from medpath.accounts.requests import show_errors, signed_in_user
from medpath.catalog.framework_schema import Framework, self_rating_levels
from medpath.catalog.loader import catalog
from medpath.privacy.forms import CONFIRM_FIELD
from medpath.rows import RowsRejected, sample_csv
from medpath.skills.charts import self_rating_chart
from medpath.skills.forms.assessment import (
    DescriptorForm,
    DescriptorImportForm,
    FrameworkChoiceForm,
    SelfAssessmentForm,
    rating_field_name,
)
from medpath.skills.models import SelfAssessment
from medpath.skills.services.assessment import (
    DESCRIPTOR_COLUMNS,
    CompetencyHistory,
    assessment_delete,
    assessment_save,
    assessments_with_ratings,
    chosen_framework_id,
    descriptor_save,
    descriptors_for,
    descriptors_import,
    framework_choose,
    history,
    own_descriptors,
    rateable,
)
from medpath.uploads import csv_download, uploaded_csv_text
from medpath.usertime import user_today
from medpath.wording import count, day


def _chosen(user: User) -> Framework:
    return catalog().frameworks[chosen_framework_id(user)]


def _parent_names(framework: Framework) -> dict[str, str]:
    """Competency id -> the name of the competency it belongs to ("" for a top-level one)."""
    names = {competency.id: competency.name for competency in framework.competencies}
    return {competency.id: names.get(competency.parent or "", "") for competency in framework.competencies}


@dataclass(frozen=True)
class ProfileRow:
    """One competency on the profile: its latest self-rating, with the person's descriptor for that level."""

    name: str
    group: str
    level: int | None
    label: str
    rated_on: Any
    descriptor: str


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """The pillar's home: the framework, the latest self-rating of each competency, and the chart over time."""
    user = signed_in_user(request)
    framework = _chosen(user)
    levels = self_rating_levels(framework)
    histories = history(user, framework)
    descriptors = descriptors_for(user, framework.id)
    groups = _parent_names(framework)
    rows = []
    for competency in histories:
        latest = competency.points[-1] if competency.points else None
        level = latest.level if latest else None
        rows.append(
            ProfileRow(
                competency.name,
                groups.get(competency.competency_id, ""),
                level,
                levels.get(level, "") if level else "",
                latest.assessed_on if latest else None,
                descriptors.get(competency.competency_id, {}).get(level, "") if level else "",
            )
        )
    target = framework.graduation_target()
    context = {
        "framework": framework,
        "rows": rows,
        "rated": any(row.level for row in rows),
        "grouped": any(row.group for row in rows),
        "described": any(row.descriptor for row in rows),
        "chart": self_rating_chart(histories, levels, target.number if target else None),
        "framework_name": framework.name,
        "assessments": SelfAssessment.objects.for_user(user).count(),
    }
    return render(request, "skills/overview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def framework_page(request: HttpRequest) -> HttpResponse:
    """Choose the framework to work against; each is shown with its issuer, version, licence and levels."""
    user = signed_in_user(request)
    form = FrameworkChoiceForm(request.POST or None, initial={"framework_id": chosen_framework_id(user)})
    if request.method == "POST" and form.is_valid():
        try:
            chosen = framework_choose(user=user, framework_id=form.cleaned_data["framework_id"])
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"You now work against {chosen.name}. Earlier self-assessments keep their own.")
            return redirect("skills:overview")
    options = []
    for option in form["framework_id"]:
        framework = catalog().frameworks[str(option.data["value"])]
        options.append((option, framework, count(len(rateable(framework)), "competency", "competencies")))
    return render(request, "skills/framework.html", {"form": form, "options": options})


@dataclass(frozen=True)
class RatingRow:
    """One competency on the self-assessment form: its radio buttons, each with the person's descriptor."""

    field: Any
    options: list[tuple[Any, str]]
    previous: Any
    previous_label: str


def _previous(competency: CompetencyHistory) -> Any:
    return competency.points[-1] if competency.points else None


@login_required
@require_http_methods(["GET", "POST"])
def assess(request: HttpRequest) -> HttpResponse:
    """Rate each competency of the chosen framework (grouped by parent), with descriptors and the last rating."""
    user = signed_in_user(request)
    framework = _chosen(user)
    today = user_today(user)
    initial: dict[str, Any] = {"assessed_on": today}
    todays = SelfAssessment.objects.for_user(user).filter(framework_id=framework.id, assessed_on=today).first()
    if todays is not None:  # saving again replaces today's: start from what was saved
        initial["note"] = todays.note
        for rating in todays.ratings.all():
            initial[rating_field_name(rating.competency_id)] = str(rating.level)
    form = SelfAssessmentForm(request.POST or None, framework=framework, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = assessment_save(
                user=user,
                framework_id=framework.id,
                ratings=form.ratings(),
                assessed_on=form.cleaned_data["assessed_on"],
                note=form.cleaned_data["note"],
                privacy_confirmed=bool(form.cleaned_data.get(CONFIRM_FIELD)),
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            rated = saved.ratings.count()
            messages.success(
                request, f"Self-assessment of {day(saved.assessed_on)} saved: {count(rated, 'competency', 'competencies')} rated."
            )
            return redirect("skills:overview")
    levels = self_rating_levels(framework)
    descriptors = descriptors_for(user, framework.id)
    earlier = {competency.competency_id: competency for competency in history(user, framework)}
    groups: dict[str, list[RatingRow]] = {}
    parents = _parent_names(framework)
    for competency_id in rateable(framework):
        field = form[rating_field_name(competency_id)]
        own = descriptors.get(competency_id, {})
        options = [(option, own.get(int(option.data["value"]), "") if option.data["value"] else "") for option in field]
        previous = _previous(earlier[competency_id])
        previous_label = levels.get(previous.level, "") if previous else ""
        groups.setdefault(parents.get(competency_id, ""), []).append(RatingRow(field, options, previous, previous_label))
    context = {
        "form": form,
        "framework": framework,
        "groups": list(groups.items()),
        "replacing": todays,
        "has_descriptors": any(descriptors.values()),
        "rating_fields": {rating_field_name(competency_id) for competency_id in rateable(framework)},
    }
    return render(request, "skills/assess.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def assessment_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete one self-assessment (all its ratings with it)."""
    user = signed_in_user(request)
    assessment_delete(user=user, pk=pk)
    messages.success(request, "Self-assessment deleted.")
    return redirect("skills:history")


@login_required
def history_page(request: HttpRequest) -> HttpResponse:
    """Every self-assessment, newest first, with what was rated and a delete button each."""
    user = signed_in_user(request)
    frameworks = catalog().frameworks
    rows = []
    for assessment in assessments_with_ratings(user):
        framework = frameworks.get(assessment.framework_id)
        names = {competency.id: competency.name for competency in framework.competencies} if framework else {}
        levels = self_rating_levels(framework) if framework else {}
        ratings = [
            (names.get(rating.competency_id, rating.competency_id), rating.level, levels.get(rating.level, ""))
            for rating in assessment.ratings.all()
        ]
        rows.append((assessment, framework.name if framework else assessment.framework_id, ratings))
    return render(request, "skills/history.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def descriptors(request: HttpRequest) -> HttpResponse:
    """The person's descriptors for the chosen framework: import a CSV or YAML file, or set one at a time."""
    user = signed_in_user(request)
    framework = _chosen(user)
    which = request.POST.get("form")
    import_form = DescriptorImportForm(
        request.POST if which == "import" else None, request.FILES if which == "import" else None, prefix="i"
    )
    one_form = DescriptorForm(request.POST if which == "one" else None, framework=framework, prefix="d")
    problems = None
    if which == "import" and import_form.is_valid():
        text = uploaded_csv_text(import_form)
        if text is not None:
            try:
                saved = descriptors_import(user=user, framework_id=framework.id, text=text, kind=import_form.kind())
            except RowsRejected as rejected:
                problems = rejected.problems
            except ValidationError as error:
                show_errors(import_form, error)
            else:
                messages.success(request, f"{count(saved, 'descriptor')} imported for {framework.name}.")
                return redirect("skills:descriptors")
    if which == "one" and one_form.is_valid():
        data = one_form.cleaned_data
        try:
            row = descriptor_save(
                user=user, framework_id=framework.id, competency_id=data["competency_id"], level=data["level"], text=data["text"]
            )
        except ValidationError as error:
            show_errors(one_form, error)
        else:
            messages.success(request, "Descriptor saved." if row is not None else "Descriptor removed.")
            return redirect("skills:descriptors")
    names = {competency.id: competency.name for competency in framework.competencies}
    levels = self_rating_levels(framework)
    rows = [
        (names.get(row.competency_id, row.competency_id), row.level, levels.get(row.level, ""), row.text)
        for row in own_descriptors(user, framework.id)
    ]
    context = {
        "framework": framework,
        "import_form": import_form,
        "one_form": one_form,
        "problems": problems,
        "rows": rows,
        "columns": DESCRIPTOR_COLUMNS,
        "competency_ids": [(competency_id, names[competency_id]) for competency_id in rateable(framework)],
    }
    invalid = problems or import_form.errors or one_form.errors
    return render(request, "skills/descriptors.html", context, status=400 if invalid else 200)


def descriptor_sample_rows(framework: Framework) -> list[dict[str, str]]:
    """Two competencies' first two levels in the import's columns, worded as placeholders to overwrite."""
    names = {competency.id: competency.name for competency in framework.competencies}
    rows = []
    for competency_id in rateable(framework)[:2]:
        for level in (1, 2):
            rows.append(
                {
                    "competency": competency_id,
                    "level": str(level),
                    "descriptor": f"Your program's words for {names[competency_id]}, level {level}: what you do, and how often.",
                }
            )
    return rows


@login_required
def descriptors_sample(request: HttpRequest) -> HttpResponse:
    """A sample descriptor file for the chosen framework, CSV (or YAML with ?format=yaml); it imports as it is."""
    framework = _chosen(signed_in_user(request))
    rows = descriptor_sample_rows(framework)
    if request.GET.get("format") == "yaml":
        document = {"framework": framework.id, "descriptors": [{**row, "level": int(row["level"])} for row in rows]}
        text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
        response = HttpResponse(text, content_type="application/yaml; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="medpath-descriptors-{framework.id}.yaml"'
        return response
    return csv_download(sample_csv(DESCRIPTOR_COLUMNS, rows), f"medpath-descriptors-{framework.id}.csv")


urlpatterns: list[URLPattern] = [
    path("skills/", overview, name="overview"),
    path("skills/framework/", framework_page, name="framework"),
    path("skills/assess/", assess, name="assess"),
    path("skills/assessments/<int:pk>/delete/", assessment_delete_view, name="assessment_delete"),
    path("skills/history/", history_page, name="history"),
    path("skills/descriptors/", descriptors, name="descriptors"),
    path("skills/descriptors/sample/download/", descriptors_sample, name="descriptors_sample"),  # a file, not a page
]
