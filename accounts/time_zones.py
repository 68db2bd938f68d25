"""The time-zone menu: common zones first, then every place by region, without the system's
aliases ("US/Eastern", "Asia/Calcutta"), its own names ("Factory", "localtime") or "Etc/…"."""

import re
import zoneinfo
from functools import cache
from pathlib import Path

# Offered first, named by their city: the zones most people live in, and UTC.
COMMON_ZONES = (
    "UTC",
    "America/Los_Angeles",
    "America/Denver",
    "America/Chicago",
    "America/New_York",
    "America/Toronto",
    "America/Mexico_City",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Lisbon",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Rome",
    "Europe/Amsterdam",
    "Europe/Stockholm",
    "Europe/Warsaw",
    "Europe/Athens",
    "Europe/Istanbul",
    "Europe/Moscow",
    "Africa/Lagos",
    "Africa/Cairo",
    "Africa/Johannesburg",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Bangkok",
    "Asia/Singapore",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Perth",
    "Australia/Sydney",
    "Pacific/Auckland",
)
# The regions of the Area/Location names, and what the menu calls them.
REGIONS = {
    "Africa": "Africa",
    "America": "Americas",
    "Antarctica": "Antarctica",
    "Arctic": "Arctic",
    "Asia": "Asia",
    "Atlantic": "Atlantic Ocean",
    "Australia": "Australia",
    "Europe": "Europe",
    "Indian": "Indian Ocean",
    "Pacific": "Pacific Ocean",
}
_AREA_LOCATION = re.compile(rf"(?:{'|'.join(REGIONS)})/[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)?")


def place_name(zone: str) -> str:
    """A zone as a person reads it: "America/Argentina/Buenos_Aires" as "Argentina – Buenos
    Aires"."""
    return zone.partition("/")[2].replace("_", " ").replace("/", " – ") or zone


@cache
def _listed_zones() -> frozenset[str]:
    """The zones of the tz database's zone.tab (one name per place, no aliases) that this
    system knows; where it has no zone.tab, every Area/Location name."""
    known = zoneinfo.available_timezones()
    for folder in zoneinfo.TZPATH:
        table = Path(folder, "zone.tab")
        if table.is_file():
            names = {
                line.split("\t")[2].strip()
                for line in table.read_text(encoding="utf-8").splitlines()
                if line and not line.startswith("#") and line.count("\t") >= 2
            }
            return frozenset(names & known)
    return frozenset(zone for zone in known if _AREA_LOCATION.fullmatch(zone))


def zone_choices(current: str = "") -> list[tuple[str, list[tuple[str, str]]]]:
    """The menu's groups: common zones, then each region's places in alphabetical order; a
    current zone that is not listed (an alias chosen before) comes first, so it stays chosen."""
    listed = _listed_zones()
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    if current and current not in listed and current != "UTC":
        groups.append(("Your zone", [(current, current)]))
    common = [(zone, place_name(zone)) for zone in COMMON_ZONES if zone in listed or zone == "UTC"]
    groups.append(("Common", common))
    by_region: dict[str, list[tuple[str, str]]] = {}
    for zone in sorted(listed, key=place_name):
        by_region.setdefault(zone.partition("/")[0], []).append((zone, place_name(zone)))
    groups += [(label, by_region[area]) for area, label in REGIONS.items() if area in by_region]
    return groups


def is_known_zone(name: str) -> bool:
    """A zone of the menu, or an Area/Location alias the system knows (a browser may report
    "Asia/Calcutta"); never the system's own names ("Factory", "localtime", "Etc/GMT+5")."""
    if name == "UTC" or name in _listed_zones():
        return True
    return _AREA_LOCATION.fullmatch(name) is not None and name in zoneinfo.available_timezones()
