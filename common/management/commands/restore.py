from django.core.management.base import BaseCommand, CommandError

from common.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Rebuild an empty instance (new database, empty MEDIA_ROOT) from a "
        "backup directory or .tar.gz, then check row counts and checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="backup directory or .tar.gz")

    def handle(self, *args, **options):
        try:
            manifest = restore(options["source"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"restored {len(manifest['tables'])} tables, {rows} rows, "
            f"{len(manifest['media'])} media files; counts and checksums match"
        )
