"""The member-NGO records: regions, sectors and member organisations. A record app: it knows no
page type (the directory page lives in ``pages``) and not the offices."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from core.models import OrderedTaxonomy, ReviewedRecord

from .collation import search_text, sort_key


class Region(OrderedTaxonomy):
    # "Global": organisations that work across the world, not in one of its regions. Listed and filtered
    # like a region, but never counted among "the regions of the world" the members are in.
    worldwide = models.BooleanField(
        _("worldwide"),
        default=False,
        help_text=_(
            "For organisations working across the world rather than in one region (such as “Global”): "
            "not counted among the regions of the world."
        ),
    )

    panels = [*OrderedTaxonomy.panels, FieldPanel("worldwide")]

    class Meta(OrderedTaxonomy.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class Sector(OrderedTaxonomy):
    class Meta(OrderedTaxonomy.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


# Members counted in a region of the world (not "Global": ``Region.worldwide``).
IN_A_REGION = Q(region__worldwide=False)

# The rows the public directory lists.
DIRECTORY_ROWS = Q(published=True, live=True, status="active")


class MemberOrganisationQuerySet(models.QuerySet):
    def published(self):
        """Published by staff and not a draft that was never approved (``live``)."""
        return self.filter(published=True, live=True)

    def for_public_display(self):
        """Published, active members with everything a list or a profile shows, in few queries."""
        return self.directory().select_related("region", "logo").prefetch_related("sectors").order_by("sort_key", "pk")

    def directory(self):
        """The members the public directory lists (published and active), without related rows:
        the base of the filters and facet counts."""
        return self.filter(DIRECTORY_ROWS)

    def in_region(self, region):
        return self.filter(region=region)

    def in_sector(self, sector):
        return self.filter(sectors=sector)

    def in_country(self, code):
        """Members a visitor may see in ``code``: those shown by region only never are."""
        return self.shown_by_country().filter(country=code)

    def shown_by_country(self):
        return self.filter(location_shown=MemberOrganisation.LocationShown.COUNTRY)

    def shown_by_region_only(self):
        return self.filter(location_shown=MemberOrganisation.LocationShown.REGION)

    def of_type(self, membership_type):
        return self.filter(membership_type=membership_type)

    def matching(self, text):
        """Members whose name or acronym contains ``text``, ignoring case and accents."""
        needle = search_text(text)
        return self.filter(search_text__contains=needle) if needle else self

    def with_display_relations(self):
        """What a list or a profile shows, in a fixed number of queries, in natural name order."""
        return self.select_related("region", "logo").prefetch_related("sectors").order_by("sort_key", "pk")

    def for_profile(self):
        """Published members (active or former) with what their profile page shows."""
        return self.published().select_related("region", "logo").prefetch_related("sectors")

    def count_by(self, field):
        """{value: number of members} for one field (one query, GROUP BY). The directory's filters
        join at most one sector, so a member is never counted twice."""
        rows = self.order_by().values(field).annotate(n=models.Count("pk"))
        return {row[field]: row["n"] for row in rows}

    def count_by_sector(self):
        """{sector id: number of members} (one query on the link table)."""
        through = self.model.sectors.through
        rows = (
            through.objects.filter(memberorganisation__in=self.order_by().values("pk"))
            .order_by()
            .values("sector")
            .annotate(n=models.Count("pk"))
        )
        return {row["sector"]: row["n"] for row in rows}

    def directory_summary(self):
        """Number of listed real members and of the regions of the world they are in (one query):
        generated sample rows never count, nor "Global" (``Region.worldwide``) as a region."""
        return (
            self.directory()
            .real()
            .aggregate(members=models.Count("pk"), regions=models.Count("region", distinct=True, filter=IN_A_REGION))
        )

    def steering_committee(self):
        """Organisations serving on the steering committee now, longest-serving first."""
        today = timezone.localdate()
        return (
            self.published()
            .filter(on_steering_committee=True)
            .filter(Q(steering_committee_until__isnull=True) | Q(steering_committee_until__gte=today))
            .select_related("region", "logo")
            .prefetch_related("sectors")
            .order_by("steering_committee_since", "name")
        )

    def former_steering_committee(self):
        today = timezone.localdate()
        return (
            self.published()
            .filter(on_steering_committee=True, steering_committee_until__lt=today)
            .select_related("region")
            .order_by("-steering_committee_until", "name")
        )

    def coalition_numbers(self):
        """The home page's "coalition in numbers", from the real records only (sample rows never count):
        listed members, the countries and regions they are in, and the steering committee's size now."""
        today = timezone.localdate()
        committee = Q(on_steering_committee=True) & (
            Q(steering_committee_until__isnull=True) | Q(steering_committee_until__gte=today)
        )
        return (
            self.real()
            .directory()
            .aggregate(
                members=models.Count("pk"),
                # Only the countries visitors may see (a member shown by region only is not counted).
                countries=models.Count("country", distinct=True, filter=Q(location_shown="country")),
                regions=models.Count("region", distinct=True, filter=IN_A_REGION),
                committee=models.Count("pk", filter=committee),
            )
        )

    def real(self):
        """Everything but the generated sample organisations."""
        return self.filter(is_sample=False)

    def samples(self):
        return self.filter(is_sample=True)


# The staff-only contact e-mail and source (personal data of a member's contact person) are shown, in
# the form, in revision comparisons and in the export, only to staff who may publish member records:
# not to translators, who change translations only (FieldPanel's own ``permission``).
STAFF_ONLY_PERMISSION = "members.publish_memberorganisation"


class MemberOrganisation(ReviewedRecord, index.Indexed, ClusterableModel):
    """A member NGO of the coalition (or an NGO supporter)."""

    class MembershipType(models.TextChoices):
        MEMBER = "member", _("Member")
        SUPPORTER = "supporter", _("NGO supporter")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        FORMER = "former", _("Former")

    class LocationShown(models.TextChoices):
        COUNTRY = "country", _("Its country (and city)")
        REGION = "region", _("Its region only")

    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    slug = models.SlugField(_("slug"), max_length=255, unique=True, allow_unicode=True)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="members")
    location_shown = models.CharField(
        _("shown publicly by"),
        max_length=10,
        choices=LocationShown.choices,
        default=LocationShown.COUNTRY,
        help_text=_(
            "For a member that is safer unseen, choose its region only: the directory, its profile, the map, the "
            "search and the open data then never show or count its country and city."
        ),
    )
    sectors = ParentalManyToManyField(Sector, verbose_name=_("sectors"), blank=True, related_name="members")
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    show_contact_email = models.BooleanField(
        _("show the e-mail publicly"), default=False, help_text=_("Only if the member agreed to it.")
    )
    description = models.TextField(_("short description"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logo_alt_text = models.CharField(
        _("logo alternative text"), max_length=250, blank=True, help_text=_("Defaults to the organisation's name.")
    )
    membership_type = models.CharField(
        _("membership type"), max_length=10, choices=MembershipType.choices, default=MembershipType.MEMBER
    )
    joined_on = models.DateField(_("joined"), null=True, blank=True)
    left_on = models.DateField(
        _("left"),
        null=True,
        blank=True,
        help_text=_("For a former member: when it left the coalition or closed, if a source gives it."),
    )
    on_steering_committee = models.BooleanField(_("on the steering committee"), default=False)
    steering_committee_since = models.DateField(_("steering committee since"), null=True, blank=True)
    steering_committee_until = models.DateField(_("steering committee until"), null=True, blank=True)
    steering_committee_role = models.CharField(
        _("steering committee role"), max_length=200, blank=True, help_text=_('For example "Founding member".')
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    published = models.BooleanField(_("published"), default=True)
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        editable=False,
        help_text=_("Generated for development and benchmarks; never real content."),
    )
    source = models.CharField(
        _("source"), max_length=255, blank=True, help_text=_("Where the membership is documented (staff only).")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Computed on save: a Unicode Collation Algorithm key of the name, so that names sort naturally
    # (accents and case) in every language and on every database, and a folded text for the search.
    sort_key = models.CharField(_("sort key"), max_length=1000, editable=False, default="")
    search_text = models.TextField(_("search text"), editable=False, default="")

    objects = MemberOrganisationQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("name"), FieldPanel("acronym")]), FieldPanel("slug")], heading=_("Name")
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("country"), FieldPanel("city")]),
                FieldPanel("region"),
                FieldPanel("location_shown"),
            ],
            heading=_("Place"),
        ),
        FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("logo_alt_text")], heading=_("Logo")),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldPanel("contact_email", permission=STAFF_ONLY_PERMISSION),
                FieldPanel("show_contact_email", permission=STAFF_ONLY_PERMISSION),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("membership_type"), FieldPanel("status")]),
                FieldRowPanel([FieldPanel("joined_on"), FieldPanel("left_on")]),
                FieldPanel("published"),
            ],
            heading=_("Membership"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("on_steering_committee"),
                FieldRowPanel([FieldPanel("steering_committee_since"), FieldPanel("steering_committee_until")]),
                FieldPanel("steering_committee_role"),
            ],
            heading=_("Steering committee"),
        ),
        FieldPanel("source", permission=STAFF_ONLY_PERMISSION),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("acronym"),
        index.AutocompleteField("name"),
        index.FilterField("published"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")
        ordering = ["sort_key", "name"]
        # The directory's list order and facet counts read these indexes only (status first, as an
        # equality; published last, so that the index covers the query). Not partial indexes: SQLite
        # cannot use one when the status comes as a bound parameter.
        indexes = [
            models.Index(fields=["published", "status", "name"]),
            models.Index(fields=["status", "sort_key", "published"], name="members_dir_order"),
            models.Index(
                fields=["status", "region", "country", "membership_type", "published"], name="members_dir_region"
            ),
            models.Index(
                fields=["status", "country", "region", "membership_type", "published"], name="members_dir_country"
            ),
            models.Index(
                fields=["status", "membership_type", "region", "country", "published"], name="members_dir_type"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def clean(self):
        super().clean()
        if (
            self.steering_committee_since
            and self.steering_committee_until
            and self.steering_committee_until < self.steering_committee_since
        ):
            raise ValidationError({"steering_committee_until": _("This date cannot be before the “since” date.")})
        if self.joined_on and self.left_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("This date cannot be before the date the member joined.")})
        if self.show_contact_email and not self.contact_email:
            raise ValidationError({"show_contact_email": _("There is no e-mail address to show.")})

    def compute_derived_fields(self):
        """Fill ``sort_key`` and ``search_text`` (also call it before ``bulk_create``)."""
        self.sort_key = sort_key(self.name)[:1000]
        self.search_text = search_text(f"{self.name}\n{self.acronym}")

    def save(self, *args, **kwargs):
        self.compute_derived_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_key", "search_text"}
        super().save(*args, **kwargs)

    @property
    def public_email(self):
        return self.contact_email if self.show_contact_email else ""

    @property
    def shows_country(self):
        """False when staff chose to show the member by its region only."""
        return self.location_shown != self.LocationShown.REGION

    @property
    def public_country(self):
        """The country visitors may see (a ``Country``), or None."""
        return self.country if self.shows_country and self.country else None

    @property
    def public_city(self):
        return self.city if self.shows_country else ""

    @property
    def is_current_steering_committee_member(self):
        return self.on_steering_committee and (
            self.steering_committee_until is None or self.steering_committee_until >= timezone.localdate()
        )
