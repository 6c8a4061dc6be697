"""factory_boy factories for the offices app."""

import factory

from . import models


class OfficeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Office {n}")
    street_address = "1 Example Street"
    city = "Geneva"
    postal_code = "1202"
    country = "CH"
    time_zone = "Europe/Zurich"
    phone = "+41 22 555 01 00"

    class Meta:
        model = models.Office
