"""Signed-link purposes of the experience pillar (the platform's link service)."""

from datetime import timedelta

from medpath.accounts.links import register_purpose

VERIFY = register_purpose(
    "experience-verification",
    route="experience:verify",
    label="Supervisor verification link",
    max_lifetime=timedelta(days=90),
)
