"""Two-factor authentication for every staff account (django-otp), sessions and the audit trail
of logins and account changes. The same flows run in Chromium in tests/browser/test_two_factor.py."""

import io
import re
import time

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
ADMIN_PAGES = ["/admin/", "/admin/pages/", "/admin/users/", "/admin/snippets/members/memberorganisation/"]


@pytest.fixture(autouse=True)
def _two_factor_on():
    cache.clear()
    with override_settings(TWO_FACTOR_REQUIRED=True, TWO_FACTOR_EXEMPT_USERNAMES=[]):
        yield
    cache.clear()


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("ed", "ed@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def code_for(device, offset=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def login(client, username="ed", password=PASSWORD):
    return client.post("/admin/login/", {"username": username, "password": password, "next": "/admin/pages/"})


def emailed_code(client, address="ed@example.org"):
    """Asks for an enrolment code on the setup page and reads it from the mail, as the user would."""
    response = client.post("/admin/2fa/setup/", {"action": "send", "next": "/admin/pages/"})
    assert response.status_code == 302
    message = [m for m in mail.outbox if address in m.to][-1]
    return re.search(r"^ {4}(\d{4} \d{4})$", message.body, re.MULTILINE).group(1)


def pass_enrolment_code(client, code=None):
    response = client.post("/admin/2fa/setup/", {"code": code or emailed_code(client), "next": "/admin/pages/"})
    assert response.status_code == 302, response.content.decode()[:2000]


def enrol(client):
    """Goes through the enrolment pages like a user; returns (device, recovery codes)."""
    pass_enrolment_code(client)
    page = client.get("/admin/2fa/setup/?next=/admin/pages/")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user__username="ed", confirmed=False)
    response = client.post("/admin/2fa/setup/", {"token": code_for(device), "next": "/admin/pages/"})
    assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/recovery-codes/")
    shown = client.get(response["Location"])
    listed = BeautifulSoup(shown.content, "html.parser").select("[data-recovery-codes] code")
    codes = [code.get_text() for code in listed]
    device.refresh_from_db()
    return device, codes


def actions(user=None):
    entries = ModelLogEntry.objects.filter(action__startswith="icrtop.")
    if user is not None:
        entries = entries.filter(object_id=str(user.pk))
    return list(entries.order_by("timestamp", "id").values_list("action", flat=True))


def test_a_new_editor_must_enrol_before_any_admin_page(client, editor):
    response = login(client)
    assert response.status_code == 302
    for path in ADMIN_PAGES:
        page = client.get(path)
        assert page.status_code == 302, path
        assert page["Location"].startswith("/admin/2fa/setup/?next=")
    pass_enrolment_code(client)
    setup = client.get("/admin/2fa/setup/")
    page = BeautifulSoup(setup.content, "html.parser")
    assert page.select_one("img[data-two-factor-qr]")["src"].startswith("data:image/svg+xml")
    secret = page.select_one("[data-two-factor-secret]").get_text().replace(" ", "")
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)


def test_enrolment_shows_recovery_codes_once_then_opens_the_admin(client, editor):
    login(client)
    device, codes = enrol(client)
    assert device.confirmed
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/admin/2fa/recovery-codes/")["Location"] == "/admin/2fa/"  # shown once only
    assert client.get("/admin/pages/").status_code == 200
    assert "icrtop.2fa_enrol" in actions(editor)


def test_a_wrong_enrolment_code_is_refused(client, editor):
    login(client)
    pass_enrolment_code(client)
    client.get("/admin/2fa/setup/")
    response = client.post("/admin/2fa/setup/", {"token": "000000"})
    assert response.status_code == 400
    assert "This code is not valid" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()


def test_next_login_asks_for_a_code_and_a_wrong_one_is_refused_and_counted(client, editor):
    login(client)
    device, _codes = enrol(client)
    client.post("/admin/logout/")
    login(client)
    # With a device, the setup page cannot be used to add another one.
    assert client.get("/admin/2fa/setup/")["Location"].startswith("/admin/2fa/verify/")
    assert client.get("/admin/pages/")["Location"].startswith("/admin/2fa/verify/")
    wrong = client.post("/admin/2fa/verify/", {"token": "123456" if code_for(device) != "123456" else "654321"})
    assert wrong.status_code == 400
    assert "This code is not valid" in wrong.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    failed = ModelLogEntry.objects.filter(action="icrtop.2fa_failed", object_id=str(editor.pk)).latest("id")
    assert failed.data["failures"] == 1 and failed.data["ip"] == "127.0.0.1"
    assert client.get("/admin/pages/").status_code == 302
    time.sleep(1.1)  # django-otp's throttling: one second after the first failure
    # The enrolment code's time step is spent (no replay): the next step's code, within the tolerance.
    ok = client.post("/admin/2fa/verify/", {"token": code_for(device, offset=1), "next": "/admin/pages/"})
    assert ok.status_code == 302 and ok["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_a_recovery_code_works_once(client, editor):
    login(client)
    _device, codes = enrol(client)
    client.post("/admin/logout/")
    login(client)
    assert client.post("/admin/2fa/verify/", {"token": codes[0]}).status_code == 302
    assert client.get("/admin/pages/").status_code == 200
    assert "icrtop.2fa_recovery_used" in actions(editor)
    client.post("/admin/logout/")
    login(client)
    again = client.post("/admin/2fa/verify/", {"token": codes[0]})
    assert again.status_code == 400
    assert StaticToken.objects.filter(device__user=editor).count() == 9


def test_code_checks_are_rate_limited(client, editor):
    login(client)
    enrol(client)
    client.post("/admin/logout/")
    login(client)
    cache.clear()  # the enrolment's code counted too
    with override_settings(TWO_FACTOR_RATE_LIMIT=3):
        statuses = [client.post("/admin/2fa/verify/", {"token": "000000"}).status_code for _i in range(5)]
    assert statuses == [400, 400, 400, 429, 429]


def test_an_administrator_resets_a_lost_device_and_it_is_recorded(client, editor, superuser):
    login(client)
    enrol(client)
    editor_session = client.session.session_key
    from django.test import Client

    admin = Client()
    admin.force_login(superuser)
    with override_settings(TWO_FACTOR_REQUIRED=False):
        listing = admin.get("/admin/users/").content.decode()
        assert f"/admin/2fa/reset/{editor.pk}/" in listing
        assert admin.get(f"/admin/2fa/reset/{editor.pk}/").status_code == 200
        response = admin.post(f"/admin/2fa/reset/{editor.pk}/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticDevice.objects.filter(user=editor).exists()
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=editor_session).exists()  # their sessions ended
    entry = ModelLogEntry.objects.get(action="icrtop.2fa_reset")
    assert entry.object_id == str(editor.pk) and entry.user == superuser and entry.data["sessions_ended"] == 1
    # At the next login the editor enrols again.
    assert client.get("/admin/pages/")["Location"].startswith("/admin/login/")
    login(client)
    assert client.get("/admin/pages/")["Location"].startswith("/admin/2fa/setup/")


def test_a_non_administrator_cannot_reset(client, editor, django_user_model):
    other = django_user_model.objects.create_user("other", password=PASSWORD)
    login(client)
    enrol(client)
    assert client.get(f"/admin/2fa/reset/{other.pk}/").status_code in {302, 403}
    assert client.post(f"/admin/2fa/reset/{other.pk}/").status_code in {302, 403}


def test_reset_command(editor):
    TOTPDevice.objects.create(user=editor, confirmed=True)
    call_command("reset_2fa", "ed", stdout=__import__("io").StringIO())
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert "icrtop.2fa_reset" in actions(editor)


def test_only_the_dev_local_admin_may_skip(client, superuser):
    with override_settings(TWO_FACTOR_EXEMPT_USERNAMES=[superuser.username]):
        client.force_login(superuser)
        assert client.get("/admin/").status_code == 200
    assert client.get("/admin/")["Location"].startswith("/admin/2fa/setup/")


def test_the_enrolment_pages_say_honestly_that_the_local_admin_is_exempt(client, superuser, editor):
    """The pages that say "every staff account needs a second step" tell the local admin of `make run`,
    who signs in without one, that it is the development exception; nobody else reads that."""
    with override_settings(TWO_FACTOR_EXEMPT_USERNAMES=[superuser.username]):
        client.force_login(superuser)
        for path in ("/admin/2fa/setup/", "/admin/2fa/"):
            page = BeautifulSoup(client.get(path, follow=True).content, "html.parser")
            text = page.get_text(" ", strip=True)
            assert "local development account" in text, path
        notice = page_notice(client, "/admin/2fa/setup/")
        assert "signs in without the second step" in notice and "Production settings exempt no account" in notice
    client.logout()
    login(client)
    assert page_notice(client, "/admin/2fa/setup/") is None
    assert "local development account" not in client.get("/admin/2fa/setup/", follow=True).content.decode()


def page_notice(client, path):
    notice = BeautifulSoup(client.get(path, follow=True).content, "html.parser").select_one("[data-two-factor-exempt]")
    return notice.get_text(" ", strip=True) if notice else None


def test_production_and_dev_settings():
    import importlib
    import os
    from unittest import mock

    with mock.patch.dict(os.environ, {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "example.org"}):
        production = importlib.import_module("icrtop.settings.production")
        importlib.reload(production)
    assert production.TWO_FACTOR_REQUIRED is True and production.TWO_FACTOR_EXEMPT_USERNAMES == []
    dev = importlib.reload(importlib.import_module("icrtop.settings.dev"))
    assert dev.TWO_FACTOR_EXEMPT_USERNAMES == [os.environ.get("ICRTOP_ADMIN_USERNAME", "admin")]


# --- passwords and sessions ------------------------------------------------------------------


def test_passwords_need_twelve_characters():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("Xq7!vb3#Lp2")
    validate_password("Xq7!vb3#Lp2@")


def verified_client(client, editor):
    login(client)
    if TOTPDevice.objects.filter(user=editor, confirmed=True).exists():
        device = TOTPDevice.objects.get(user=editor)
        assert client.post("/admin/2fa/verify/", {"token": code_for(device, offset=1)}).status_code == 302
    else:
        enrol(client)
    assert client.get("/admin/pages/").status_code == 200
    return client


def test_staff_sessions_end_at_browser_close_even_with_remember_me(client, editor):
    client.post("/admin/login/", {"username": "ed", "password": PASSWORD, "remember": "on"})
    client.get("/admin/2fa/setup/")
    assert client.session.get_expire_at_browser_close()
    assert client.cookies["sessionid"]["expires"] == ""  # a browser-session cookie


def test_staff_sessions_expire_after_inactivity(client, editor):
    verified_client(client, editor)
    with override_settings(STAFF_SESSION_IDLE_TIMEOUT=60):
        session = client.session
        session["staff_last_activity"] = int(time.time()) - 30
        session.save()
        assert client.get("/admin/pages/").status_code == 200
        session = client.session
        session["staff_last_activity"] = int(time.time()) - 61
        session.save()
        response = client.get("/admin/pages/")
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert ModelLogEntry.objects.filter(action="icrtop.logout", data__reason="inactivity").exists()


def test_a_password_change_ends_the_other_sessions(client, editor):
    from django.test import Client

    verified_client(client, editor)
    other = Client()
    verified_client(other, editor)
    form = BeautifulSoup(client.get("/admin/account/").content, "html.parser").select_one("form[method=post]")
    data = {}
    for control in form.select("input, select"):
        name = control.get("name")
        if not name or control.get("type") in {"submit", "file"}:
            continue
        if control.name == "select":
            chosen = control.select_one("option[selected]") or control.select_one("option")
            data[name] = chosen.get("value", "") if chosen else ""
        elif control.get("type") in {"checkbox", "radio"}:
            if control.has_attr("checked"):
                data[name] = control.get("value", "on")
        else:
            data[name] = control.get("value", "")
    data.update(
        {
            "password-old_password": PASSWORD,
            "password-new_password1": "Another-long-passphrase-2026",
            "password-new_password2": "Another-long-passphrase-2026",
            "name_email-first_name": "Ed",
            "name_email-last_name": "Itor",
        }
    )
    response = client.post("/admin/account/", data)
    errors = BeautifulSoup(response.content, "html.parser").select(".error-message, .help-critical, .w-field__errors")
    assert response.status_code == 302, [e.parent.get_text(" ", strip=True)[:80] for e in errors]
    editor.refresh_from_db()
    assert editor.check_password("Another-long-passphrase-2026")
    assert client.get("/admin/pages/").status_code == 200  # this session goes on
    assert other.get("/admin/pages/")["Location"].startswith("/admin/login/")  # the other one ended
    assert "icrtop.password_change" in actions(editor)


# --- audit trail ------------------------------------------------------------------------------


def test_logins_are_recorded_with_the_address(client, editor):
    login(client, password="wrong-password-here")
    login(client, username="nobody-at-all", password="wrong-password-here")
    login(client)
    failed = ModelLogEntry.objects.filter(action="icrtop.login_failed").order_by("id")
    assert [(e.object_id, e.data["username"], e.data["ip"]) for e in failed] == [
        (str(editor.pk), "ed", "127.0.0.1"),
        ("0", "nobody-at-all", "127.0.0.1"),
    ]
    ok = ModelLogEntry.objects.get(action="icrtop.login")
    assert ok.user == editor and ok.data["ip"] == "127.0.0.1"


def test_group_and_permission_changes_are_recorded(editor, superuser):
    from wagtail.log_actions import LogContext

    moderators = Group.objects.get(name="Moderators")
    permission = Permission.objects.get(codename="change_user")
    before = ModelLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    with LogContext(user=superuser):
        editor.groups.add(moderators)
        editor.user_permissions.add(permission)
        moderators.permissions.add(permission)
        moderators.user_set.remove(editor)
        editor.is_superuser = True
        editor.save()
    entries = ModelLogEntry.objects.filter(
        id__gt=before, action__in=["icrtop.groups", "icrtop.permissions", "icrtop.account_flags"]
    )
    seen = [(e.action, e.object_id, e.data.get("change"), e.user_id) for e in entries.order_by("id")]
    assert seen == [
        ("icrtop.groups", str(editor.pk), "add", superuser.pk),
        ("icrtop.permissions", str(editor.pk), "add", superuser.pk),
        ("icrtop.permissions", str(moderators.pk), "add", superuser.pk),
        ("icrtop.groups", str(editor.pk), "remove", superuser.pk),
        ("icrtop.account_flags", str(editor.pk), None, superuser.pk),
    ]
    assert entries.get(content_type__model="group").data["permissions"] == ["auth.change_user"]


def test_imports_are_recorded(admin_client, superuser, tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("slug,name,country,region\naudit-one,Audit One,KE,africa\n", encoding="utf-8")
    call_command("import_members", str(path), stdout=__import__("io").StringIO())
    entry = ModelLogEntry.objects.get(action="icrtop.import")
    assert entry.data == {"created": 1, "updated": 0, "rows": 1}


def test_the_audit_trail_is_visible_in_the_site_history_and_not_editable(admin_client, editor, client):
    login(client, password="wrong-password-here")
    with override_settings(TWO_FACTOR_REQUIRED=False):
        page = admin_client.get("/admin/reports/site-history/").content.decode()
        filtered = admin_client.get("/admin/reports/site-history/?action=icrtop.login_failed")
    assert "Login failed" in page
    assert filtered.status_code == 200 and "Login failed" in filtered.content.decode()
    from django.urls import NoReverseMatch, reverse

    with pytest.raises(NoReverseMatch):
        reverse("wagtailadmin_reports:site_history_edit")


# --- enrolment needs more than the password ------------------------------------------------------


def test_the_password_alone_never_shows_the_key_nor_enrols(client, editor):
    login(client)
    setup = client.get("/admin/2fa/setup/")
    assert setup.status_code == 200 and "no-store" in setup["Cache-Control"]
    page = BeautifulSoup(setup.content, "html.parser")
    assert page.select_one("[data-two-factor-secret]") is None and page.select_one("img[data-two-factor-qr]") is None
    assert "e•••@example.org" in setup.content.decode()
    assert not TOTPDevice.objects.filter(user=editor).exists(), "a key exists before the e-mailed code"
    # An app code without the e-mailed code: nothing to check it against, nothing enrolled.
    refused = client.post("/admin/2fa/setup/", {"token": "123456"})
    assert refused.status_code == 200 and not TOTPDevice.objects.filter(user=editor).exists()
    wrong = client.post("/admin/2fa/setup/", {"code": "1234 5678"})
    assert wrong.status_code == 400 and "not valid or has expired" in wrong.content.decode()
    assert client.get("/admin/pages/")["Location"].startswith("/admin/2fa/setup/")
    entry = ModelLogEntry.objects.filter(action="icrtop.2fa_failed", object_id=str(editor.pk)).last()
    assert entry.data["step"] == "enrolment code"


def test_the_emailed_code_opens_enrolment_once_and_is_recorded(client, editor):
    login(client)
    code = emailed_code(client)
    message = mail.outbox[-1]
    assert message.to == ["ed@example.org"] and "/admin/2fa/setup/" in message.body
    pass_enrolment_code(client, code)
    assert client.get("/admin/2fa/setup/").content.decode().count("data-two-factor-secret") == 1
    # The same code in another session (someone who saw the mail later): refused.
    from django.test import Client

    other = Client()
    login(other)
    assert other.post("/admin/2fa/setup/", {"code": code}).status_code == 400
    recorded = actions(editor)
    assert recorded.index("icrtop.2fa_code_sent") < recorded.index("icrtop.2fa_code_used")


def test_an_expired_or_replaced_code_is_refused(client, editor, settings):
    login(client)
    first = emailed_code(client)
    second = emailed_code(client)  # a new code replaces the first
    assert client.post("/admin/2fa/setup/", {"code": first}).status_code == 400
    from security.models import EnrolmentCode

    EnrolmentCode.objects.filter(user=editor).update(expires_at="2000-01-01T00:00:00Z")
    assert client.post("/admin/2fa/setup/", {"code": second}).status_code == 400
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_codes_mailed_per_hour_are_limited(client, editor, settings):
    login(client)
    for _ in range(settings.TWO_FACTOR_ENROLMENT_MAILS_PER_HOUR):
        emailed_code(client)
    sent = len(mail.outbox)
    client.post("/admin/2fa/setup/", {"action": "send"})
    assert len(mail.outbox) == sent


def test_an_administrator_can_issue_a_code_and_a_reset_needs_a_new_one(client, superuser, editor):
    from django.test import Client

    editor.email = ""
    editor.save()
    admin = Client()
    admin.force_login(superuser)
    with override_settings(TWO_FACTOR_REQUIRED=False):
        assert f"/admin/2fa/enrolment-code/{editor.pk}/" in admin.get("/admin/users/").content.decode()
        assert admin.get(f"/admin/2fa/enrolment-code/{editor.pk}/").status_code == 200
        issued = admin.post(f"/admin/2fa/enrolment-code/{editor.pk}/")
    assert "no-store" in issued["Cache-Control"]
    code = BeautifulSoup(issued.content, "html.parser").select_one("[data-enrolment-code]").get_text()
    entry = ModelLogEntry.objects.get(action="icrtop.2fa_code_issued")
    assert entry.object_id == str(editor.pk) and entry.user == superuser
    login(client)
    assert "no e-mail address" in client.get("/admin/2fa/setup/").content.decode()
    pass_enrolment_code(client, code)
    assert "data-two-factor-secret" in client.get("/admin/2fa/setup/").content.decode()
    # After a reset, enrolling again needs a new code.
    with override_settings(TWO_FACTOR_REQUIRED=False):
        admin.post(f"/admin/2fa/reset/{editor.pk}/")
    login(client)
    assert "data-two-factor-secret" not in client.get("/admin/2fa/setup/").content.decode()
    assert client.post("/admin/2fa/setup/", {"code": code}).status_code == 400


def test_the_issue_code_command_prints_a_working_code(client, editor):
    out = io.StringIO()
    call_command("issue_2fa_code", "ed", stdout=out)
    code = re.search(r"(\d{4} \d{4})", out.getvalue()).group(1)
    login(client)
    pass_enrolment_code(client, code)
    assert "icrtop.2fa_code_issued" in actions(editor)


def test_only_administrators_issue_codes(client, editor):
    verified_client(client, editor)
    assert client.get(f"/admin/2fa/enrolment-code/{editor.pk}/").status_code in (302, 403)
