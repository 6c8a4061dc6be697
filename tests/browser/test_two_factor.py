"""Two-factor authentication in Chromium against gunicorn with the production settings: a new editor
proves the account is theirs with a code e-mailed to it (the password alone never shows the key),
enrols, logs out and back in with a code; a wrong code is refused and counted; a recovery code works
once; an editor without 2FA reaches no admin page."""

import base64
import re
import secrets
import time

from playwright.sync_api import expect

ADMIN_PAGES = [
    "/admin/",
    "/admin/pages/",
    "/admin/pages/2/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/snippets/members/memberorganisation/",
    "/admin/users/",
    "/admin/groups/",
    "/admin/reports/site-history/",
    "/admin/reports/csp/",
    "/admin/account/",
    "/admin/2fa/",
    "/admin/2fa/recovery-codes/",
]


def new_editor(live_site):
    username, password = f"editor-{secrets.token_hex(3)}", secrets.token_urlsafe(18)
    live_site.manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import Group, User\n"
        f"user = User.objects.create_user({username!r}, '{username}@example.org', {password!r})\n"
        "user.groups.add(Group.objects.get(name='Editors'))\n",
    )
    return username, password


def password_step(page, username, password):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator('form button[type="submit"]').click()


def emailed_code(live_site, username, count):
    """The code of the ``count``-th enrolment mail sent to ``username``'s address (waits for it)."""
    deadline = time.monotonic() + 15
    while len(messages := live_site.mailbox.to(f"{username}@example.org")) < count:
        assert time.monotonic() < deadline, "no enrolment code was e-mailed"
        time.sleep(0.2)
    return re.search(r"^\s+(\d{4} \d{4})\s*$", messages[count - 1].get_content(), re.M).group(1)


def pass_enrolment_code(page, live_site, username):
    """The step before the key: ask for a code by e-mail and type it."""
    expect(page).to_have_url(re.compile(r"/admin/2fa/setup/"))
    expect(page.locator("[data-two-factor-secret]")).to_have_count(0)  # the password alone shows no key
    page.locator("[data-send-enrolment-code]").click()
    expect(page.locator(".messages")).to_contain_text("We sent a code to")
    page.locator("#id_code").fill(emailed_code(live_site, username, 1))
    page.locator('form.login-form button[type="submit"]').click()
    expect(page.locator("[data-two-factor-secret]")).to_be_visible()


def submit_code(page, code):
    page.locator("#id_token").fill(code)
    page.locator('form.login-form button[type="submit"]').click()


def log_out(page):
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    page.request.post("/admin/logout/", headers={"X-CSRFToken": csrf, "Referer": page.url})
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))


def audit_count(live_site, action, username):
    result = live_site.manage(
        "shell",
        "-c",
        "from wagtail.models import ModelLogEntry\nfrom django.contrib.auth.models import User\n"
        f"user = User.objects.get(username={username!r})\n"
        f"print(ModelLogEntry.objects.filter(action={action!r}, object_id=str(user.pk)).count())\n",
    )
    return int(result.stdout.strip().splitlines()[-1])


def test_a_new_editor_enrols_logs_out_and_logs_in_with_a_code(page, live_site):
    username, password = new_editor(live_site)
    password_step(page, username, password)
    expect(page.locator("h1")).to_have_text("Set up two-factor authentication")
    pass_enrolment_code(page, live_site, username)
    qr = page.locator("img[data-two-factor-qr]")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")  # the admin's CSP lets it show
    secret = page.locator("[data-two-factor-secret]").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8)).hex()
    submit_code(page, live_site.otp_code(username, key=key))

    expect(page).to_have_url(re.compile(r"/admin/2fa/recovery-codes/"))
    expect(page.locator("[data-recovery-codes] code")).to_have_count(10)  # waits for the page, not only its address
    page.get_by_role("link", name="I have kept them, continue").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.goto("/admin/pages/")
    expect(page).to_have_url(re.compile(r"/admin/pages/$"))

    log_out(page)
    password_step(page, username, password)
    expect(page).to_have_url(re.compile(r"/admin/2fa/verify/"))
    page.goto("/admin/pages/")  # no admin page before the code
    expect(page).to_have_url(re.compile(r"/admin/2fa/verify/\?next="))
    submit_code(page, live_site.otp_code(username))
    expect(page).to_have_url(re.compile(r"/admin/pages/$"))
    assert page.csp_errors == []


def test_a_wrong_code_is_refused_and_counted_and_a_recovery_code_works_once(page, live_site):
    username, password = new_editor(live_site)
    password_step(page, username, password)
    pass_enrolment_code(page, live_site, username)
    secret = page.locator("[data-two-factor-secret]").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8)).hex()
    submit_code(page, live_site.otp_code(username, key=key))
    expect(page).to_have_url(re.compile(r"/admin/2fa/recovery-codes/"))  # wait for the page that shows them
    expect(page.locator("[data-recovery-codes] code")).to_have_count(10)
    codes = page.locator("[data-recovery-codes] code").all_inner_texts()
    log_out(page)

    password_step(page, username, password)
    before = audit_count(live_site, "icrtop.2fa_failed", username)
    submit_code(page, "000000")  # (one chance in a million of being today's code)
    expect(page).to_have_url(re.compile(r"/admin/2fa/verify/"))
    expect(page.locator("p.error-message")).to_contain_text("This code is not valid")
    assert audit_count(live_site, "icrtop.2fa_failed", username) == before + 1
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/2fa/verify/"))

    page.wait_for_timeout(1100)  # django-otp waits a second after a failure
    submit_code(page, codes[0])
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator(".messages")).to_contain_text("recovery code")
    log_out(page)

    password_step(page, username, password)
    submit_code(page, codes[0])  # the same recovery code a second time
    expect(page).to_have_url(re.compile(r"/admin/2fa/verify/"))
    expect(page.locator("p.error-message")).to_contain_text("This code is not valid")
    page.wait_for_timeout(1100)
    submit_code(page, codes[1])
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_an_editor_without_2fa_reaches_no_admin_page(page, live_site):
    username, password = new_editor(live_site)
    password_step(page, username, password)
    expect(page).to_have_url(re.compile(r"/admin/2fa/setup/"))
    for path in ADMIN_PAGES:
        page.goto(path)
        expect(page).to_have_url(re.compile(r"/admin/2fa/setup/"))
        expect(page.locator("h1")).to_have_text("Set up two-factor authentication")
        expect(page.locator(".sidebar, [data-side-panel]")).to_have_count(0)


def test_enrolment_without_the_emailed_code_is_refused(page, live_site):
    username, password = new_editor(live_site)
    password_step(page, username, password)
    expect(page).to_have_url(re.compile(r"/admin/2fa/setup/"))
    page.locator("[data-send-enrolment-code]").click()
    sent = emailed_code(live_site, username, 1)
    wrong = "0000 0000" if sent != "0000 0000" else "1111 1111"
    page.locator("#id_code").fill(wrong)
    page.locator('form.login-form button[type="submit"]').click()
    expect(page.locator("form.login-form")).to_contain_text("This code is not valid or has expired")
    expect(page.locator("[data-two-factor-secret]")).to_have_count(0)
    page.goto("/admin/pages/")
    expect(page).to_have_url(re.compile(r"/admin/2fa/setup/"))
    expect(page.locator("[data-two-factor-secret]")).to_have_count(0)
    assert audit_count(live_site, "icrtop.2fa_code_sent", username) == 1
