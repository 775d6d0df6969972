from django.core.management.base import BaseCommand

from campaign.plan import load_plan


class Command(BaseCommand):
    help = "Load the campaign plan (phases, boards, schedule) from campaign/data/."

    def handle(self, *args, **options):
        stats = load_plan()
        self.stdout.write(
            f"campaign plan: {stats.created} created, {stats.updated} updated"
        )
