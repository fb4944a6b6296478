"""Run the daily reminders of every pillar once (deadline e-mails, supervisor reminders, …). Run once a day
from one scheduler; every job records what it sent, so running twice sends nothing twice."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from medpath.deadlines import run_reminder_jobs


class Command(BaseCommand):
    help = "Send reminders of coming deadlines and expiries, once per threshold (safe to run twice)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count what is due without sending or recording.")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write("; ".join(run_reminder_jobs(dry_run=options["dry_run"])) + ".")
