"""Delete security events and login throttles older than a retention period, and expired pending sign-ups (run
daily from the scheduler)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from medpath.accounts.models import AuditEvent, LoginThrottle, RateLimitBucket
from medpath.accounts.signup import signup_prune


class Command(BaseCommand):
    help = "Delete audit events older than --days (default 365), stale login throttles and expired pending sign-ups."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=365, help="Keep this many days of security events.")

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        if days < 1:
            self.stderr.write("--days must be at least 1")
            raise SystemExit(2)
        cutoff = timezone.now() - timedelta(days=days)
        # A reviewed system job: it reads across all users on purpose.
        events, _ = AuditEvent.all_owners.filter(created_at__lt=cutoff).delete()
        throttles, _ = LoginThrottle.objects.filter(window_started_at__lt=timezone.now() - timedelta(days=1)).delete()
        RateLimitBucket.objects.filter(window_started_at__lt=timezone.now() - timedelta(days=1)).delete()
        pending = signup_prune()
        self.stdout.write(
            f"Deleted {events} audit events older than {days} days, {throttles} stale login throttles "
            f"and {pending} expired pending sign-ups."
        )
