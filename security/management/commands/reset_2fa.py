"""Reset a staff member's two-factor authentication (lost phone and recovery codes)."""

from security.management.user_command import UserCommand
from security.two_factor import reset_two_factor


class Command(UserCommand):
    help = "Remove a user's two-factor devices and end their sessions; they enrol again at their next login."

    def act(self, user):
        ended = reset_two_factor(user)
        return f"Two-factor authentication of {user.get_username()} reset ({ended} session(s) ended); recorded."
