"""What the person's own archive download holds of the private pillars, read from the real downloads (page and API):
wellbeing check-ins ARE in it (the one file they may appear in); feedback comments and the raters' addresses are NOT."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from medpath.accounts.tokens import token_create
from medpath.skills.models import FeedbackRater, FeedbackRequest
from medpath.skills.services.feedback import RaterIn, feedback_request_create
from medpath.usertime import user_today
from medpath.wellbeing.services import checkin_save

pytestmark = pytest.mark.django_db

NOTE = "ZEBRAFINCH private note"
COMMENT = "Dr Kim here: great week"
RATERS = ("kim.rater@example.org", "lopez.rater@example.org", "osei.rater@example.org")


def _unzipped(response: Any) -> str:
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as bundle:
        return " ".join(f"{name} {bundle.read(name).decode('utf-8', 'replace')}" for name in bundle.namelist())


def test_the_downloads_hold_the_check_ins_and_no_feedback_comment_or_rater(alice: Any, alice_client: Any) -> None:
    checkin_save(
        user=alice,
        day=user_today(alice),
        mood=1,
        energy=2,
        stress=5,
        burnout=4,
        sleep_hours=Decimal("13.5"),
        note=NOTE,
        privacy_confirmed=True,
    )
    feedback_request_create(
        user=alice,
        title="Night float",
        raters=[RaterIn(RATERS[0], "nurse"), RaterIn(RATERS[1], "peer"), RaterIn(RATERS[2], "supervisor")],
        send=False,
    )
    assert FeedbackRater.all_owners.filter(owner=alice).count() == 3
    FeedbackRequest.all_owners.filter(owner=alice).update(comments=[COMMENT])
    token = token_create(owner=alice, name="backup").raw
    downloads = {
        "page": _unzipped(alice_client.get(reverse("archive:download"))),
        "API": _unzipped(Client().get("/api/v1/archive", HTTP_AUTHORIZATION=f"Bearer {token}")),
    }
    for where, text in downloads.items():
        assert "records/wellbeing.checkin.json" in text, where
        assert NOTE in text, where
        assert '"sleep_hours": "13.5"' in text, where
        assert "Night float" in text, where  # the request travels (its counters only)
        assert "Dr Kim" not in text, where
        for address in RATERS:
            assert address not in text, where
        assert "skills.feedbackrater" not in text, where
