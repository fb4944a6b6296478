"""Pages of verification: asking a supervisor, the requests and their answers, and the supervisor's own page
(opened with the signed link, no account needed)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from medpath import config
from medpath.accounts import links
from medpath.accounts.ratelimit import public_page_limit
from medpath.accounts.requests import show_errors, signed_in_user
from medpath.experience import forms, services
from medpath.experience.selectors import entries_open_to_verify, verification_requests
from medpath.usertime import user_zone
from medpath.wording import day_time

SENT_KEY = "experience.sent_link"


@login_required
@require_http_methods(["GET", "POST"])
def verification_new(request: HttpRequest) -> HttpResponse:
    """Ask a supervisor to confirm entries; shows the link once, e-mailed or to copy."""
    user = signed_in_user(request)
    open_entries = entries_open_to_verify(user)
    chosen = [int(pk) for pk in request.GET.getlist("entry") if pk.isdigit()]
    chosen_entries = [e for e in open_entries if e.pk in chosen]
    first = chosen_entries[0] if chosen_entries else None
    initial = {
        "entry_ids": chosen,
        "supervisor_email": first.supervisor_email if first else "",
        "supervisor_name": first.supervisor_name if first else "",
        "days": services.DEFAULT_LINK_DAYS,
        "send": True,
    }
    form = forms.VerificationRequestForm(request.POST or None, entries=open_entries, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sent = services.verification_request(
                user=user,
                entry_ids=data["entry_ids"],
                supervisor_email=data["supervisor_email"],
                supervisor_name=data["supervisor_name"],
                days=data["days"],
                send=data["send"],
                request=request,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            # Shown once on the next page (reloading it cannot send the request again).
            waiting = request.session.get(SENT_KEY, [])
            request.session[SENT_KEY] = [
                *waiting,
                {
                    "email": sent.request.supervisor_email,
                    "url": sent.url,
                    "emailed": sent.emailed,
                    "error": sent.email_error,
                    "expires": f"{day_time(expires := sent.request.link.expires_at.astimezone(user_zone(user)))} {expires:%Z}",
                    "loopback": config.is_loopback_url(sent.url),
                },
            ]
            return redirect("experience:verifications")
    return render(request, "experience/verification_new.html", {"form": form})


@login_required
def verification_list(request: HttpRequest) -> HttpResponse:
    """The user's verification requests and their answers."""
    user = signed_in_user(request)
    requests = verification_requests(user)
    shown = request.session.pop(SENT_KEY, [])
    response = render(request, "experience/verification_list.html", {"requests": requests, "sent_links": shown})
    response["Cache-Control"] = "no-store"  # the page may show live links: never keep it in a cache or history
    return response


@login_required
@require_POST
def verification_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw a request: its link stops working."""
    services.verification_withdraw(user=signed_in_user(request), pk=pk, request=request)
    messages.success(request, "Request withdrawn; its link no longer works.")
    return redirect("experience:verifications")


@public_page_limit("experience-verify")
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, token: str) -> HttpResponse:
    """The supervisor's page, opened with the signed link: confirm or decline each entry (no account needed)."""
    try:
        opened = services.verification_open(token=token, request=request)
    except links.LinkError as error:
        status = 404 if error.reason == "invalid" else 410
        return render(request, "accounts/link_refused.html", {"message": str(error)}, status=status)
    item_ids = [item.pk for item in opened.answerable]
    form = forms.AnswerForm(request.POST or None, item_ids=item_ids, initial={"name": opened.request.supervisor_name})
    if request.method == "POST" and form.is_valid():
        try:
            answered = services.verification_answer(
                token=token, answers=form.answers(), name=form.cleaned_data["name"], request=request
            )
        except links.LinkError as error:
            return render(request, "accounts/link_refused.html", {"message": str(error)}, status=410)
        except ValidationError as error:
            show_errors(form, error)
        else:
            return render(request, "experience/verify_done.html", {"opened": answered})
    rows = [
        (item, sent, form[f"decision_{item.pk}"], form[f"comment_{item.pk}"]) if item.pk in item_ids else (item, sent, None, None)
        for item, sent in opened.rows
    ]
    return render(request, "experience/verify.html", {"opened": opened, "form": form, "rows": rows})
