"""Signed-link purposes of the Match (the platform's link service)."""

from datetime import timedelta

from medpath.accounts.links import register_purpose

# An invitation to match as a couple: single-use, opened by the partner once logged in; it shows who invites and
# nothing of their records until the partner joins. Listed on the inviter's Shared links page, where it can be
# revoked.
COUPLE_INVITE = register_purpose(
    "match-couple-invite",
    route="match:couple_join",
    label="Invitation to build a couple's paired rank list",
    max_lifetime=timedelta(days=30),
)
INVITE_LIFETIME = timedelta(days=14)
