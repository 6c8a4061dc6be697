"""Sample resources for development, tests and benchmarks: generated, flagged ``is_sample`` and marked
"Sample" in their titles, never loaded by ``make run`` and left out of exports and the sitemap.

``create(count)`` adds them under the resources library; ``delete()`` removes every one of them."""

import datetime

from .models import DatePrecision, ResourceIndexPage, ResourcePage

TYPES = [choice for choice, _label in ResourcePage.ResourceType.choices]
PRECISIONS = [DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR]


def create(count=12, index=None):
    """``count`` sample resources (all types, dates of every precision). Returns the pages created."""
    index = index or ResourceIndexPage.objects.first()
    if index is None:
        return []
    created = []
    start = ResourcePage.objects.filter(is_sample=True).count()
    for number in range(start + 1, start + count + 1):
        page = ResourcePage(
            title=f"Sample resource {number}",
            slug=f"sample-resource-{number}",
            resource_type=TYPES[number % len(TYPES)],
            issuing_body=ResourcePage.IssuingBody.COALITION,
            date=datetime.date(2010 + number % 15, 1 + number % 12, 1 + number % 28),
            date_precision=PRECISIONS[number % len(PRECISIONS)],
            summary="Generated sample text for development; not a real document.",
            is_sample=True,
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        created.append(page)
    return created


def delete():
    """Remove every sample resource. Returns how many were removed."""
    pages = list(ResourcePage.objects.filter(is_sample=True))
    for page in pages:
        page.delete()
    return len(pages)
