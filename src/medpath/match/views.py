"""Pages of the Match: rank lists with the advisor's checks, a program's page, and simulating a match."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_POST

from medpath.accounts.links import LinkError
from medpath.accounts.models import User
from medpath.accounts.ratelimit import public_page_limit
from medpath.accounts.requests import show_errors, signed_in_user
from medpath.bounds import MAX_FILE_BYTES
from medpath.catalog.loader import catalog
from medpath.match import selectors, services
from medpath.match.advisor import applicant_type_label, couple_rank_problems
from medpath.match.forms import CoupleSettingsForm, InviteForm, PairForm, ProgramForm, RankListForm, SimulateForm
from medpath.match.models import Couple, RankedProgram, RankList
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
        moved = services.program_move(user=user, pk=program.pk, up=request.POST.get("direction") != "down")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{moved.name} is now rank {moved.position}.")
    return redirect(reverse("match:list", kwargs={"pk": program.rank_list_id}) + f"#program-{program.pk}")


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


# --- couples -------------------------------------------------------------------------------------------------------

INVITES_KEY = "match-couple-invites"
PAIR_COLUMNS = (
    Column("Rank", lambda row: row[0]),
    Column("First partner's program", lambda row: row[1]),
    Column("First partner's city", lambda row: row[2]),
    Column("Second partner's program", lambda row: row[3]),
    Column("Second partner's city", lambda row: row[4]),
)
NO_MATCH = "No Match (unmatched)"


def _list_choices(user: User) -> list[tuple[int, str]]:
    return [(rank_list.pk, f"{rank_list.title} ({rank_list.season})") for rank_list in selectors.rank_lists(user)]


@login_required
@require_http_methods(["GET", "POST"])
def couple_index(request: HttpRequest) -> HttpResponse:
    """The couples the person is in, and an invitation for a partner."""
    user = signed_in_user(request)
    choices = _list_choices(user)
    form = InviteForm(request.POST or None, lists=choices)
    if request.method == "POST" and form.is_valid():
        try:
            couple, issued = services.couple_invite(user=user, list_id=form.cleaned_data["rank_list"], request=request)
        except ValidationError as error:
            show_errors(form, error)
        else:
            # Shown once on the next page (reloading it cannot make another invitation).
            request.session[INVITES_KEY] = [*request.session.get(INVITES_KEY, []), {"couple": couple.pk, "url": issued.url}]
            return redirect("match:couples")
    invites = request.session.pop(INVITES_KEY, [])
    response = render(
        request,
        "match/couples.html",
        {"couples": selectors.couples(user), "form": form, "has_lists": bool(choices), "invites": invites, "me": user},
    )
    response["Cache-Control"] = "no-store"
    return response


@public_page_limit("match-couple-invite")
@require_http_methods(["GET", "POST"])
def couple_join(request: HttpRequest, token: str) -> HttpResponse:
    """A partner's invitation: who invites (to anyone holding the link, nothing of their records); once logged in,
    join by choosing the list to share."""
    try:
        couple = services.invitation(token=token, request=request)
    except LinkError as error:
        status = 404 if error.reason == "invalid" else 410
        return render(request, "accounts/link_refused.html", {"message": str(error)}, status=status)
    inviter = couple.owner.full_name or couple.owner.email
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(request.get_full_path())
        return render(request, "match/couple_join.html", {"inviter": inviter, "anonymous": True, "here": request.path})
    user = signed_in_user(request)
    choices = _list_choices(user)
    form = InviteForm(request.POST or None, lists=choices)
    if request.method == "POST" and form.is_valid():
        try:
            joined = services.couple_join(user=user, token=token, list_id=form.cleaned_data["rank_list"], request=request)
        except LinkError as error:
            return render(request, "accounts/link_refused.html", {"message": str(error)}, status=410)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "You joined: build your paired list together.")
            return redirect("match:couple", pk=joined.pk)
    mine = couple.owner_id == user.pk
    return render(request, "match/couple_join.html", {"form": form, "inviter": inviter, "mine": mine, "has_lists": bool(choices)})


def _program_label(program: RankedProgram | None) -> str:
    if program is None:
        return NO_MATCH
    return f"{program.position}. {program.name}" + (f", {program.city}" if program.city else "")


def _couple_page(
    request: HttpRequest,
    couple: Couple,
    *,
    settings_form: CoupleSettingsForm | None = None,
    pair_form: PairForm | None = None,
) -> HttpResponse:
    user = signed_in_user(request)
    first, second = selectors.couple_sides(user, couple)
    rows = selectors.pairs(couple)
    table = [
        (
            row.position,
            row.owner_program.name if row.owner_program else NO_MATCH,
            row.owner_program.city if row.owner_program else "",
            row.partner_program.name if row.partner_program else NO_MATCH,
            row.partner_program.city if row.partner_program else "",
        )
        for row in rows
    ]
    fmt = download_format(request)
    if fmt:
        return table_download(fmt, name="paired-list", columns=PAIR_COLUMNS, rows=table, today=user_today(user))
    mine = couple.owner_list if couple.owner_id == user.pk else couple.partner_list
    if settings_form is None:
        initial = {"rank_list": mine.pk if mine else None, "policy": couple.policy, "unmatched": couple.unmatched}
        settings_form = CoupleSettingsForm(initial=initial, lists=_list_choices(user))
    if pair_form is None:
        pair_form = PairForm(
            first=[(p.pk, _program_label(p)) for p in first.programs],
            second=[(p.pk, _program_label(p)) for p in second.programs],
        )
    facts = selectors.facts()
    sources = catalog().sources
    advice = couple_rank_problems(facts, len(rows))
    return render(
        request,
        "match/couple.html",
        {
            "couple": couple,
            "first": first,
            "second": second,
            "rows": [(row, _program_label(row.owner_program), _program_label(row.partner_program)) for row in rows],
            "settings_form": settings_form,
            "pair_form": pair_form,
            "advice": [(item, sources.get(item.source)) for item in advice],
            "quotes": [(facts.quote(i), sources[facts.quote(i).source]) for i in ("couples-pairs", "couples-not-separately")],
            "limit": facts.couple_max_ranks.value,
            "downloads": download_links(request),
        },
    )


@login_required
def couple_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A couple: both shared lists, the pairing policy, and the paired list to build, edit, reorder and download."""
    return _couple_page(request, selectors.couple_for(signed_in_user(request), pk))


@login_required
@require_POST
def couple_settings(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    couple = selectors.couple_for(user, pk)
    form = CoupleSettingsForm(request.POST, lists=_list_choices(user))
    if form.is_valid():
        try:
            services.couple_update(
                user=user,
                pk=couple.pk,
                list_id=form.cleaned_data["rank_list"],
                policy=form.cleaned_data["policy"],
                unmatched=form.cleaned_data["unmatched"],
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Saved. Build the paired list again to apply the policy.")
            return redirect("match:couple", pk=couple.pk)
    return _couple_page(request, couple, settings_form=form)


@login_required
@require_POST
def couple_build(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    couple = selectors.couple_for(user, pk)
    try:
        made, cut = services.couple_build(user=user, pk=couple.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        note = f" {cut} more were left out: NRMP takes at most {selectors.facts().couple_max_ranks.value}." if cut else ""
        messages.success(request, f"Paired list built: {made} pairs.{note}")
    return redirect("match:couple", pk=couple.pk)


@login_required
@require_POST
def pair_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    couple = selectors.couple_for(user, pk)
    first, second = selectors.couple_sides(user, couple)
    form = PairForm(
        request.POST,
        first=[(p.pk, _program_label(p)) for p in first.programs],
        second=[(p.pk, _program_label(p)) for p in second.programs],
    )
    if form.is_valid():
        try:
            services.pair_add(
                user=user, pk=couple.pk, first=form.cleaned_data["first"] or None, second=form.cleaned_data["second"] or None
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, "Pair added at the end.")
            return redirect("match:couple", pk=couple.pk)
    return _couple_page(request, couple, pair_form=form)


@login_required
@require_POST
def pair_move(request: HttpRequest, pk: int) -> HttpResponse:
    couple = services.pair_move(user=signed_in_user(request), pk=pk, up=request.POST.get("direction") != "down")
    moved = next((row for row in selectors.pairs(couple) if row.pk == pk), None)
    if moved is not None:
        messages.success(request, f"The pair is now rank {moved.position}.")
    return redirect(reverse("match:couple", kwargs={"pk": couple.pk}) + f"#pair-{pk}")


@login_required
@require_POST
def pair_delete(request: HttpRequest, pk: int) -> HttpResponse:
    couple = services.pair_delete(user=signed_in_user(request), pk=pk)
    messages.success(request, "Pair removed.")
    return redirect("match:couple", pk=couple.pk)


@login_required
@require_POST
def couple_leave(request: HttpRequest, pk: int) -> HttpResponse:
    services.couple_leave(user=signed_in_user(request), pk=pk)
    messages.success(request, "The couple and its paired list are deleted; your own lists stay.")
    return redirect("match:couples")


urlpatterns += [
    path("match/couples/", couple_index, name="couples"),
    path("match/couples/join/<str:token>/", couple_join, name="couple_join"),
    path("match/couples/<int:pk>/", couple_detail, name="couple"),
    path("match/couples/<int:pk>/settings/", couple_settings, name="couple_settings"),
    path("match/couples/<int:pk>/build/", couple_build, name="couple_build"),
    path("match/couples/<int:pk>/pairs/add/", pair_add, name="pair_add"),
    path("match/couples/<int:pk>/leave/", couple_leave, name="couple_leave"),
    path("match/pairs/<int:pk>/move/", pair_move, name="pair_move"),
    path("match/pairs/<int:pk>/delete/", pair_delete, name="pair_delete"),
]
