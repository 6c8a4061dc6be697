"""The office vCard download."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from .links import site_home_url
from .models import Office
from .vcard import office_vcard


def vcard(request, pk):
    """``/<lang>/offices/<pk>.vcf``: the office's contact card in the URL's language; 404 when the
    office does not exist or is not published."""
    office = get_object_or_404(Office.objects.for_public_display(), pk=pk)
    body = office_vcard(office, url=site_home_url(request))
    response = HttpResponse(body.encode("utf-8"), content_type="text/vcard; charset=utf-8")
    filename = f"icrtop-{slugify(office.name_en or '') or f'office-{office.pk}'}.vcf"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
