"""Routes anyone may open without an account. Reviewed: add a route here only on purpose.

Every other page route and API operation must have a test in which an outsider
is refused (see tests/route_coverage.py).
"""

PUBLIC_ROUTES: dict[str, str] = {
    "/": "a visitor sees what MedPath is, with log-in and sign-up links (no one's data); a user gets the dashboard",
    "/healthz": "health check for load balancers; reveals no data",
    "/accounts/signup/": "asking for an account; answers the same whether the address has one",
    "/accounts/signup/<str:token>/": "opened with the signed, single-use, expiring link e-mailed at sign-up",
    "/accounts/login/": "logging in",
    "/accounts/login/verify/": "second login step; only works for a session that passed the password step",
    "/accounts/logout/": "ending one's own session",
    "/accounts/password-reset/": "asking for a reset link; answers the same whether the address exists",
    "/accounts/password-reset/<str:token>/": "opened with a signed single-use link",
    "/careers/": "the career catalog is public reference data (a visitor sees no one's private careers)",
    "/careers/compare/": "comparison of public catalog careers",
    "/careers/<slug:career_id>/": "a public catalog career; another user's private career answers 404 (tested)",
    "/plan/calendar/<str:token>.ics": "opened with a signed, revocable calendar link",
    "/learning/calendar/<str:token>.ics": "opened with a signed, revocable deadlines calendar link",
    "/network/events/calendar/<str:token>.ics": "opened with a signed, revocable calendar link to upcoming events",
    "/portfolio/calendar/<str:token>.ics": "opened with a signed, revocable link to one calendar of the pillars its owner chose",
    "/learning/unsubscribe/<str:token>/": "opened with the signed link in a reminder e-mail; only stops e-mails",
    "/experience/verify/<str:token>/": "opened with a signed, single-use, rate-limited supervisor verification link",
    "/skills/feedback/answer/<str:token>/": "a colleague's anonymous answer, opened with a signed, single-use, "
    "expiring, rate-limited link",
    "/skills/shared/<str:token>/": "a mentor's read-only snapshot, opened with a signed, expiring, revocable, rate-limited link",
    "/match/couples/join/<str:token>/": "opened with a signed, single-use, expiring, revocable, rate-limited couple "
    "invitation: shows who invites and nothing of their records; joining needs a login",
    "/wellbeing/support/": "crisis and support lines are public catalog data (no one's records): a person in "
    "difficulty should not need to log in to find a number",
    "/api/v1/": "the API's root; points to its documentation",
    "/api/v1/openapi.json": "the API's schema",
    "/api/v1/docs": "the API's documentation page",
}
