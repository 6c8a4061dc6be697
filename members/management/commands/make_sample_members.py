"""manage.py make_sample_members N: clearly-marked sample organisations for development and benchmarks."""

import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_countries import countries

from core.guards import add_production_guard, refuse_production
from core.samples import SAMPLE_COUNTRIES_BY_REGION
from members.models import MemberOrganisation, Region, Sector

NAME = "Sample organisation {}"
SLUG = "sample-organisation-{}"


class Command(BaseCommand):
    help = "Create N sample member organisations (is_sample=True, named “Sample organisation …”)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, nargs="?", default=0)
        parser.add_argument("--delete", action="store_true", help="Delete every sample organisation first.")
        parser.add_argument("--seed", type=int, default=2005)
        add_production_guard(parser)

    @transaction.atomic
    def handle(self, *args, **options):
        count = options["count"]
        if options["delete"]:
            risk = "it deletes every organisation marked as sample from the live site's database"
            refuse_production(options, "delete sample organisations", risk)
        refuse_production(options, "create sample organisations")
        if count < 0:
            raise CommandError("N must be 0 or more.")
        if options["delete"]:
            deleted, _ = MemberOrganisation.objects.samples().delete()
            self.stdout.write(f"Deleted {deleted} sample rows.")
        regions = list(Region.objects.all())
        sectors = list(Sector.objects.all())
        if count and not regions:
            raise CommandError("There is no region yet: run load_initial_content first.")
        created = make_samples(count, regions, sectors, random.Random(options["seed"]))  # noqa: S311  # nosec B311
        if count:
            self.stdout.write(f"Created {len(created)} sample organisations.")


def make_samples(count, regions, sectors, rng=None):
    """Create ``count`` samples quickly (bulk), numbered after the existing ones."""
    rng = rng or random.Random(2005)  # noqa: S311  # nosec B311
    codes = [code for code, _name in countries]
    start = MemberOrganisation.objects.samples().count() + 1
    members = []
    for number in range(start, start + count):
        region = rng.choice(regions)
        # A country of the sample's region (core.samples); a region without one there (Global) takes any.
        country = rng.choice(SAMPLE_COUNTRIES_BY_REGION.get(region.slug_en or "") or codes)
        member = MemberOrganisation(
            name=NAME.format(number),
            acronym=f"SO{number}",
            slug=SLUG.format(number),
            country=country,
            city="Sample City",
            region=region,
            membership_type=rng.choice(["member"] * 4 + ["supporter"]),
            description_en="Generated sample data, not a real organisation.",
            is_sample=True,
        )
        member.compute_derived_fields()
        members.append(member)
    created = MemberOrganisation.objects.bulk_create(members, batch_size=500)
    through = MemberOrganisation.sectors.through
    links = [
        through(memberorganisation_id=member.pk, sector_id=sector.pk)
        for member in created
        for sector in rng.sample(sectors, k=min(len(sectors), rng.randint(1, 3)))
    ]
    through.objects.bulk_create(links, batch_size=1000)
    from core import generation

    generation.bump()  # bulk_create sends no post_save: cached pages and facet counts go stale
    return created
