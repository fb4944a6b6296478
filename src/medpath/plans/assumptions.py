"""Planning assumptions: labelled settings, not facts about the world.

Where the catalog gives no sourced duration for an exam, licence or certification,
the planner allows this much time for it (preparing, sitting, waiting for results
or the board's decision). Pages and JSON mark such dates as resting on an assumption.
"""

from __future__ import annotations

# months allowed, by stage kind, when the catalog has no sourced duration
STAGE_ALLOWANCE_MONTHS: dict[str, tuple[float, float]] = {
    "admission_exam": (1.0, 3.0),
    "licensing_exam": (1.0, 2.0),
    "certification_exam": (1.0, 2.0),
    "licence": (1.0, 2.0),
    "certification": (1.0, 3.0),
}

# The default stretch of part-time study: a user setting, shown and changeable on the roadmap.
DEFAULT_PART_TIME_FACTOR = 1.5

# A programme of whole academic years ends with the spring term, before the anniversary of its start that its
# length in months points at: four years from August end in May, before 1 July. A calendar start (residency's
# 1 July) at most this many days before that nominal end is reached: an allowance for the summer, not a catalog fact.
ACADEMIC_SUMMER_DAYS = 92
