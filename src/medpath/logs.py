"""Log filters. Wellbeing is seen by the person alone, so not even the path of a wellbeing page reaches a log: a
"Not Found: /wellbeing/check-ins/12/delete" warning would tell whoever reads the server's logs that someone keeps
check-ins. Paths under the private prefixes are cut to the prefix."""

from __future__ import annotations

import logging
import re

PRIVATE_PATH = re.compile(r"(/(?:api/v\d+/)?wellbeing)(?:/[^\s\"']*)?")


class PrivatePaths(logging.Filter):
    """Rewrites a record whose message names a private path: ``/wellbeing/…`` and ``/api/v1/wellbeing/…`` become
    ``/wellbeing/[private]``; the record is kept (its level and logger still say what happened)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "wellbeing" in message:
            cut = PRIVATE_PATH.sub(r"\1/[private]", message)
            if cut != message:
                record.msg, record.args = cut, ()
        return True
