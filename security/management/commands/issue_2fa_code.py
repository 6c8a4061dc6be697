"""Issue a two-factor enrolment code for a user (printed once; give it to them by another way)."""

from django.conf import settings

from security.management.user_command import UserCommand
from security.two_factor import issue_enrolment_code


class Command(UserCommand):
    help = "Issue a single-use code that lets a user set up two-factor authentication after their password."

    def act(self, user):
        code = issue_enrolment_code(user)
        hours = settings.TWO_FACTOR_ISSUED_CODE_HOURS
        return f"Enrolment code of {user.get_username()} (works once, for {hours} h; recorded): {code}"
