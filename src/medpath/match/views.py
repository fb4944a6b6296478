"""Pages of the Match: rank lists with the advisor's checks, a program's page, and simulating a match."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from medpath.accounts.requests import show_errors, signed_in_user
from medpath.bounds import MAX_FILE_BYTES
from medpath.catalog.loader import catalog
from medpath.match import selectors, services
from medpath.match.advisor import applicant_type_label
from medpath.match.forms import ProgramForm, RankListForm, SimulateForm
from medpath.match.models import RankedProgram, RankList
from medpath.scoping import get_owned
from medpath.tables import Column, download_format, download_links, table_download
from medpath.usertime import user_today

app_name = "match"

PROGRAM_COLUMNS = (
    Column("Rank", lambda p: p.position if p.ranked else None),
    Column("Program", lambda p: p.name),
    Column("Specialty", lambda p: p.specialty),
    Column("City", lambda p: p.city),
    Column("State or region", lambda p: p.region),
    Column("On the list", lambda p: "yes" if p.ranked else "no (left off)"),
    Column("Notes", lambda p: p.notes),
)


@login_required
@require_http_methods(["GET", "POST"])
def list_index(request: HttpRequest) -> HttpResponse:
    """The person's rank lists, and a form to start one."""
    user = signed_in_user(request)
    form = RankListForm(request.POST or None, initial={"season": user_today(user).year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            rank_list = services.list_create(user=user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"“{rank_list.title}” started: add the programs you would rank.")
            return redirect("match:list", pk=rank_list.pk)
    return render(request, "match/lists.html", {"lists": selectors.rank_lists(user), "form": form})


def _list_page(
    request: HttpRequest,
    rank_list: RankList,
    *,
    add_form: ProgramForm | None = None,
    change_form: RankListForm | None = None,
) -> HttpResponse:
    user = signed_in_user(request)
    rows = selectors.programs(user, rank_list)
    fmt = download_format(request)
    if fmt:
        return table_download(
            fmt, name=f"rank-list-{rank_list.season}", columns=PROGRAM_COLUMNS, rows=rows, today=user_today(user)
        )
    report = selectors.report(user, rank_list, rows)
    sources = catalog().sources
    return render(
        request,
        "match/list.html",
        {
            "rank_list": rank_list,
            "ranked": [p for p in rows if p.ranked],
            "left_off": [p for p in rows if not p.ranked],
            "report": report,
            "advice": [(item, sources.get(item.source)) for item in report.advice],
            "rates": [(rate, applicant_type_label(rate.applicant_type), sources[rate.source]) for rate in report.match_rates],
            "lengths": [
                (length, applicant_type_label(length.applicant_type), sources[length.source]) for length in report.list_lengths
            ],
            "missing": [(item, sources[item.where]) for item in report.missing],
            "add_form": add_form or ProgramForm(initial={"ranked": True}),
            "change_form": change_form
            or RankListForm(
                initial={"title": rank_list.title, "season": rank_list.season, "applicant_type": rank_list.applicant_type}
            ),
            "downloads": download_links(request),
        },
    )


@login_required
def list_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A rank list: its programs in order (move, edit, leave off), the advisor's checks, and adding programs."""
    return _list_page(request, get_owned(RankList, signed_in_user(request), pk=pk))


@login_required
@require_POST
def list_change(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    rank_list = get_owned(RankList, user, pk=pk)
    form = RankListForm(request.POST)
    if form.is_valid():
        try:
            services.list_update(user=user, pk=rank_list.pk, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "List saved.")
            return redirect("match:list", pk=rank_list.pk)
    return _list_page(request, rank_list, change_form=form)


@login_required
@require_POST
def list_delete(request: HttpRequest, pk: int) -> HttpResponse:
    services.list_delete(user=signed_in_user(request), pk=pk)
    messages.success(request, "List deleted.")
    return redirect("match:lists")


@login_required
@require_POST
def program_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    rank_list = get_owned(RankList, user, pk=pk)
    form = ProgramForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            program = services.program_add(user=user, list_id=rank_list.pk, **data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            where = f"ranked {program.position}" if program.ranked else "kept, left off the list"
            messages.success(request, f"{program.name} added ({where}).")
            return redirect("match:list", pk=rank_list.pk)
    return _list_page(request, rank_list, add_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def program_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    program = get_owned(RankedProgram, user, pk=pk)
    initial = {
        "name": program.name,
        "specialty": program.specialty,
        "city": program.city,
        "region": program.region,
        "notes": program.notes,
        "ranked": program.ranked,
    }
    form = ProgramForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.program_update(user=user, pk=program.pk, **data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{form.cleaned_data['name']} saved.")
            return redirect("match:list", pk=program.rank_list_id)
    return render(request, "match/program_form.html", {"form": form, "program": program, "rank_list": program.rank_list})


@login_required
@require_POST
def program_move(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    program = get_owned(RankedProgram, user, pk=pk)
    try:
        services.program_move(user=user, pk=program.pk, up=request.POST.get("direction") != "down")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("match:list", pk=program.rank_list_id)


@login_required
@require_POST
def program_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    program = get_owned(RankedProgram, user, pk=pk)
    services.program_delete(user=user, pk=program.pk)
    messages.success(request, f"{program.name} removed.")
    return redirect("match:list", pk=program.rank_list_id)


@login_required
@require_http_methods(["GET", "POST"])
def simulate(request: HttpRequest) -> HttpResponse:
    """Upload an instance (applicants, programs, capacities, couples) and see the matching; nothing is stored."""
    from medpath.match.engine import answer, solve
    from medpath.match.instance import InstanceError, loads

    form = SimulateForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"form": form, "limit_mb": MAX_FILE_BYTES // (1024 * 1024)}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["instance"]
        if upload.size > MAX_FILE_BYTES:
            form.add_error(
                "instance",
                f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; run larger instances with medpath match run.",
            )
        else:
            try:
                instance = loads(upload.read(MAX_FILE_BYTES + 1))
            except InstanceError as error:
                form.add_error("instance", "The instance cannot be matched; nothing was run.")
                context["instance_errors"] = error.errors[:50]
                context["more_errors"] = max(0, len(error.errors) - 50)
            else:
                seed = form.cleaned_data.get("seed") or 0
                result = solve(instance, seed=seed)
                body = answer(instance, result)
                if form.cleaned_data.get("download"):
                    response = HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/json")
                    response["Content-Disposition"] = 'attachment; filename="medpath-match-answer.json"'
                    response["Cache-Control"] = "no-store"
                    return response
                stats = body["statistics"]
                context.update(
                    {
                        "body": body,
                        "stats": stats,
                        "seed": seed,
                        "singles_by_rank": list(stats["singles_by_rank"].items())[:10],
                        "rows": list(body["matching"].items())[:200],
                        "more_rows": max(0, len(body["matching"]) - 200),
                        "blocking": body["blocking"][:50],
                    }
                )
    return render(request, "match/simulate.html", context)


urlpatterns = [
    path("match/", list_index, name="lists"),
    path("match/lists/<int:pk>/", list_detail, name="list"),
    path("match/lists/<int:pk>/change/", list_change, name="list_change"),
    path("match/lists/<int:pk>/delete/", list_delete, name="list_delete"),
    path("match/lists/<int:pk>/programs/add/", program_add, name="program_add"),
    path("match/programs/<int:pk>/", program_edit, name="program"),
    path("match/programs/<int:pk>/move/", program_move, name="program_move"),
    path("match/programs/<int:pk>/delete/", program_delete, name="program_delete"),
    path("match/simulate/", simulate, name="simulate"),
]
