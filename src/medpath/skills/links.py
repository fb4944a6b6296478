"""Signed-link purposes of the soft-skills pillar (the platform's link service)."""

from datetime import timedelta

from medpath.accounts.links import register_purpose

# A rater's link: single-use, expiring when the request closes, never listed to the requester and audited
# without owner or address, so nothing tells the requester which colleague answered, or when.
FEEDBACK = register_purpose(
    "skills-feedback",
    route="skills:feedback_answer",
    label="Feedback link to a colleague",
    max_lifetime=timedelta(days=62),
    listed=False,
    anonymous=True,
)

# A mentor's read-only view of a chosen snapshot: listed on the Shared links page, where it can be revoked.
MENTOR = register_purpose(
    "skills-mentor-share",
    route="skills:mentor_view",
    label="Soft-skills snapshot shared with a mentor",
    max_lifetime=timedelta(days=180),
)
