"""Importing estates from the housing bureau's .xlsx register.

The whole file is checked first; if any row has a problem nothing is
imported and every problem is listed with its row, column and reason.
Otherwise all rows are written in one transaction, with one audit entry for
the import and one for each estate it created.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.permissions import can, scope_of
from common import audit
from common.errors import NotAllowed
from common.validators import normalize_credit_code, validate_credit_code
from common.xlsx import (
    Problem,
    commit_checked,
    parse_count,
    parse_date,
    read_checked,
)
from organizations.models import OwnersCommittee, PropertyCompany
from places.models import Community, Estate, ImportBatch, Subdistrict

logger = logging.getLogger(__name__)

NAME = "小区名称"
ADDRESS = "地址"
COMMUNITY = "所属社区（名称或代码）"
HOUSEHOLDS = "户数"
BUILDINGS = "楼栋数"
COMPANY = "物业服务企业统一社会信用代码"
CONTRACT_START = "合同开始日期"
CONTRACT_END = "合同结束日期"
COMMITTEE = "业主组织（业委会/临时物管会/无）"
COMMITTEE_FORMED = "业主组织成立日期"

HEADER = [
    NAME,
    ADDRESS,
    COMMUNITY,
    HOUSEHOLDS,
    BUILDINGS,
    COMPANY,
    CONTRACT_START,
    CONTRACT_END,
    COMMITTEE,
    COMMITTEE_FORMED,
]
# What the import page says about each column.
COLUMN_NOTES = {
    NAME: gettext_lazy("Required."),
    ADDRESS: gettext_lazy("Required."),
    COMMUNITY: gettext_lazy(
        "Required: the 12-digit community code, or the community's name "
        "(with or without 居委会)."
    ),
    HOUSEHOLDS: gettext_lazy("Required: a whole number."),
    BUILDINGS: gettext_lazy("Required: a whole number."),
    COMPANY: gettext_lazy(
        "Optional: 18 characters; the company must be registered already."
    ),
    CONTRACT_START: gettext_lazy("Optional: a date such as 2024-01-01."),
    CONTRACT_END: gettext_lazy("Optional: a date such as 2024-01-01."),
    COMMITTEE: gettext_lazy("业委会, 临时物管会 or 无 (empty means 无)."),
    COMMITTEE_FORMED: gettext_lazy("Required when there is a committee: a date."),
}
COMMITTEE_KINDS = {
    "业委会": OwnersCommittee.Kind.OWNERS,
    "业主委员会": OwnersCommittee.Kind.OWNERS,
    "临时物管会": OwnersCommittee.Kind.TEMPORARY,
    "临时物业管理委员会": OwnersCommittee.Kind.TEMPORARY,
    "无": None,
    "": None,
}
COMMUNITY_SUFFIXES = ("", "居委会", "居民委员会", "村委会", "村民委员会")


def community_in_scope(user, community):
    """Whether ``user`` may place an estate in ``community``."""
    scope = scope_of(user)
    return (
        scope.city
        or community.subdistrict.district_id in scope.district_ids
        or community.subdistrict_id in scope.subdistrict_ids
    )


class _Lookup:
    """Communities, companies and estates the file refers to, read once."""

    def __init__(self):
        communities = list(
            Community.objects.exclude(
                subdistrict__kind=Subdistrict.Kind.SPECIAL
            ).select_related("subdistrict")
        )
        self.by_code = {c.code: c for c in communities}
        self.by_name = {}
        for community in communities:
            self.by_name.setdefault(community.name, []).append(community)
        self.companies = {c.credit_code: c for c in PropertyCompany.objects.all()}
        self.existing = set(Estate.objects.values_list("community_id", "name"))

    def communities(self, text):
        """Communities called or coded ``text`` ("鸿山社区" finds "鸿山社区居委会")."""
        if text in self.by_code:
            return [self.by_code[text]]
        for suffix in COMMUNITY_SUFFIXES:
            if text + suffix in self.by_name:
                return self.by_name[text + suffix]
        return []


class _RowCheck:
    """The checks of one row; ``values`` are kept, ``problems`` appended."""

    def __init__(self, number, row, problems):
        self.number, self.row, self.problems = number, row, problems
        self.values = {}
        self.before = len(problems)

    def problem(self, column, reason):
        self.problems.append(Problem(self.number, column, reason))

    @property
    def ok(self):
        return len(self.problems) == self.before

    def text(self, column, field, missing):
        value = self.row.get(column, "")
        if not value:
            self.problem(column, missing)
        elif len(value) > Estate._meta.get_field(field).max_length:
            self.problem(column, _("This text is too long."))
        self.values[field] = value

    def community(self, lookup, user):
        text = self.row.get(COMMUNITY, "")
        found = lookup.communities(text)
        if not text:
            self.problem(COMMUNITY, _("The community is missing."))
        elif not found:
            self.problem(COMMUNITY, _("No community of Xiamen has this name or code."))
        elif len(found) > 1:
            self.problem(
                COMMUNITY,
                _("Several communities have this name; please give the code."),
            )
        elif not community_in_scope(user, found[0]):
            self.problem(COMMUNITY, _("This community lies outside your area."))
        else:
            self.values["community"] = found[0]

    def count(self, column, field):
        try:
            self.values[field] = parse_count(self.row.get(column, ""))
        except ValueError:
            self.problem(column, _("Enter a whole number, e.g. 680."))

    def date(self, column, field):
        try:
            self.values[field] = parse_date(self.row.get(column, ""))
        except ValueError:
            self.problem(column, _("Enter a date such as 2025-07-01."))

    def company(self, lookup):
        code = normalize_credit_code(self.row.get(COMPANY, ""))
        self.values["company"] = None
        if not code:
            return
        try:
            validate_credit_code(code)
        except ValidationError as error:
            self.problem(COMPANY, " ".join(error.messages))
            return
        if code not in lookup.companies:
            self.problem(
                COMPANY, _("No property company has this credit code; import it first.")
            )
        else:
            self.values["company"] = lookup.companies[code]

    def contract(self):
        self.date(CONTRACT_START, "contract_start")
        self.date(CONTRACT_END, "contract_end")
        start = self.values.get("contract_start")
        end = self.values.get("contract_end")
        if start and end and end < start:
            self.problem(CONTRACT_END, _("The contract ends before it starts."))

    def committee(self):
        kind_text = self.row.get(COMMITTEE, "")
        if kind_text not in COMMITTEE_KINDS:
            self.problem(COMMITTEE, _("Write 业委会, 临时物管会 or 无."))
        self.values["committee_kind"] = COMMITTEE_KINDS.get(kind_text)
        self.date(COMMITTEE_FORMED, "committee_formed")
        if self.values["committee_kind"] and not self.values.get("committee_formed"):
            self.problem(COMMITTEE_FORMED, _("Give the date the committee was formed."))

    def unique(self, lookup, seen):
        if "community" not in self.values or not self.values["name"]:
            return
        key = (self.values["community"].pk, self.values["name"])
        if key in lookup.existing:
            self.problem(
                NAME, _("This estate is already registered in this community.")
            )
        elif key in seen:
            self.problem(
                NAME,
                _("The same estate is already on row %(row)d of this file.")
                % {"row": seen[key]},
            )
        else:
            seen[key] = self.number


def _check_row(number, row, *, user, lookup, seen, problems):
    """The estate values of one row, or ``None`` with its problems appended."""
    check = _RowCheck(number, row, problems)
    check.text(NAME, "name", _("The estate name is missing."))
    check.text(ADDRESS, "address", _("The address is missing."))
    check.community(lookup, user)
    check.count(HOUSEHOLDS, "households")
    check.count(BUILDINGS, "buildings")
    check.company(lookup)
    check.contract()
    check.committee()
    check.unique(lookup, seen)
    return check.values if check.ok else None


def import_estates(file, *, actor, file_name=""):
    """Check the whole file, then import every row or none.

    Raises :class:`~common.xlsx.ImportRefused` listing every problem, with
    nothing written. On success the estates (and their committees) are
    created in one transaction, each with an audit entry, and one more entry
    records the import itself. Returns the :class:`ImportBatch`.
    """
    if not can(actor, "places.import_estates"):
        raise NotAllowed()
    rows = read_checked(file, HEADER)
    lookup = _Lookup()
    problems, seen, checked = [], {}, []
    for number, row in rows:
        values = _check_row(
            number, row, user=actor, lookup=lookup, seen=seen, problems=problems
        )
        checked.append(values)
    batch = commit_checked(
        problems, lambda: _write(checked, actor=actor, file_name=file_name)
    )
    logger.info("estates imported: %d rows (batch %d)", batch.rows, batch.pk)
    return batch


@transaction.atomic
def _write(checked, *, actor, file_name):
    batch = ImportBatch.objects.create(
        kind=ImportBatch.Kind.ESTATES,
        file_name=file_name[:200],
        rows=len(checked),
        actor=actor,
    )
    for values in checked:
        _create_estate(values, actor=actor, batch=batch)
    audit.record(
        "places.estates.import",
        batch,
        actor=actor,
        after={"file": batch.file_name, "rows": batch.rows},
    )
    return batch


def _create_estate(values, *, actor, batch):
    committee_kind = values.pop("committee_kind")
    committee_formed = values.pop("committee_formed")
    estate = Estate.objects.create(**values)
    if committee_kind:
        OwnersCommittee.objects.create(
            estate=estate, kind=committee_kind, formed_on=committee_formed
        )
    audit.record(
        "places.estate.import",
        estate,
        actor=actor,
        after={
            "batch": batch.pk,
            "households": estate.households,
            "buildings": estate.buildings,
            "company": str(estate.company or ""),
        },
    )


def export_rows(estates):
    """Rows of the export: the import's columns, then district and subdistrict."""
    for estate in estates:
        committee = getattr(estate, "committee", None)
        yield [
            estate.name,
            estate.address,
            estate.community.code,
            estate.households,
            estate.buildings,
            estate.company.credit_code if estate.company else "",
            estate.contract_start,
            estate.contract_end,
            _committee_text(committee),
            committee.formed_on if committee else None,
            estate.community.name,
            estate.subdistrict.name,
            estate.district.name,
            estate.company.name if estate.company else "",
        ]


def _committee_text(committee):
    if committee is None:
        return "无"
    return "业委会" if committee.kind == OwnersCommittee.Kind.OWNERS else "临时物管会"


EXPORT_HEADER = [*HEADER, "社区名称", "镇街", "区", "物业服务企业名称"]
