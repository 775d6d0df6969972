import datetime as dt
import importlib
import importlib.util
import logging
import time

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils import timezone

from common.scheduler import enqueue_due, jobs

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Enqueue periodic jobs (such as the 17:00 complaint summary) when due."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=20.0)
        parser.add_argument("--once", action="store_true")

    def handle(self, *args, interval, once, **options):
        for config in apps.get_app_configs():
            if importlib.util.find_spec(f"{config.name}.tasks"):
                importlib.import_module(f"{config.name}.tasks")
        logger.info(
            "scheduler started with jobs: %s", ", ".join(sorted(jobs())) or "none"
        )
        since = timezone.now() - dt.timedelta(seconds=interval)
        while True:
            now = timezone.now()
            enqueue_due(since=since, now=now)
            since = now
            if once:
                return
            time.sleep(interval)
