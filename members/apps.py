from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from core.samples import register_samples

        register_samples("members", make=make_sample_members, delete=delete_sample_members, order=10)


def make_sample_members(count):
    """Sample organisations for ``make_sample_content`` (see ``make_sample_members`` for more)."""
    from .management.commands.make_sample_members import make_samples
    from .models import Region, Sector

    regions = list(Region.objects.all())
    return make_samples(count, regions, list(Sector.objects.all())) if regions else []


def delete_sample_members():
    from .models import MemberOrganisation

    return MemberOrganisation.objects.samples().delete()[1].get("members.MemberOrganisation", 0)
