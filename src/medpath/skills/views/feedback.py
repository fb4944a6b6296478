"""Pages of multi-source feedback: the requester's list, new request and results; the rater's page (opened with
the signed link, no account needed).

What the requester can see is decided by ``services.feedback.feedback_state``; these pages show nothing else.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from medpath import config
from medpath.accounts import links
from medpath.accounts.ratelimit import public_page_limit
from medpath.accounts.requests import show_errors, signed_in_user
from medpath.catalog.loader import catalog
from medpath.scoping import get_owned
from medpath.skills.forms.feedback import MORE_RATER_ROWS, RATER_ROWS, FeedbackAnswerForm, FeedbackRequestForm
from medpath.skills.models import FeedbackRequest, RaterRole
from medpath.skills.results import competency_results, results_view
from medpath.skills.services import feedback as services
from medpath.usertime import user_today


@login_required
def feedback_list(request: HttpRequest) -> HttpResponse:
    """The person's feedback requests: open ones with how many answered, closed ones with their results' state."""
    user = signed_in_user(request)
    states = [services.feedback_state(user, row) for row in services.feedback_requests(user)]
    return render(
        request,
        "skills/feedback_list.html",
        {"states": states, "minimum": services.minimum_answers(), "open": any(not s.closed for s in states)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def feedback_new(request: HttpRequest) -> HttpResponse:
    """Ask colleagues for anonymous feedback: the links are e-mailed to them, never shown here."""
    user = signed_in_user(request)
    today = user_today(user)
    rows = MORE_RATER_ROWS if request.GET.get("rows") == str(MORE_RATER_ROWS) else RATER_ROWS
    initial = {"closes_on": today + timedelta(days=services.DEFAULT_OPEN_DAYS)}
    form = FeedbackRequestForm(request.POST or None, rows=rows, today=today, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.feedback_request_create(
                user=user,
                title=form.cleaned_data["title"],
                closes_on=form.cleaned_data["closes_on"],
                raters=form.raters(),
                request=request,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            if sent.not_emailed:
                messages.warning(
                    request,
                    f"{sent.not_emailed} of {sent.emailed + sent.not_emailed} e-mails could not be sent. "
                    "Use “Send the e-mails again” once the mail server works.",
                )
            else:
                messages.success(request, f"Sent to {sent.emailed} colleagues. Results appear after the last day.")
            return redirect("skills:feedback_detail", sent.request.pk)
    instrument = catalog().instruments[services.DEFAULT_INSTRUMENT]
    return render(
        request,
        "skills/feedback_new.html",
        {
            "form": form,
            "instrument": instrument,
            "minimum": services.minimum_answers(),
            "roles": RaterRole.choices,
            "more_rows": rows < MORE_RATER_ROWS,
            "more_rows_count": MORE_RATER_ROWS,
            "loopback": config.is_loopback_url(settings.MEDPATH_BASE_URL),
        },
    )


@login_required
def feedback_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One request: while open, how many answered; once closed, the released results beside the self-assessment."""
    user = signed_in_user(request)
    sent = get_owned(FeedbackRequest, user, pk=pk)
    state = services.feedback_state(user, sent)
    context = {"state": state, "minimum": sent.minimum_answers}
    if state.state == "released":
        context["results"] = results_view(sent, state)
        context["by_competency"] = competency_results(user, sent, state)
        context["comments"] = services.shuffled_comments(sent)
    response = render(request, "skills/feedback_detail.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def feedback_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close a request now."""
    sent = services.feedback_close(user=signed_in_user(request), pk=pk)
    if sent.withheld:
        messages.warning(request, "Closed with too few answers: they were discarded unread, as every colleague was promised.")
    else:
        messages.success(request, "Closed: the results are below.")
    return redirect("skills:feedback_detail", pk)


@login_required
@require_POST
def feedback_resend(request: HttpRequest, pk: int) -> HttpResponse:
    """E-mail every colleague of an open request their link again."""
    user = signed_in_user(request)
    try:
        count = services.feedback_resend(user=user, pk=pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if count:
            messages.success(request, f"E-mailed {count} colleagues again (all of them: who answered stays unknown).")
        else:
            messages.error(request, "The e-mails could not be sent (the mail server did not answer). Try again later.")
    return redirect("skills:feedback_detail", pk)


@login_required
@require_POST
def feedback_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a request and everything of it."""
    services.feedback_delete(user=signed_in_user(request), pk=pk)
    messages.success(request, "Feedback request deleted, with its answers and links.")
    return redirect("skills:feedback_list")


@public_page_limit("skills-feedback")
@require_http_methods(["GET", "POST"])
def feedback_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The colleague's page: score each statement, add comments, send once. No account needed."""
    try:
        opened = services.feedback_open(token=token, request=request)
    except links.LinkError as error:
        status = 404 if error.reason == "invalid" else 410
        return render(request, "accounts/link_refused.html", {"message": str(error)}, status=status)
    if request.user.is_authenticated and request.user.pk == opened.request.owner_id:
        message = "This link is for the colleague it was sent to. You cannot answer your own feedback request."
        return render(request, "accounts/link_refused.html", {"message": message}, status=403)
    form = FeedbackAnswerForm(request.POST or None, instrument=opened.instrument)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_answer(
                token=token,
                scores=form.scores(),
                comments=form.comments(),
                privacy_confirmed=True,  # the form's own guard has run (and asked, when it found something)
                request=request,
            )
        except links.LinkError as error:
            return render(request, "accounts/link_refused.html", {"message": str(error)}, status=410)
        except ValidationError as error:
            show_errors(form, error)
        else:
            return render(request, "skills/feedback_thanks.html", {"requester": opened.requester})
    statements = [form[f"item_{item.id}"] for item in opened.instrument.items]
    comments = [form[name] for name in form.comment_fields]
    response = render(
        request,
        "skills/feedback_answer.html",
        {"opened": opened, "form": form, "statements": statements, "comments": comments},
    )
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [
    path("skills/feedback/", feedback_list, name="feedback_list"),
    path("skills/feedback/new/", feedback_new, name="feedback_new"),
    path("skills/feedback/<int:pk>/", feedback_detail, name="feedback_detail"),
    path("skills/feedback/<int:pk>/close/", feedback_close, name="feedback_close"),
    path("skills/feedback/<int:pk>/resend/", feedback_resend, name="feedback_resend"),
    path("skills/feedback/<int:pk>/delete/", feedback_delete, name="feedback_delete"),
    path("skills/feedback/answer/<str:token>/", feedback_answer, name="feedback_answer"),
]
