"""Signed-link purposes of the experience pillar (the platform's link service)."""

from datetime import timedelta
from typing import Any

from medpath.accounts.links import on_revoke, register_purpose

VERIFY = register_purpose(
    "experience-verification",
    route="experience:verify",
    label="Supervisor verification link",
    max_lifetime=timedelta(days=90),
)


def _release(owner: Any, link: Any) -> None:
    """A supervisor link revoked on the Shared links page releases its entries at once."""
    from medpath.experience.services import release_lapsed

    release_lapsed(owner)


on_revoke(VERIFY.name, _release)
