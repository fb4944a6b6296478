"""An entry waits on one verification request at most (a partial unique constraint).

Before it can be created, rows left by the race this closes are settled as the
service would have: of several pending items for one entry the newest stays and
the older are withdrawn; items still pending on an entry already answered are
withdrawn; a request left with nothing pending has its link revoked.
"""

from django.db import migrations, models
from django.utils import timezone


def settle_duplicates(apps, schema_editor):
    Item = apps.get_model("experience", "VerificationItem")
    Link = apps.get_model("accounts", "SignedLink")
    now = timezone.now()
    touched = set()
    newest = {}
    for item in Item._default_manager.filter(decision="pending").select_related("entry").order_by("entry_id", "-request__created_at", "-id"):
        if item.entry.verification in {"verified", "declined"} or item.entry_id in newest:
            Item._default_manager.filter(pk=item.pk).update(decision="withdrawn", decided_at=now)
            touched.add(item.request_id)
        else:
            newest[item.entry_id] = item.pk
    Request = apps.get_model("experience", "VerificationRequest")
    for request_id in touched:
        if not Item._default_manager.filter(request_id=request_id, decision="pending").exists():
            link_id = Request._default_manager.filter(pk=request_id).values_list("link_id", flat=True).get()
            Link._default_manager.filter(pk=link_id, revoked_at__isnull=True).update(revoked_at=now)

class Migration(migrations.Migration):
    dependencies = [
        ("experience", "0001_initial"),
        ("accounts", "0004_rate_limits_and_verification_events"),
    ]

    operations = [
        migrations.RunPython(settle_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="verificationitem",
            constraint=models.UniqueConstraint(
                condition=models.Q(("decision", "pending")), fields=("entry",), name="verification_item_one_pending"
            ),
        ),
    ]
