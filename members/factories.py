"""factory_boy factories for the members app."""

import factory

from . import models


class RegionFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = models.Region


class SectorFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Sector {n}")
    slug = factory.Sequence(lambda n: f"sector-{n}")
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = models.Sector


class MemberOrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    country = "KE"
    region = factory.SubFactory(RegionFactory)

    class Meta:
        model = models.MemberOrganisation
        skip_postgeneration_save = True

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)
            self.save()  # a ParentalManyToManyField is written by save()
