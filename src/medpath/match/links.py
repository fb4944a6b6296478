"""Signed-link purposes of the Match (the platform's link service)."""

from datetime import timedelta

from medpath.accounts.links import on_revoke, register_purpose

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


def _withdrawn(owner: object, link: object) -> None:
    """A withdrawn invitation ends the couple it started, if nobody joined (it would wait for no one)."""
    from medpath.match.models import Couple

    Couple.all_owners.filter(invite_link=link, partner__isnull=True).delete()


on_revoke(COUPLE_INVITE.name, _withdrawn)
