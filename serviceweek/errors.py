"""What a resident, partner or official is told when the service week refuses."""

from django.utils.translation import gettext_lazy as _

from common.errors import Conflict, DomainError, NotAllowed


class SlotFull(Conflict):
    code = "slot_full"
    default_message = _("This time slot is fully booked; please choose another.")


class TeamFull(Conflict):
    code = "team_full"
    default_message = _(
        "The service team has no capacity left at this time; please choose another."
    )


class QuotaUsed(Conflict):
    code = "quota_used"
    default_message = _("Your household has used up its free orders of this service.")


class SlotStarted(Conflict):
    code = "slot_started"
    default_message = _("This time slot has already begun and cannot be booked.")


class NotServed(DomainError):
    code = "not_served"
    default_message = _("This service is not offered where you live.")


class NoHousehold(DomainError):
    code = "no_household"
    default_message = _(
        "Your account is not linked to a home yet; add your home on the Me page."
    )


class NotForHousehold(NotAllowed):
    code = "not_for_household"
    default_message = _("You may only book for households of your own estates.")


class CancelTooLate(Conflict):
    code = "cancel_too_late"

    def __init__(self, hours):
        super().__init__(
            _("An order can be cancelled only up to %(hours)s hours before its slot.")
            % {"hours": hours}
        )


class WorkerNotInTeam(DomainError):
    code = "worker_not_in_team"
    default_message = _("This person is not a worker of the delivering team.")


class ReasonRequired(DomainError):
    code = "reason_required"
    default_message = _("Please give a reason.")


class AlreadyRated(Conflict):
    code = "already_rated"
    default_message = _("This order has been rated already.")


class NotRatable(Conflict):
    code = "not_ratable"
    default_message = _("An order can be rated once its service is completed.")


class ScoreOutOfRange(DomainError):
    code = "score_out_of_range"
    default_message = _("Each score is a whole number from 1 to 5.")


class SurveyClosed(Conflict):
    code = "survey_closed"
    default_message = _("The satisfaction survey is open from 7/7 to 7/12.")


class SurveyAnswered(Conflict):
    code = "survey_answered"
    default_message = _("Your household has answered the survey already.")


class PriceAboveList(DomainError):
    code = "price_above_list"
    default_message = _("The red discount price may not exceed the list price.")


class ConsentRequired(DomainError):
    code = "consent_required"
    default_message = _("Registration needs the person's recorded consent.")


class NameRequired(DomainError):
    code = "name_required"
    default_message = _("Please enter a name.")


class TeamExists(Conflict):
    code = "team_exists"
    default_message = _("You have a team of this name already.")


class CapacityTooSmall(DomainError):
    code = "capacity_too_small"
    default_message = _("A capacity is a whole number of at least 1.")


class TeamNotOwn(NotAllowed):
    code = "team_not_own"
    default_message = _("The delivering team must be one of your own teams.")


class UnitUnknown(DomainError):
    code = "unit_unknown"
    default_message = _("Please choose a charging unit: 台, ㎡ or 次.")


class QuotaTooSmall(DomainError):
    code = "quota_too_small"
    default_message = _("A free quota is a whole number of at least 1.")


class SlotTimesOrdered(DomainError):
    code = "slot_times_ordered"
    default_message = _("A time slot must end after it starts.")


class SlotInPast(DomainError):
    code = "slot_in_past"
    default_message = _("A new time slot must start in the future.")


class SlotExists(Conflict):
    code = "slot_exists"
    default_message = _("The package has a time slot starting at this time already.")


class TeamFixed(Conflict):
    code = "team_fixed"
    default_message = _(
        "The delivering team cannot change once the package has time slots."
    )


class ZoneUnknown(DomainError):
    code = "zone_unknown"
    default_message = _("Please choose one of the four market zones.")


class BoothHoursOrdered(DomainError):
    code = "booth_hours_ordered"
    default_message = _("A booth must close after it opens.")


class FieldRequired(DomainError):
    code = "required"

    def __init__(self, field, label):
        message = _("Please fill in %(field)s.") % {"field": label}
        super().__init__(message, fields={field: [message]})


class MemberNotOfCompany(DomainError):
    code = "member_not_of_company"
    default_message = _(
        "The party member must work for the property company of the household's estate."
    )


class CareKindUnknown(DomainError):
    code = "care_kind_unknown"
    default_message = _(
        "Please choose the kind of care: a resident aged 60+ living alone, or a "
        "family with a disabled member."
    )


class BirthYearImpossible(DomainError):
    code = "birth_year_impossible"

    def __init__(self, latest):
        message = _("Enter a real year of birth, from 1900 to %(year)s.") % {
            "year": latest
        }
        super().__init__(message, fields={"birth_year": [message]})


class TooYoungForElderlyCare(DomainError):
    code = "too_young_for_elderly_care"

    def __init__(self, latest):
        message = _(
            "A resident aged 60+ living alone must be born in %(year)s or earlier."
        ) % {"year": latest}
        super().__init__(message, fields={"birth_year": [message]})
