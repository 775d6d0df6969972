"""Sample complaints of the demonstration estates, marked "（示例）"."""

from complaints import handling
from complaints.defaults import ensure_defaults
from complaints.enums import Category, Outcome, State
from complaints.services import submit_complaint
from places.models import Estate

SAMPLES = [
    (
        "sample-complaint-1",
        Category.REPAIR,
        "2号楼楼道灯不亮已三天。（示例）",
        "routed",
    ),
    (
        "sample-complaint-2",
        Category.CLEANING,
        "垃圾桶满溢未及时清运。（示例）",
        "responded",
    ),
    (
        "sample-complaint-3",
        Category.ELEVATOR,
        "1号楼电梯运行异响。（示例）",
        "resolved",
    ),
    (
        "sample-complaint-4",
        Category.PARKING,
        "消防通道被私家车占用。（示例）",
        "confirmed",
    ),
]


def _advance(complaint, target, *, staff, resident):
    if target == "routed":
        return
    handling.respond_to_complaint(complaint, actor=staff, text="已收到，正在安排处理。")
    if target == "responded":
        return
    handling.resolve_complaint(complaint, actor=staff, text="已处理完毕，请确认。")
    if target == "resolved":
        return
    handling.confirm_complaint(complaint, actor=resident)
    handling.rate_complaint(complaint, actor=resident, score=5, comment="处理及时")


def seed(people):
    ensure_defaults()
    resident, staff = people.get("resident"), people.get("company_admin")
    if resident is None or staff is None or resident.household_id is None:
        return
    estate = resident.household.estate
    for key, category, text, target in SAMPLES:
        complaint, created = submit_complaint(
            estate,
            actor=resident,
            category=category,
            description=text,
            idempotency_key=key,
        )
        if created:
            _advance(complaint, target, staff=staff, resident=resident)
    _seed_unserved_estate(people)


def _seed_unserved_estate(people):
    """A hotline complaint about the estate without a company, for its subdistrict."""
    officer, caller = people.get("subdistrict"), people.get("resident2")
    estate = Estate.objects.filter(is_sample=True, company__isnull=True).first()
    if officer is None or caller is None or estate is None:
        return
    complaint, created = submit_complaint(
        estate,
        actor=officer,
        complainant=caller,
        category=Category.OTHER,
        description="无物业小区门口垃圾堆积，来电反映。（示例）",
        idempotency_key="sample-complaint-5",
    )
    if created and complaint.state == State.ROUTED:
        handling.close_complaint(
            complaint,
            actor=officer,
            outcome=Outcome.NOT_OURS,
            reason="属市政环卫职责，已转市政部门。（示例）",
        )
