"""Load Xiamen's districts, subdistricts, towns and communities (idempotent)."""

import csv
import logging
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from places.models import Community, District, Subdistrict

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
KIND_OF_LEVEL = {
    "street": Subdistrict.Kind.STREET,
    "town": Subdistrict.Kind.TOWN,
    "special": Subdistrict.Kind.SPECIAL,
}


def read(name):
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


class Command(BaseCommand):
    help = "Load the official division data of Xiamen from places/data/."

    @transaction.atomic
    def handle(self, *args, **options):
        divisions = read("xiamen_divisions.csv")
        districts = {}
        for row in divisions:
            if row["level"] == "district":
                districts[row["code"]], _ = District.objects.update_or_create(
                    code=row["code"], defaults={"name": row["name"]}
                )
        subdistricts = {}
        for row in divisions:
            if row["level"] in KIND_OF_LEVEL:
                subdistricts[row["code"]], _ = Subdistrict.objects.update_or_create(
                    code=row["code"],
                    defaults={
                        "name": row["name"],
                        "kind": KIND_OF_LEVEL[row["level"]],
                        "district": districts[row["parent_code"]],
                    },
                )
        communities = read("xiamen_communities.csv")
        for row in communities:
            Community.objects.update_or_create(
                code=row["code"],
                defaults={
                    "name": row["name"],
                    "subdistrict": subdistricts[row["parent_code"]],
                },
            )
        logger.info(
            "divisions loaded: %d districts, %d subdistricts, %d communities",
            len(districts),
            len(subdistricts),
            len(communities),
        )
        self.stdout.write(
            f"{len(districts)} districts, {len(subdistricts)} subdistricts and towns, "
            f"{len(communities)} communities"
        )
