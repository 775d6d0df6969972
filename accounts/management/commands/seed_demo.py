from django.core.management.base import BaseCommand

from accounts.sample import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Create the sample organisations, estates and one account per role."

    def handle(self, *args, **options):
        people = seed_demo()
        self.stdout.write(f"\n示例账号（密码均为 {DEMO_PASSWORD}）/ sample accounts:")
        for person in people:
            roles = "、".join(str(a.get_role_display()) for a in person.roles.all())
            mobile = f"  手机 {person.mobile}" if person.mobile else ""
            self.stdout.write(
                f"  {person.username:<15} {person.full_name}  {roles}{mobile}"
            )
        self.stdout.write(
            "住户可用手机号获取验证码登录（验证码写在服务日志中）；工作人员用账号和密码登录。"
        )
