from django.core.management.base import BaseCommand, CommandError

from common.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write a consistent backup of the database and the media files, with a "
        "manifest of row counts and SHA-256 checksums (common/backup.py)."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", help="directory to write the backup in")
        parser.add_argument(
            "--archive", action="store_true", help="pack it as one .tar.gz"
        )

    def handle(self, *args, **options):
        try:
            path = backup(options["destination"], archive=options["archive"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(path))
