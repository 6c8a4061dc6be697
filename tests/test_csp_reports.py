"""CSP violation reports: both policies report to the site, which stores them (deduplicated, size and
rate limited) for staff to read."""

import json

import pytest
from django.core.cache import cache
from django.test import override_settings

from security.models import CSPReport

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def legacy_report(blocked="https://evil.example/x.js?token=secret", document="https://testserver/en/?q=private"):
    return {
        "csp-report": {
            "document-uri": document,
            "violated-directive": "script-src-elem",
            "effective-directive": "script-src-elem",
            "blocked-uri": blocked,
            "disposition": "enforce",
            "line-number": 12,
            "source-file": "https://testserver/static/js/site.js",
        }
    }


def post(client, payload, policy="public", content_type="application/csp-report", **extra):
    return client.post(f"/csp-report/?policy={policy}", data=json.dumps(payload), content_type=content_type, **extra)


def test_both_policies_send_reports_to_the_site(client, admin_client):
    public = client.get("/en/")["Content-Security-Policy"]
    assert "report-uri /csp-report/?policy=public" in public and "report-to csp-public" in public
    admin = admin_client.get("/admin/")
    assert "report-uri /csp-report/?policy=admin" in admin["Content-Security-Policy"]
    assert 'csp-admin="/csp-report/?policy=admin"' in admin["Reporting-Endpoints"]
    assert "Content-Security-Policy-Report-Only" not in admin


def test_a_report_is_stored_without_query_strings_and_shown_to_staff(client, admin_client):
    assert post(client, legacy_report()).status_code == 204
    report = CSPReport.objects.get()
    assert report.policy == "public"
    assert report.directive == "script-src-elem"
    assert report.blocked_uri == "https://evil.example/x.js"
    assert report.document_uri == "https://testserver/en/"
    page = admin_client.get("/admin/reports/csp/").content.decode()
    assert "https://evil.example/x.js" in page and "script-src-elem" in page
    assert "secret" not in page and "private" not in page


def test_the_reporting_api_format_is_stored_too(client):
    payload = [
        {
            "type": "csp-violation",
            "url": "https://testserver/admin/pages/",
            "body": {
                "documentURL": "https://testserver/admin/pages/",
                "effectiveDirective": "script-src-elem",
                "blockedURL": "inline",
                "disposition": "report",
                "sample": "alert(1)",
            },
        }
    ]
    assert post(client, payload, policy="admin-trial", content_type="application/reports+json").status_code == 204
    report = CSPReport.objects.get()
    assert (report.policy, report.disposition, report.blocked_uri, report.sample) == (
        "admin-trial",
        "report",
        "inline",
        "alert(1)",
    )


def test_the_same_report_is_counted_not_stored_twice(client):
    for _i in range(3):
        post(client, legacy_report())
    post(client, legacy_report(blocked="https://other.example/y.js"))
    assert CSPReport.objects.count() == 2
    assert CSPReport.objects.get(blocked_uri="https://evil.example/x.js").count == 3


@override_settings(CSP_REPORT_RATE_LIMIT=5)
def test_a_flood_of_reports_from_one_address_is_refused(client):
    statuses = [post(client, legacy_report(blocked=f"https://evil.example/{i}.js")).status_code for i in range(12)]
    assert statuses == [204] * 5 + [429] * 7
    assert CSPReport.objects.count() == 5
    # Another address is still heard.
    assert post(client, legacy_report(), REMOTE_ADDR="192.0.2.7").status_code == 204


@override_settings(CSP_REPORT_MAX_NEW_PER_HOUR=3, CSP_REPORT_RATE_LIMIT=1000)
def test_distinct_reports_beyond_the_hourly_cap_are_not_stored(client):
    for i in range(10):
        assert post(client, legacy_report(blocked=f"https://evil.example/{i}.js")).status_code == 204
    assert CSPReport.objects.count() == 3


def test_oversized_and_malformed_reports_are_refused(client):
    huge = legacy_report(blocked="https://evil.example/" + "a" * 20_000)
    assert post(client, huge).status_code == 413
    assert client.post("/csp-report/", data="not json", content_type="application/csp-report").status_code == 400
    assert client.post("/csp-report/", data="{}", content_type="text/html").status_code == 400
    assert post(client, {"something": "else"}).status_code == 400
    assert client.get("/csp-report/").status_code == 405
    assert CSPReport.objects.count() == 0


def test_only_staff_who_may_see_them_reach_the_reports(client, django_user_model):
    editor = django_user_model.objects.create_user("plain-editor", password="a-long-test-password")
    from django.contrib.auth.models import Group

    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get("/admin/reports/csp/").status_code in {302, 403}


@override_settings(
    ADMIN_CONTENT_SECURITY_POLICY_REPORT_ONLY={
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "report-uri": "/csp-report/?policy=admin-trial",
    }
)
def test_a_stricter_admin_policy_can_be_tried_report_only(admin_client, client):
    response = admin_client.get("/admin/")
    trial = response["Content-Security-Policy-Report-Only"]
    assert "script-src 'self'" in trial and "unsafe-inline" not in trial
    assert "policy=admin-trial" in trial
    assert "'unsafe-inline'" in response["Content-Security-Policy"]  # the real policy is unchanged
    assert "Content-Security-Policy-Report-Only" not in client.get("/en/")
