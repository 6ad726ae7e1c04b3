"""Business-day arithmetic on the Mexico City calendar, for the first-response deadline.

Pure: no ORM, no settings. Business days are Monday to Friday except Mexico's statutory rest
days (Ley Federal del Trabajo, art. 74): 1 January, the first Monday of February, the third
Monday of March, 1 May, 16 September, the third Monday of November, 25 December, and
1 October of the years a federal executive takes office (every six years since 2024).
"""

import datetime
import zoneinfo
from functools import cache


def _nth_monday(year: int, month: int, n: int) -> datetime.date:
    first = datetime.date(year, month, 1)
    offset = (7 - first.weekday()) % 7  # days to the first Monday
    return first + datetime.timedelta(days=offset + 7 * (n - 1))


@cache
def mexican_holidays(year: int) -> frozenset[datetime.date]:
    days = {
        datetime.date(year, 1, 1),
        _nth_monday(year, 2, 1),
        _nth_monday(year, 3, 3),
        datetime.date(year, 5, 1),
        datetime.date(year, 9, 16),
        _nth_monday(year, 11, 3),
        datetime.date(year, 12, 25),
    }
    if year >= 2024 and (year - 2024) % 6 == 0:
        days.add(datetime.date(year, 10, 1))
    return frozenset(days)


def is_business_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in mexican_holidays(day.year)


def add_business_days(
    start: datetime.datetime, days: int, tz: str = "America/Mexico_City"
) -> datetime.datetime:
    """The moment `days` business days after `start`, at the same local time in `tz`.

    A start on a weekend or holiday counts from the beginning (00:00) of the next business
    day: an enquiry sent on Saturday with a 2-day deadline is due on Wednesday at 00:00.
    Local times are rebuilt from the calendar day, so daylight-saving changes do not shift
    the hour. Returns an aware datetime in `tz`."""
    zone = zoneinfo.ZoneInfo(tz)
    local = start.astimezone(zone)
    day, clock = local.date(), local.time().replace(tzinfo=None)
    if not is_business_day(day):
        while not is_business_day(day):
            day += datetime.timedelta(days=1)
        clock = datetime.time(0, 0)
    remaining = days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_business_day(day):
            remaining -= 1
    return datetime.datetime.combine(day, clock, tzinfo=zone)
