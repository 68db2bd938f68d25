"""Nights and spans of days in plain English words: "12 March 1990", "3 weeks"."""

import datetime as dt

# The interface is in English; "%B" would follow the process's locale, and costs a
# strftime call per date on pages that write hundreds of them.
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def day_words(night: dt.date) -> str:
    """A night as "12 March 1990"."""
    return f"{night.day} {MONTH_NAMES[night.month - 1]} {night.year}"


def span_words(days: int) -> str:
    """A number of days in the unit a person would use: "3 weeks", "5 months", "29 years"."""
    if days < 9 * 7:
        return counted(days // 7, "week")
    if days < 2 * 365:
        return counted(days // 30, "month")
    return counted(days // 365, "year")


def counted(number: int, unit: str) -> str:
    """A number and its unit, plural unless the number is one: "1 night", "3 weeks"."""
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"
