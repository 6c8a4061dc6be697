"""Issue a two-factor enrolment code for a user (printed once; give it to them by another way)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from security.two_factor import issue_enrolment_code


class Command(BaseCommand):
    help = "Issue a single-use code that lets a user set up two-factor authentication after their password."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as error:
            raise CommandError(f"No user named {username!r}.") from error
        code = issue_enrolment_code(user)
        hours = settings.TWO_FACTOR_ISSUED_CODE_HOURS
        self.stdout.write(f"Enrolment code of {username} (works once, for {hours} h; recorded): {code}")
