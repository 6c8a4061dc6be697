"""Site search benchmark (a script, not a test): `make benchmark-search`.

Runs against the database in DATABASE_URL (PostgreSQL is the reference:
``bash tests/tools/with-postgres.sh .venv/bin/python tests/benchmarks/search_benchmark.py``);
without one, a throw-away SQLite database in a temporary folder. Migrates, loads the initial
content, adds 5,000 sample members and 1,000 generated sample articles (in all six languages,
so 36,000 index rows), indexes them (samples are never indexed on the site: this database is
thrown away), then times queries through the search engine and through the results page.
Options: --members N, --articles N, --runs N.
"""

import argparse
import contextlib
import io
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

QUERIES = [
    ("en", "genocide"),
    ("en", "human rights"),
    ("en", "prevention of atrocity crimes"),
    ("en", "Sample organisation 2500"),
    ("en", "SO2500"),
    ("en", "A/RES/60/1"),
    ("en", "genocde"),  # nothing found: the suggestion runs too
    ("fr", "génocides"),
    ("es", "crimenes"),
    ("ru", "геноцида"),
    ("ar", "الإبادة"),
    ("zh-hans", "灭绝"),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    folder = None
    if not os.environ.get("DATABASE_URL"):
        folder = tempfile.mkdtemp(prefix="icrtop-search-benchmark-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/benchmark.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "icrtop.settings.test"
    os.environ.setdefault("TEST_MEDIA_ROOT", folder or tempfile.gettempdir())
    sys.path.insert(0, str(ROOT))
    try:
        run(args)
    finally:
        if folder:
            shutil.rmtree(folder, ignore_errors=True)


def sample_articles(count, languages, rng):
    """Generated sample articles: sentences of words taken from the real pages' index rows in each
    language (so the words and their frequencies are the site's own)."""
    from sitesearch import backend, text
    from sitesearch.models import SearchDocument

    rows = []
    for language in languages:
        words = []
        for document in SearchDocument.objects.filter(language=language, kind="page"):
            words.extend(document.text.split())
        words = words or ["sample"]
        for number in range(1, count + 1):
            title = f"Sample article {number}: " + " ".join(rng.choice(words) for _ in range(6))
            body = " ".join(rng.choice(words) for _ in range(rng.randint(150, 400)))
            rows.append(
                SearchDocument(
                    kind="page",
                    source="benchmark.sample",
                    object_id=str(number),
                    language=language,
                    title=title,
                    text=body,
                    url=f"/{language}/sample/{number}/",
                    folded_title=text.fold(title),
                    folded=text.fold(f"{title}\n{body}"),
                    variants=backend.variants(language, f"{title}\n{body}"),
                )
            )
    return rows


def run(args):
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import translation

    from members.management.commands.make_sample_members import make_samples
    from members.models import MemberOrganisation, Region, Sector
    from sitesearch import backend, engine, registry
    from sitesearch.models import SearchDocument

    started = time.perf_counter()
    quiet = io.StringIO()
    with contextlib.redirect_stdout(quiet):  # wagtail-modeltranslation prints its column sync
        call_command("migrate", interactive=False, verbosity=0, stdout=quiet)
    call_command("load_initial_content", stdout=quiet)
    call_command("rebuild_site_search", stdout=quiet)
    rng = random.Random(2005)  # noqa: S311  # nosec B311
    make_samples(args.members, list(Region.objects.all()), list(Sector.objects.all()), rng)
    member_registration = registry.registration_for(MemberOrganisation)
    rows = []
    with registry.caching():
        for member in MemberOrganisation.objects.samples().select_related("region").prefetch_related("sectors"):
            rows.extend(backend.build_rows(member, member_registration))
    rows.extend(sample_articles(args.articles, backend.LANGUAGES, rng))
    backend.save_rows(rows)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE sitesearch_searchdocument")
            cursor.execute("VACUUM ANALYZE sitesearch_searchword")
    print(
        f"Database: {connection.vendor}. Set-up: {SearchDocument.objects.count()} index rows "
        f"({args.members} sample members and {args.articles} sample articles in 6 languages) "
        f"in {time.perf_counter() - started:.1f} s"
    )

    print(f"\n{'language':<8} {'query':<32} {'results':>8} {'engine ms':>10} {'page ms':>8}")
    client = Client()
    engine_medians, page_medians = [], []
    for language, words in QUERIES:
        with translation.override(language):
            query = engine.Query(words, language)
            for _warm in range(3):
                results = engine.search(query)
            timings = []
            for _run in range(args.runs):
                begin = time.perf_counter()
                results = engine.search(query)
                if not results.total:
                    engine.suggestion(query)
                timings.append((time.perf_counter() - begin) * 1000)
        url = f"/{language}/search/"
        for _warm in range(2):
            assert client.get(url, {"q": words}).status_code == 200
        page_timings = []
        for _run in range(max(5, args.runs // 3)):
            begin = time.perf_counter()
            assert client.get(url, {"q": words}).status_code == 200
            page_timings.append((time.perf_counter() - begin) * 1000)
        engine_medians.append(statistics.median(timings))
        page_medians.append(statistics.median(page_timings))
        print(f"{language:<8} {words:<32} {results.total:>8} {engine_medians[-1]:>10.1f} {page_medians[-1]:>8.1f}")
    print(
        f"\nMedian over the queries: engine {statistics.median(engine_medians):.1f} ms, "
        f"results page {statistics.median(page_medians):.1f} ms (worst engine {max(engine_medians):.1f} ms)"
    )


if __name__ == "__main__":
    main()
