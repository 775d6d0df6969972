"""Loading the campaign plan from ``campaign/data/plan.json`` (idempotent).

The data file is the plan's official text, in Chinese. Loading creates what
is missing and updates what differs, keyed by stable codes; running it again
changes nothing. Items of the service week that recur every year are written
once in the file with month and day and expanded for each listed year.
"""

import datetime as dt
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from campaign.models import Board, BoardUnit, Phase, ScheduleItem, WorkGroup
from organizations.models import GovernmentUnit

logger = logging.getLogger(__name__)

PLAN_FILE = Path(__file__).resolve().parent / "data" / "plan.json"


@dataclass
class LoadStats:
    created: int = 0
    updated: int = 0


def _date(text):
    return dt.date.fromisoformat(text) if text else None


def _sync(model, stats, keys, values):
    """Create the row of ``keys`` or update the fields that differ."""
    obj = model.objects.filter(**keys).first()
    if obj is None:
        stats.created += 1
        return model.objects.create(**keys, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
        stats.updated += 1
    return obj


def read_plan(path=PLAN_FILE):
    with Path(path).open(encoding="utf-8") as file:
        return json.load(file)


@transaction.atomic
def load_plan(path=PLAN_FILE):
    """Write the plan of ``path`` into the database; returns :class:`LoadStats`."""
    plan = read_plan(path)
    stats = LoadStats()
    for phase in plan["phases"]:
        _sync(
            Phase,
            stats,
            {"code": phase["code"]},
            {
                "number": phase["number"],
                "name": phase["name"],
                "starts_on": _date(phase["starts_on"]),
                "ends_on": _date(phase["ends_on"]),
                "aim": phase["aim"],
            },
        )
    for data in plan["boards"]:
        _load_board(data, stats)
    logger.info("plan loaded: %d created, %d updated", stats.created, stats.updated)
    return stats


def _load_board(data, stats):
    board = _sync(
        Board,
        stats,
        {"code": data["code"]},
        {
            "number": data["number"],
            "name": data["name"],
            "content": data["content"],
            "purpose": data["purpose"],
            "window_text": data["window_text"],
            "starts_on": _date(data["starts_on"]),
            "ends_on": _date(data["ends_on"]),
            "rules": data.get("rules", {}),
        },
    )
    for role, units in data["units"].items():
        for order, unit in enumerate(units):
            _sync(
                BoardUnit,
                stats,
                {"board": board, "role": role, "name": unit["name"]},
                {"order": order, "unit": _government_unit(unit, stats)},
            )
    for order, item in enumerate(_items(data)):
        _sync(
            ScheduleItem,
            stats,
            {"board": board, "code": item["code"]},
            {
                "kind": item["kind"],
                "title": item["title"],
                "description": item.get("description", ""),
                "starts_on": _date(item.get("starts_on")),
                "ends_on": _date(item.get("ends_on")),
                "duration_days": item.get("duration_days"),
                "duration_hours": item.get("duration_hours"),
                "order": order,
            },
        )
    for group in data.get("groups", []):
        _sync(
            WorkGroup,
            stats,
            {"board": board, "kind": group["kind"]},
            {"name": group["name"], "duties": group["duties"]},
        )


def _government_unit(unit, stats):
    if "government_kind" not in unit:
        return None
    found = GovernmentUnit.objects.filter(name=unit["name"]).first()
    if found is not None:
        return found
    stats.created += 1
    return GovernmentUnit.objects.create(
        name=unit["name"], kind=unit["government_kind"]
    )


def _items(data):
    yield from data.get("items", [])
    yearly = data.get("yearly")
    if not yearly:
        return
    for year in yearly["years"]:
        for item in yearly["items"]:
            yield {
                **item,
                "code": f"{year}-{item['code']}",
                "title": f"{year}年{item['title']}",
                "starts_on": f"{year}-{item['starts_on']}",
                "ends_on": f"{year}-{item['ends_on']}",
            }
