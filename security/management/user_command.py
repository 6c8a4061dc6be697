"""The base of the commands that act on one staff account named on the command line."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class UserCommand(BaseCommand):
    """``manage.py <command> <username>``: finds the user (a clear error if there is none), then
    ``act(user)``, whose returned line is printed."""

    def add_arguments(self, parser):
        parser.add_argument("username")

    def act(self, user):
        raise NotImplementedError

    def handle(self, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as error:
            raise CommandError(f"No user named {username!r}.") from error
        self.stdout.write(self.act(user))
