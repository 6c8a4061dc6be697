"""Production guard rails (docs/operations.md, "Guard rails"): sample commands refuse the live site
unless the operator types its host name."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from members.models import MemberOrganisation
from publishing.models import CrisisPage

pytestmark = pytest.mark.django_db

PRODUCTION = override_settings(SETTINGS_MODULE="icrtop.settings.production", ALLOWED_HOSTS=["www.icrtop.org", "icrtop.org"])


# --- guard rails on sample commands ----------------------------------------------------------


@PRODUCTION
@pytest.mark.parametrize("forced", [None, "localhost", "icrtop.org"])
def test_sample_content_is_refused_on_the_live_site_without_its_host_name(forced):
    args = [f"--i-know-this-is-production={forced}"] if forced else []
    with pytest.raises(CommandError, match="Refusing to create sample content under the production settings"):
        call_command("make_sample_content", "--count", "1", *args, stdout=io.StringIO())
    with pytest.raises(CommandError, match="Refusing to remove sample content"):
        call_command("make_sample_content", "--delete", *args, stdout=io.StringIO())
    assert not CrisisPage.objects.samples().exists()


@PRODUCTION
def test_sample_content_runs_on_production_settings_when_forced_with_the_host_name():
    out = io.StringIO()
    call_command("make_sample_content", "--delete", "--i-know-this-is-production=WWW.icrtop.org", stdout=out)
    assert "sample item(s) removed" in out.getvalue()


@PRODUCTION
@pytest.mark.parametrize("forced", [None, "example.org"])
def test_sample_members_are_refused_on_the_live_site_without_its_host_name(forced):
    args = [f"--i-know-this-is-production={forced}"] if forced else []
    with pytest.raises(CommandError, match="Refusing to create sample organisations under the production"):
        call_command("make_sample_members", "2", *args, stdout=io.StringIO())
    assert not MemberOrganisation.objects.samples().exists()


@PRODUCTION
def test_sample_members_run_on_production_settings_when_forced_with_the_host_name():
    call_command("make_sample_members", "2", "--i-know-this-is-production=www.icrtop.org", stdout=io.StringIO())
    assert MemberOrganisation.objects.samples().count() == 2
