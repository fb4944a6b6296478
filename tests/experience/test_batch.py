"""Checking a file on several worker processes finds exactly what one process finds."""

from datetime import datetime, timedelta

import pytest

from medpath.experience import batch
from medpath.experience.schedule import ScheduleRejected
from medpath.experience.standards import default_settings, limits


def _schedule(residents: int) -> str:
    """Four weeks per resident; resident n works 10 + n % 4 hours a day, six or seven days a week."""
    rows = ["resident,start,end,kind,pgy"]
    first = datetime.fromisoformat("2026-03-02T06:00:00-05:00")
    for n in range(residents):
        for day in range(28):
            if n % 2 and day % 7 == 6:
                continue
            start = first + timedelta(days=day)
            rows.append(f"dr-{n},{start.isoformat()},{(start + timedelta(hours=10 + n % 4)).isoformat()},clinical,{1 + n % 3}")
        rows.append(
            f"dr-{n},{(first + timedelta(days=2, hours=11 + n % 4)).isoformat()},"
            f"{(first + timedelta(days=2, hours=15 + n % 4)).isoformat()},moonlighting,{1 + n % 3}"
        )
    return "\n".join(rows) + "\n"


@pytest.fixture
def always_parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork workers even for a small file."""
    monkeypatch.setattr(batch, "PARALLEL_FROM_BYTES", 0)


@pytest.mark.usefixtures("always_parallel")
def test_workers_agree_with_one_process() -> None:
    """Same violations, advisories, warnings, weekly totals and notes, in the same order."""
    text = _schedule(12)

    one = batch.check_text(text, None, limits(), default_settings(), workers=1)
    three = batch.check_text(text, None, limits(), default_settings(), workers=3)

    assert one.violations, "the seeded schedule should break some rule"
    assert three.violations == one.violations
    assert three.advisories == one.advisories
    assert three.warnings == one.warnings
    assert three.weekly_hours == one.weekly_hours
    assert three.notes == one.notes


@pytest.mark.usefixtures("always_parallel")
def test_workers_report_every_bad_row_in_line_order() -> None:
    """Bad rows of residents that fall to different workers are all reported, sorted by line."""
    rows = [f"dr-{n},2026-03-02T07:00:00,2026-03-02T19:00:00-05:00,clinical" for n in range(8)]
    rows.append(",2026-03-02T07:00:00-05:00,2026-03-02T19:00:00-05:00,clinical")
    text = "resident,start,end,kind\n" + "\n".join(rows) + "\n"

    with pytest.raises(ScheduleRejected) as rejected:
        batch.check_text(text, None, limits(), default_settings(), workers=2)

    problems = [(p.line, p.field) for p in rejected.value.problems]
    assert problems == [*((line, "start") for line in range(2, 10)), (10, "resident")]
