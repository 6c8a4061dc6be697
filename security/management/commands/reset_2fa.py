"""Reset a staff member's two-factor authentication (lost phone and recovery codes)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from security.two_factor import reset_two_factor


class Command(BaseCommand):
    help = "Remove a user's two-factor devices and end their sessions; they enrol again at their next login."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as error:
            raise CommandError(f"No user named {username!r}.") from error
        ended = reset_two_factor(user)
        self.stdout.write(f"Two-factor authentication of {username} reset ({ended} session(s) ended); recorded.")
