"""Sending e-mail through Django's configured backend (console, SMTP, …)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage

logger = logging.getLogger("medpath.email")


def send_email(*, to: str, subject: str, body: str) -> None:
    """Send one plain-text e-mail; the subject and body must carry no health content."""
    message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to])
    message.send(fail_silently=False)
    logger.info("e-mail sent: %s", subject)
