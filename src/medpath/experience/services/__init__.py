"""Writing the experience pillar's records, one module per subdomain: the log (``log``), supervisors'
verification (``verification``), hour targets (``hour_targets``) and the procedure log (``procedure_log``);
shifts and work hours are written by ``medpath.experience.shifts``.

Every function takes the acting user and touches only that user's rows; the
supervisor's answer, which comes through a signed link without an account, is
the one path that finds its rows from the link (``verification_answer``).
Callers import this package (``from medpath.experience import services``); every
public name of the modules is here.
"""

from medpath.experience.services.entries_import import EntriesRejected, entries_import
from medpath.experience.services.hour_targets import target_delete, target_save
from medpath.experience.services.log import (
    CENT,
    ENTRY_FIELDS,
    ENTRY_GUARDED,
    FIRST_DATE,
    LAST_DATE,
    MAX_TAG_LENGTH,
    MAX_TAGS,
    clean_tags,
    entry_delete,
    entry_save,
    hours_between,
    hours_text,
    local_span,
    lock_entries,
)
from medpath.experience.services.procedure_log import (
    PROCEDURE_FIELDS,
    PROCEDURE_GUARDED,
    category_choices,
    procedure_delete,
    procedure_save,
    procedure_target_delete,
    procedure_target_save,
)
from medpath.experience.services.verification import (
    DEFAULT_LINK_DAYS,
    MAX_LINK_DAYS,
    OpenRequest,
    SentEntry,
    SentRequest,
    email_supervisor,
    release_lapsed,
    verification_answer,
    verification_open,
    verification_request,
    verification_withdraw,
)

__all__ = [
    "CENT",
    "DEFAULT_LINK_DAYS",
    "ENTRY_FIELDS",
    "ENTRY_GUARDED",
    "FIRST_DATE",
    "LAST_DATE",
    "MAX_LINK_DAYS",
    "MAX_TAGS",
    "MAX_TAG_LENGTH",
    "PROCEDURE_FIELDS",
    "PROCEDURE_GUARDED",
    "EntriesRejected",
    "OpenRequest",
    "SentEntry",
    "SentRequest",
    "category_choices",
    "clean_tags",
    "email_supervisor",
    "entries_import",
    "entry_delete",
    "entry_save",
    "hours_between",
    "hours_text",
    "local_span",
    "lock_entries",
    "procedure_delete",
    "procedure_save",
    "procedure_target_delete",
    "procedure_target_save",
    "release_lapsed",
    "target_delete",
    "target_save",
    "verification_answer",
    "verification_open",
    "verification_request",
    "verification_withdraw",
]
