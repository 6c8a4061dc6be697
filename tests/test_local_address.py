"""Under ``make run PORT=…`` the links in staff e-mails point where the site is served: the dev server
and the scheduler get ``WAGTAILADMIN_BASE_URL`` (the admin's links: notifications, moderation) from
HOST and PORT, and the default Site record (pages' full addresses, "You can view the page here") is
moved off its ``localhost:80`` placeholder. A real host name set in the admin is never replaced."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Site

from publishing.models import NewsIndexPage

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[1]


def dry_run(*variables):
    venv = str(Path(sys.executable).parents[1])
    result = subprocess.run(  # noqa: S603 - our own Makefile, printed, not run (-n)
        ["make", "-n", "--no-print-directory", "run", f"VENV={venv}", *variables],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout


@pytest.mark.parametrize(
    "variables, base_url",
    [
        ((), "http://127.0.0.1:8000"),
        (("PORT=8123",), "http://127.0.0.1:8123"),
        (("HOST=0.0.0.0", "PORT=9000"), "http://127.0.0.1:9000"),
    ],
)
def test_make_run_serves_and_links_at_the_same_address(variables, base_url):
    commands = dry_run(*variables)
    assert f"set_site_address {base_url}\n" in commands
    served = re.search(r"export WAGTAILADMIN_BASE_URL=(\S+);.*run_scheduled_jobs.*runserver (\S+)", commands, re.S)
    assert served and served.group(1) == base_url
    assert served.group(2).endswith(base_url.rsplit(":", 1)[1])


def test_the_placeholder_site_record_takes_the_served_address(forget_cached_site_roots):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("localhost", 80)  # what load_initial_content creates
    call_command("set_site_address", "http://127.0.0.1:8123", stdout=open("/dev/null", "w"))  # noqa: SIM115
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)
    assert NewsIndexPage.objects.get().full_url == "http://127.0.0.1:8123/en/news/"
    call_command("set_site_address", "http://127.0.0.1:8124", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Site.objects.get(pk=site.pk).port == 8124


def test_a_real_host_name_is_kept(forget_cached_site_roots):
    Site.objects.filter(is_default_site=True).update(hostname="www.responsibilitytoprotect.org", port=443)
    call_command("set_site_address", "http://127.0.0.1:8123", stdout=open("/dev/null", "w"))  # noqa: SIM115
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("www.responsibilitytoprotect.org", 443)


@pytest.mark.parametrize("url", ["127.0.0.1:8000", "ftp://127.0.0.1/", "http://127.0.0.1:notaport/"])
def test_a_bad_address_is_refused(url):
    with pytest.raises(CommandError):
        call_command("set_site_address", url)


def test_the_release_step_gives_the_site_record_the_configured_address(forget_cached_site_roots, settings):
    """compose's migrate service runs set_site_address without an address: the setting's is taken, so
    moderation e-mails link to the site, not to http://localhost."""
    settings.WAGTAILADMIN_BASE_URL = "https://r2p.example.org"
    call_command("set_site_address", stdout=open("/dev/null", "w"))  # noqa: SIM115
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("r2p.example.org", 443)
    assert NewsIndexPage.objects.get().full_url == "https://r2p.example.org/en/news/"
