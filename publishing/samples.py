"""Sample crises, articles and statements (``manage.py make_sample_content``, registered in
``core.samples``): titled "Sample …", flagged ``is_sample``, signed only by sample organisations (never
by real ones), with generated images (Pillow) marked SAMPLE. Never loaded by ``make run``."""

import datetime
import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents.models import Document
from wagtail.images.models import Image

from core.dates import DatePrecision
from core.samples import SAMPLE_REGION_OF_COUNTRY, register_samples
from members.models import MemberOrganisation, Region, Sector

from .models import (
    ArticlePage,
    ArticleSignatory,
    CrisisDevelopment,
    CrisisIndexPage,
    CrisisLevel,
    CrisisLevelChange,
    CrisisPage,
    NewsIndexPage,
)

SAMPLE_TAG = "sample-content"
SAMPLE_TEXT = "Generated sample text for development; not a real crisis, statement or organisation."
# A sample article's body: paragraphs of their own (the teaser, shown above it as the lead, is not
# repeated), long enough to see how a text reads, and saying on every line that it is generated.
SAMPLE_BODY = [
    (
        "paragraph",
        "<p>This is the generated body of a sample page, made to show how a longer text reads on the site. "
        "No organisation wrote, signed or published it, and nothing in it is a fact.</p>",
    ),
    (
        "paragraph",
        "<p>A second generated paragraph follows, so that the space between paragraphs, the length of the "
        "lines and the column beside the text can be judged with something like real content.</p>",
    ),
]
SAMPLE_RISK = "Generated sample risk factor; not a real assessment."
SAMPLE_ACTION = "Generated sample recommendation; not a real call to anyone."
PRECISIONS = [DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR]
SAMPLE_REASON = "Sample level change, generated for development: not a real assessment."
# Countries the shipped UN texts cover, so that the country filter and a crisis page's UN texts show
# on sample crises. The crises stay "Sample crisis N" with sample reasons: no real assessment.
SAMPLE_COUNTRIES = ["SS", "SY", "LY", "CF", "BI", "SD", "ML", "CD"]


def sample_level_history(number, levels):
    """Two or three sample level changes (dates of every precision) ending at one of the existing
    levels, each marked as a sample, not a real assessment."""
    if not levels:
        return []
    steps = 2 + number % 2
    history = []
    for step in range(steps):
        precision = PRECISIONS[(number + step) % 3]
        day = 15 if precision == DatePrecision.DAY else 1
        month = 1 if precision == DatePrecision.YEAR else 1 + (number + 4 * step) % 12
        history.append(
            CrisisLevelChange(
                level=levels[(number + step) % len(levels)],
                date=datetime.date(2019 + 2 * step, month, day),
                precision=precision,
                reason=SAMPLE_REASON,
            )
        )
    return history


def sample_image(number):
    """A generated picture that says SAMPLE (so it can never pass for a real photograph), in letters large
    enough to read wherever it is shown: on a phone's card (a quarter of its size) and in every crop the
    site makes of it (16:9 cards, the 4:3 picture beside a page's title)."""
    width, height = 1200, 600
    picture = PILImage.new("RGB", (width, height), (40 + number * 30 % 150, 70, 110))
    draw = ImageDraw.Draw(picture)
    for offset in range(0, width, 60):
        draw.line([(offset, 0), (offset + 300, height)], fill=(90, 120, 160), width=8)
    # The words sit inside the 4:3 crop around the centre (x 200-1000), on a white panel.
    draw.rectangle([(250, 130), (950, 470)], fill=(255, 255, 255))
    font = ImageFont.load_default(size=128)  # Pillow's own scalable font: no system font needed
    for line, middle in (("SAMPLE", 230), (f"IMAGE {number}", 375)):
        draw.text((width / 2, middle), line, fill=(20, 20, 20), font=font, anchor="mm")
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    image = Image(title=f"Sample image {number}", focal_point_x=600, focal_point_y=300, focal_point_width=200)
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name=f"sample-image-{number}.png")
    image.save()
    image.tags.add(SAMPLE_TAG)
    return image


def sample_members(count=4):
    """Sample organisations to sign the sample statements (made if there are not enough)."""
    members = list(MemberOrganisation.objects.samples().filter(published=True, status="active").order_by("pk")[:count])
    if len(members) < count and Region.objects.exists():
        from members.management.commands.make_sample_members import make_samples

        make_samples(count - len(members), list(Region.objects.all()), list(Sector.objects.all()))
        members = list(MemberOrganisation.objects.samples().filter(published=True).order_by("pk")[:count])
    return members


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make(count=6):
    """``count`` sample crises and ``2 * count`` sample articles (a third of them statements signed by two
    sample organisations). Returns how many pages were created."""
    crises_index = CrisisIndexPage.objects.first()
    news_index = NewsIndexPage.objects.first()
    if crises_index is None or news_index is None:
        return 0
    members = sample_members()
    regions = {region.slug_en: region for region in Region.objects.all()}
    levels = list(CrisisLevel.objects.all())
    start = CrisisPage.objects.samples().count()
    created = 0
    crises = []
    for number in range(start + 1, start + count + 1):
        country = SAMPLE_COUNTRIES[number % len(SAMPLE_COUNTRIES)]
        crisis = CrisisPage(
            title=f"Sample crisis {number}",
            slug=f"sample-crisis-{number}",
            countries=[country],
            region=regions.get(SAMPLE_REGION_OF_COUNTRY[country]),  # none rather than another country's
            summary=SAMPLE_TEXT,
            image=sample_image(number) if number <= 3 else None,
            image_alt_text="A generated pattern with the words SAMPLE IMAGE",
            risk_factors=f"<ul><li>{SAMPLE_RISK}</li></ul>",
            recommended_actions=f"<ul><li>{SAMPLE_ACTION}</li></ul>",
            is_sample=True,
        )
        crisis.level_changes = sample_level_history(number, levels)
        crisis.members = members[: 1 + number % 2]
        crisis.developments = [
            CrisisDevelopment(
                date=datetime.date(
                    2020 + step, 1 + number % 12, 1 if PRECISIONS[step % 3] != DatePrecision.DAY else 15
                ),
                precision=PRECISIONS[step % 3],
                title=f"Sample development {step + 1}",
                text=f"Generated sample text about sample development {step + 1}; not a real event.",
            )
            for step in range(3)
        ]
        crises.append(publish(crises_index, crisis))
        created += 1
    kinds = [kind for kind, _label in ArticlePage.Kind.choices]
    start = ArticlePage.objects.samples().count()
    today = datetime.date.today()
    for number in range(start + 1, start + 2 * count + 1):
        kind = ArticlePage.Kind.STATEMENT if number % 3 == 0 else kinds[number % len(kinds)]
        article = ArticlePage(
            title=f"Sample {ArticlePage.Kind(kind).label.lower()} {number}",
            slug=f"sample-article-{number}",
            kind=kind,
            date=today - datetime.timedelta(days=40 * number),
            teaser=SAMPLE_TEXT,
            body=SAMPLE_BODY,
            is_sample=True,
        )
        if crises:
            article.related_crises = [crises[number % len(crises)]]
        if kind == ArticlePage.Kind.STATEMENT and len(members) >= 2:
            article.by_secretariat = number % 2 == 0
            article.signatories = [ArticleSignatory(member=member) for member in members[:2]]
        publish(news_index, article)
        created += 1
    attach_sample_document(news_index)
    return created


def attach_sample_document(news_index):
    """One generated text file, attached to the newest sample statement."""
    statement = ArticlePage.objects.samples().filter(kind=ArticlePage.Kind.STATEMENT).order_by("-date").first()
    if statement is None or statement.attachments.exists():
        return
    document = Document(title="Sample attachment (generated)")
    document.file.save("sample-attachment.txt", ContentFile(SAMPLE_TEXT.encode()), save=False)
    document.save()
    document.tags.add(SAMPLE_TAG)
    statement.attachments.create(document=document, title="Sample attachment")


def delete():
    """Remove every sample crisis, article, image and document. Returns how many pages were removed."""
    removed = 0
    for model in (ArticlePage, CrisisPage):
        for page in model.objects.samples():
            page.delete()
            removed += 1
    for model in (Image, Document):
        for obj in model.objects.filter(tags__name=SAMPLE_TAG):
            obj.delete()
    return removed


register_samples("publishing", make=make, delete=delete, order=20)
