"""Sample content for development, tests and benchmarks (``manage.py make_sample_content``): every app
registers how it makes and removes its samples; everything they make is flagged ``is_sample`` and
marked "Sample" in its visible text, never loaded by ``make run`` and never exported as real.

    register_samples("publishing", make=make_samples, delete=delete_samples, order=20)

``make(count, stdout)`` and ``delete()`` (returns how many were removed). Apps register in their
``AppConfig.ready``; ``order`` runs what others depend on first (members before statements)."""

_REGISTRY = {}


def register_samples(name, make, delete, order=100):
    _REGISTRY[name] = (order, make, delete)


def registered():
    """[(name, make, delete)] in order."""
    return [(name, make, delete) for name, (_order, make, delete) in sorted(_REGISTRY.items(), key=lambda i: i[1][0])]
