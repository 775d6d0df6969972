"""The service week's models, one module per part of the board."""

from serviceweek.models.basic import (
    ActionPhoto,
    DayOneAction,
    StandardItem,
    StandardList,
)
from serviceweek.models.booking import Order, Package, QuotaUse, Slot, Team, TeamShift
from serviceweek.models.care import CarePairing, CareRecipient, CareVisit, PartyMember
from serviceweek.models.feedback import FollowUp, Rating, SurveyResponse
from serviceweek.models.market import Booth
from serviceweek.models.week import Agreement, ServiceWeek, ThemeDay, WeekPhase

__all__ = [
    "ActionPhoto",
    "Agreement",
    "Booth",
    "CarePairing",
    "CareRecipient",
    "CareVisit",
    "DayOneAction",
    "FollowUp",
    "Order",
    "Package",
    "PartyMember",
    "QuotaUse",
    "Rating",
    "ServiceWeek",
    "Slot",
    "StandardItem",
    "StandardList",
    "SurveyResponse",
    "Team",
    "TeamShift",
    "ThemeDay",
    "WeekPhase",
]
