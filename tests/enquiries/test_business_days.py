import datetime
import zoneinfo

import pytest

from enquiries.business_days import add_business_days, is_business_day, mexican_holidays

MX = zoneinfo.ZoneInfo("America/Mexico_City")


def at(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=MX)


def test_mexican_statutory_holidays_follow_the_labour_law():
    assert mexican_holidays(2026) == {
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 2),  # first Monday of February
        datetime.date(2026, 3, 16),  # third Monday of March
        datetime.date(2026, 5, 1),
        datetime.date(2026, 9, 16),
        datetime.date(2026, 11, 16),  # third Monday of November
        datetime.date(2026, 12, 25),
    }
    assert datetime.date(2030, 10, 1) in mexican_holidays(2030)
    assert datetime.date(2031, 10, 1) not in mexican_holidays(2031)


def test_weekends_and_holidays_are_not_business_days():
    assert is_business_day(datetime.date(2026, 11, 27))  # Friday
    assert not is_business_day(datetime.date(2026, 11, 28))  # Saturday
    assert not is_business_day(datetime.date(2026, 11, 16))  # Revolution Day (Monday)


@pytest.mark.parametrize(
    ("start", "due"),
    [
        # Tuesday 10:00 -> Thursday 10:00
        (at(2026, 11, 24, 10, 0), at(2026, 11, 26, 10, 0)),
        # Friday 15:00 -> Tuesday 15:00 (the weekend does not count)
        (at(2026, 11, 27, 15, 0), at(2026, 12, 1, 15, 0)),
        # Saturday -> counts from Monday 00:00 -> Wednesday 00:00
        (at(2026, 11, 28, 11, 0), at(2026, 12, 2, 0, 0)),
        # Friday before Revolution Day (Monday 16 Nov 2026) -> Wednesday
        (at(2026, 11, 13, 9, 30), at(2026, 11, 18, 9, 30)),
        # Christmas Eve (Thursday): Christmas and the weekend skipped -> Tuesday 29 Dec
        (at(2026, 12, 24, 12, 0), at(2026, 12, 29, 12, 0)),
    ],
)
def test_two_business_days_later_on_the_mexico_city_calendar(start, due):
    assert add_business_days(start, 2) == due


def test_a_utc_start_is_read_on_the_mexico_city_calendar():
    # Saturday 03:00 UTC is still Friday 21:00 in Mexico City: due Tuesday 21:00 local.
    start = datetime.datetime(2026, 11, 28, 3, 0, tzinfo=datetime.UTC)
    assert add_business_days(start, 2) == at(2026, 12, 1, 21, 0)
