"""Sample content for development, tests and benchmarks (``manage.py make_sample_content``): every app
registers how it makes and removes its samples; everything they make is flagged ``is_sample`` and
marked "Sample" in its visible text, never loaded by ``make run`` and never exported as real.

    register_samples("publishing", make=make_samples, delete=delete_samples, order=20)

``make(count, stdout)`` and ``delete()`` (returns how many were removed). Apps register in their
``AppConfig.ready``; ``order`` runs what others depend on first (members before statements)."""

_REGISTRY = {}

# Countries sample records are placed in, by the coalition's region (its slug): a sample's country and
# region always agree (a sample crisis or organisation in Libya is in the Middle East and North Africa).
# The first countries of Africa and the Middle East and North Africa are those the shipped UN texts cover,
# so that the country filter and a crisis page's UN texts show on sample crises.
SAMPLE_COUNTRIES_BY_REGION = {
    "africa": ["SS", "CF", "BI", "SD", "ML", "CD", "KE", "NG", "SN", "ZA"],
    "middle-east-and-north-africa": ["SY", "LY", "EG", "JO", "LB", "MA", "TN"],
    "asia-pacific": ["PH", "ID", "IN", "TH", "AU", "NP"],
    "europe": ["FR", "DE", "NL", "BE", "GB", "PL"],
    "latin-america-and-the-caribbean": ["BR", "MX", "AR", "CO", "GT", "CL"],
    "north-america": ["US", "CA"],
}
SAMPLE_REGION_OF_COUNTRY = {
    country: region for region, countries in SAMPLE_COUNTRIES_BY_REGION.items() for country in countries
}


def register_samples(name, make, delete, order=100):
    _REGISTRY[name] = (order, make, delete)


def registered():
    """[(name, make, delete)] in order."""
    return [(name, make, delete) for name, (_order, make, delete) in sorted(_REGISTRY.items(), key=lambda i: i[1][0])]
