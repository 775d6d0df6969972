from django.core.management.base import BaseCommand

from accounts.roles import Role
from accounts.sample import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Create the sample organisations, estates and one account per role."

    def handle(self, *args, **options):
        people = seed_demo()
        self.stdout.write(f"\n示例账号（密码均为 {DEMO_PASSWORD}）/ sample accounts:")
        for person in people:
            roles = "、".join(str(a.get_role_display()) for a in person.roles.all())
            mobile = f"  手机 {person.mobile}" if person.mobile else ""
            note = _care_note(person)
            self.stdout.write(
                f"  {person.username:<15} {person.full_name}  {roles}{note}{mobile}"
            )
        self.stdout.write(
            "住户可用手机号获取验证码登录（验证码写在服务日志中）；工作人员用账号和密码登录。"
        )


def _care_note(person):
    """Who among the sample accounts may register care households: only a
    party member (``serviceweek.PartyMember``), which the party committee
    officer is not."""
    if getattr(person, "party_member", None) is not None:
        return "（党员，可预登记关爱对象）"
    if person.roles.filter(role=Role.PARTY_COMMITTEE_OFFICER).exists():
        return "（党委工作人员，未登记为党员，不能预登记关爱对象）"
    return ""
