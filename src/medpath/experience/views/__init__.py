"""Pages of the experience pillar, one module per subdomain: the log and its totals (``log``), supervisors'
verification (``verification``), hour targets (``hour_targets``), the procedure log (``procedure_log``) and
shifts with the work-hour report (``work_hours``). Every page and helper is importable from here, as the
URLs do (``views.overview``).

The hour-targets page offers the targets of the careers the roadmap aims at: that one-way use of the Education
pillar is declared in pyproject.toml for this module, so the selector is imported here, once.
"""

from medpath.experience.views.hour_targets import target_delete, targets
from medpath.experience.views.log import (
    entries_import,
    entries_import_sample,
    entry_delete,
    entry_detail,
    entry_edit,
    entry_list,
    entry_new,
    overview,
)
from medpath.experience.views.procedure_log import (
    procedure_delete,
    procedure_edit,
    procedure_new,
    procedure_target_delete,
    procedure_target_new,
    procedures,
)
from medpath.experience.views.verification import SENT_KEY, verification_list, verification_new, verification_withdraw, verify
from medpath.experience.views.work_hours import (
    finding_rows,
    hours,
    hours_import,
    hours_import_sample,
    hours_report,
    hours_settings,
    rule_labels,
    shift_delete,
    shift_list,
)

__all__ = [
    "SENT_KEY",
    "entries_import",
    "entries_import_sample",
    "entry_delete",
    "entry_detail",
    "entry_edit",
    "entry_list",
    "entry_new",
    "finding_rows",
    "hours",
    "hours_import",
    "hours_import_sample",
    "hours_report",
    "hours_settings",
    "overview",
    "procedure_delete",
    "procedure_edit",
    "procedure_new",
    "procedure_target_delete",
    "procedure_target_new",
    "procedures",
    "rule_labels",
    "shift_delete",
    "shift_list",
    "target_delete",
    "targets",
    "verification_list",
    "verification_new",
    "verification_withdraw",
    "verify",
]
