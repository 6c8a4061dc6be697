"""Member directory benchmark (a script, not a test): `make benchmark`.

Builds a throw-away SQLite database in a temporary folder (migrations, initial content, 5,000 sample
members), then renders each page through django.test.Client and reports the median time and the
number of SQL queries. The contact page (site chrome and no member data) is timed too, as a
reference for the machine's speed at the time.
Options: --members N, --runs N, --keep (leave the database, print its path).
"""

import argparse
import contextlib
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="icrtop-benchmark-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/benchmark.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "icrtop.settings.test"
    os.environ.setdefault("TEST_MEDIA_ROOT", folder)
    sys.path.insert(0, str(ROOT))
    try:
        run(args)
    finally:
        if args.keep:
            print(f"Database kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def run(args):
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from members.models import MemberOrganisation, Region, Sector

    started = time.perf_counter()
    quiet = io.StringIO()
    with contextlib.redirect_stdout(quiet):  # wagtail-modeltranslation prints its column sync
        call_command("migrate", interactive=False, verbosity=0, stdout=quiet)
    call_command("load_initial_content", stdout=quiet)
    call_command("make_sample_members", str(args.members), stdout=quiet)
    print(
        f"Set-up: {MemberOrganisation.objects.count()} members "
        f"({MemberOrganisation.objects.samples().count()} samples) in {time.perf_counter() - started:.1f} s"
    )

    region = Region.objects.order_by("sort_order").first()
    sector = Sector.objects.order_by("sort_order").first()
    profile = MemberOrganisation.objects.samples().order_by("pk")[args.members // 2]
    pages = [
        ("unfiltered directory", "/en/members/"),
        ("region + sector filter", f"/en/members/?region={region.slug_en}&sector={sector.slug_en}"),
        ("text search", "/en/members/?q=organisation+12"),
        ("profile page", f"/en/members/{profile.slug}/"),
        ("(reference: contact page)", "/en/contact/"),
    ]
    client = Client()
    print(f"\n{'page':<26} {'median ms':>10} {'min ms':>8} {'queries':>8}  url")
    for label, url in pages:
        for _warm in range(3):
            assert client.get(url).status_code == 200, url
        timings = []
        for _run in range(args.runs):
            begin = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        print(f"{label:<26} {statistics.median(timings):>10.1f} {min(timings):>8.1f} {len(queries):>8}  {url}")


if __name__ == "__main__":
    main()
