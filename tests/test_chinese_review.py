"""What the fourth Chinese language read found, as a Chinese visitor reads it: one name for the NGO
supporters, the official wording of paragraph 139, the staff's reply, the steering committee's note on
former members only when there are some, pages read as 第1页, and full-width brackets."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup

from core import generation
from members.models import MemberOrganisation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("forget_cached_site_roots")]


def text_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return re.sub(r"\s+", " ", BeautifulSoup(response.content, "html.parser").select_one("main").get_text(" "))


def test_the_join_page_names_the_ngo_supporters_one_way(client):
    main = text_of(client, "/zh-hans/join/")
    assert "非政府组织支持者" in main and "支持方非政府组织" not in main
    assert "收件办事处" in text_of(client, "/zh-hans/contact/write/")
    assert "工作人员将通过您提供的电子邮件地址回复您" in text_of(client, "/zh-hans/contact/write/")


def test_pillar_three_follows_the_official_chinese_of_paragraph_139(client):
    main = text_of(client, "/zh-hans/responsibility-to-protect/")
    assert "有关国家当局显然无法保护其人民，国际社会随时准备" in main
    assert "都必须对这四种罪行采取行动" in main
    assert "一国显然未能保护其人民" not in main


def test_the_steering_committee_speaks_of_former_members_only_when_there_are_some(client):
    url = "/zh-hans/about/steering-committee/"
    assert not MemberOrganisation.objects.former_steering_committee().exists()
    assert "任期已结束的组织" not in text_of(client, url)  # it said so above an absent list
    member = MemberOrganisation.objects.steering_committee().first()
    member.steering_committee_until = datetime.date(2020, 1, 1)
    member.save()
    generation.bump()
    main = text_of(client, url)
    assert "任期已结束的组织列于“前成员”之下。" in main and "指导委员会前成员" in main


def test_pages_of_a_list_are_read_as_one_phrase_and_brackets_are_full_width(client):
    html = BeautifulSoup(client.get("/zh-hans/un-texts/").content, "html.parser")
    pages = [a.get_text(strip=True) for a in html.select(".pagination li a")]
    assert pages and pages[0] == "第1页1", pages  # read "第1页"; the number alone is shown
    search = BeautifulSoup(client.get("/zh-hans/search/?q=保护责任").content, "html.parser")
    counts = [c.get_text() for c in search.select(".facet-list__count")]
    assert counts and all(c.startswith("（") and c.endswith("）") for c in counts), counts
