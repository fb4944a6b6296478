"""Send due reminders (90, 60, 30 and 7 days before each deadline) and remind supervisors of pending
verifications near their link's expiry. Run once a day from one scheduler."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from medpath.experience.reminders import remind_supervisors
from medpath.learning.reminders import send_reminders


class Command(BaseCommand):
    help = "Send reminders of coming deadlines and expiries, once per threshold (safe to run twice)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count what is due without sending or recording.")

    def handle(self, *args: Any, **options: Any) -> None:
        count = send_reminders(dry_run=options["dry_run"])
        supervisors = remind_supervisors(dry_run=options["dry_run"])
        verb = "due" if options["dry_run"] else "sent or recorded"
        self.stdout.write(f"{count} reminder(s) {verb}; {supervisors} supervisor reminder(s) {verb}.")
