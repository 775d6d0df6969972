"""Importing property companies from .xlsx, all rows or none.

As with estates, the whole file is checked first and refused with every
problem listed, or imported in one transaction with audit entries.
"""

import logging
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.permissions import can
from common import audit
from common.errors import NotAllowed
from common.validators import normalize_credit_code, validate_credit_code
from common.xlsx import Problem, commit_checked, read_checked
from organizations.models import PropertyCompany
from places.models import ImportBatch

logger = logging.getLogger(__name__)

NAME = "企业名称"
CREDIT_CODE = "统一社会信用代码"
PHONE = "联系电话"
HEADER = [NAME, CREDIT_CODE, PHONE]
EXPORT_HEADER = [*HEADER, "服务小区数"]
COLUMN_NOTES = {
    NAME: gettext_lazy("Required."),
    CREDIT_CODE: gettext_lazy(
        "Required: 18 characters, digits and capital letters (GB 32100)."
    ),
    PHONE: gettext_lazy("Optional."),
}
PHONE_RE = re.compile(r"[0-9+\- ]{5,20}")


def _check_row(number, row, *, existing, seen, problems):
    before = len(problems)

    def problem(column, reason):
        problems.append(Problem(number, column, reason))

    name = row.get(NAME, "")
    if not name:
        problem(NAME, _("The company name is missing."))
    elif len(name) > PropertyCompany._meta.get_field("name").max_length:
        problem(NAME, _("This text is too long."))

    code = normalize_credit_code(row.get(CREDIT_CODE, ""))
    try:
        validate_credit_code(code)
    except ValidationError as error:
        problem(CREDIT_CODE, " ".join(error.messages))
    else:
        if code in existing:
            problem(CREDIT_CODE, _("A company with this credit code is registered."))
        elif code in seen:
            problem(
                CREDIT_CODE,
                _("The same credit code is already on row %(row)d of this file.")
                % {"row": seen[code]},
            )
        else:
            seen[code] = number

    phone = row.get(PHONE, "")
    if phone and not PHONE_RE.fullmatch(phone):
        problem(PHONE, _("Enter a telephone number, e.g. 0592-1234567."))
    values = {"name": name, "credit_code": code, "contact_phone": phone}
    return values if len(problems) == before else None


def import_companies(file, *, actor, file_name=""):
    """Check the whole file, then import every company or none.

    Raises :class:`~common.xlsx.ImportRefused` with every problem and writes
    nothing; otherwise creates the companies in one transaction, one audit
    entry each and one for the import. Returns the :class:`ImportBatch`.
    """
    if not can(actor, "organizations.import_companies"):
        raise NotAllowed()
    rows = read_checked(file, HEADER)
    existing = set(PropertyCompany.objects.values_list("credit_code", flat=True))
    problems, seen, checked = [], {}, []
    for number, row in rows:
        checked.append(
            _check_row(number, row, existing=existing, seen=seen, problems=problems)
        )
    batch = commit_checked(
        problems, lambda: _write(checked, actor=actor, file_name=file_name)
    )
    logger.info("companies imported: %d rows (batch %d)", batch.rows, batch.pk)
    return batch


@transaction.atomic
def _write(checked, *, actor, file_name):
    batch = ImportBatch.objects.create(
        kind=ImportBatch.Kind.COMPANIES,
        file_name=file_name[:200],
        rows=len(checked),
        actor=actor,
    )
    for values in checked:
        company = PropertyCompany.objects.create(**values)
        audit.record(
            "organizations.company.import",
            company,
            actor=actor,
            after={"batch": batch.pk, "credit_code": company.credit_code},
        )
    audit.record(
        "organizations.companies.import",
        batch,
        actor=actor,
        after={"file": batch.file_name, "rows": batch.rows},
    )
    return batch


def export_rows(companies):
    for company in companies:
        yield [
            company.name,
            company.credit_code,
            company.contact_phone,
            company.estate_count,
        ]
