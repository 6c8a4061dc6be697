"""The public member directory: filters, facet counts, pagination, bad input, profiles."""

import pytest
from django.utils import translation

from members.factories import MemberOrganisationFactory
from members.models import MemberOrganisation

from .members_helpers import DIRECTORY, facet, listed_names, notes, result_count, soup, world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def get(client, query="", url=DIRECTORY):
    response = client.get(url + query)
    assert response.status_code == 200, response.status_code
    return soup(response)


def test_unfiltered_directory_lists_published_active_members_only(client, world):
    page = get(client)
    names = listed_names(page)
    assert "Alpha Watch" in names and "Café Zébra Institute" in names
    assert "Epsilon Former" not in names and "Zeta Hidden" not in names
    total = MemberOrganisation.objects.directory().count()
    assert result_count(page) == f"{total} member organisations"


def test_region_filter(client, world):
    page = get(client, "?region=testland-north")
    assert listed_names(page) == ["Alpha Watch", "Beta Forum", "Gamma Network"]
    assert result_count(page) == "3 member organisations"


def test_sector_filter(client, world):
    page = get(client, "?sector=road-safety")
    assert listed_names(page) == ["Beta Forum", "Gamma Network"]


def test_country_filter_takes_an_iso_code_in_any_case(client, world):
    names = listed_names(get(client, "?country=gh&region=testland-north"))
    assert names == ["Gamma Network"]


def test_type_filter(client, world):
    assert listed_names(get(client, "?region=testland-north&type=supporter")) == ["Beta Forum"]


def test_filters_combine(client, world):
    assert listed_names(get(client, "?region=testland-north&sector=water-rights&country=KE")) == [
        "Alpha Watch",
        "Beta Forum",
    ]
    assert listed_names(get(client, "?region=testland-north&sector=water-rights&type=member")) == ["Alpha Watch"]


def test_text_search_on_name_and_acronym_ignores_case_and_accents(client, world):
    assert listed_names(get(client, "?q=cafe+zebra")) == ["Café Zébra Institute"]
    assert listed_names(get(client, "?q=ZÉBRA")) == ["Café Zébra Institute"]
    assert "Alpha Watch" in listed_names(get(client, "?q=aw&region=testland-north"))


def test_facet_counts_show_what_each_choice_would_give(client, world):
    page = get(client, "?region=testland-north")
    # Sectors are counted within the chosen region…
    assert facet(page, "sector")["water-rights"] == "Water rights (2)"
    assert facet(page, "sector")["road-safety"] == "Road safety (2)"
    # …regions are counted with the other filters (none here), so choosing one can be compared.
    assert facet(page, "region")["testland-south"] == "Testland South (1)"
    assert facet(page, "region")["testland-north"] == "Testland North (3)"
    assert facet(page, "type")["supporter"] == "NGO supporter (1)"
    assert facet(page, "country") == {"GH": "Ghana (1)", "KE": "Kenya (2)"}

    page = get(client, "?region=testland-north&sector=road-safety")
    assert facet(page, "region")["testland-south"] == "Testland South (0)"
    assert facet(page, "type") == {"member": "Member (1)", "supporter": "NGO supporter (1)"}
    selected = page.select_one("select[name=sector] option[selected]")
    assert selected["value"] == "road-safety"


def test_names_sort_naturally_whatever_the_accents_and_case(client, world):
    region = world["south"]
    for name in ("zulu Aid", "Ärzte für Frieden", "Amnesty Test", "Órgano Test", "bravo Group"):
        MemberOrganisationFactory(name=name, region=region)
    assert listed_names(get(client, "?region=testland-south")) == [
        "Amnesty Test",
        "Ärzte für Frieden",
        "bravo Group",
        "Café Zébra Institute",
        "Órgano Test",
        "zulu Aid",
    ]


def test_slugs_of_any_language_are_accepted_and_links_use_the_active_language(client, world):
    north = world["north"]
    north.slug_fr = "terre-du-nord"
    north.name_fr = "Terre du Nord"
    north.save()
    # An English slug on the French page (as after using the language switcher) still filters…
    page = get(client, "?region=testland-north", url="/fr/membres/")  # the directory's French slug
    assert len(listed_names(page)) == 3
    # …and the page's own links carry the French slug.
    assert page.select_one("select[name=region] option[selected]")["value"] == "terre-du-nord"
    switcher = {a.get("hreflang"): a["href"] for a in page.select(".language-switcher a")}
    assert switcher["en"] == "/en/members/?region=testland-north"
    # The French slug works on the English page too.
    assert len(listed_names(get(client, "?region=terre-du-nord"))) == 3


def test_an_empty_result_says_so_and_offers_to_clear_the_filters(client, world):
    page = get(client, "?region=testland-south&type=supporter")
    assert listed_names(page) == []
    empty = page.select_one(".member-empty")
    assert "No member organisation matches these filters." in empty.get_text()
    assert empty.select_one("a")["href"] == DIRECTORY


def test_active_filters_can_be_removed_one_by_one(client, world):
    page = get(client, "?region=testland-north&sector=water-rights")
    links = {
        li.select_one("strong").get_text(): li.select_one("a")["href"]
        for li in page.select(".member-active-filters li")
    }
    assert links == {
        "Testland North": f"{DIRECTORY}?sector=water-rights",
        "Water rights": f"{DIRECTORY}?region=testland-north",
    }


def test_pagination_has_clean_urls_and_keeps_the_filters(client, world):
    for number in range(30):
        MemberOrganisationFactory(name=f"Paged member {number:02d}", region=world["south"])
    first = get(client, "?region=testland-south")
    assert len(listed_names(first)) == 24
    assert result_count(first) == "31 member organisations (page 1 of 2)"
    next_link = first.select_one(".pagination a[rel=next]")["href"]
    assert next_link == f"{DIRECTORY}?region=testland-south&page=2"
    second = get(client, "?region=testland-south&page=2")
    assert len(listed_names(second)) == 7
    assert second.select_one(".pagination a[rel=prev]")["href"] == f"{DIRECTORY}?region=testland-south"
    assert second.select_one(".pagination a[aria-current=page]").get_text(strip=True).endswith("2")


@pytest.mark.parametrize(
    ("query", "note"),
    [
        ("?region=nowhere", "There is no region “nowhere”; that filter was ignored."),
        ("?sector=nothing-at-all", "There is no sector “nothing-at-all”; that filter was ignored."),
        ("?country=XX", "There is no country “XX”; that filter was ignored."),
        ("?type=sponsor", "There is no membership type “sponsor”; that filter was ignored."),
        ("?page=abc", "There is no page “abc”; that filter was ignored."),
        ("?page=-1", "There is no page “-1”; that filter was ignored."),
        ("?region=%00", "The value given for “region” contains a NUL character; it was ignored."),
        ("?q=abc%00def", "The value given for “q” contains a NUL character; it was ignored."),
        ("?q=" + "x" * 5000, "The value given for “q” is longer than 200 characters; it was ignored."),
        ("?region=" + "r" * 5000, "The value given for “region” is longer than 200 characters; it was ignored."),
    ],
)
def test_bad_filter_values_are_ignored_with_a_visible_note(client, world, query, note):
    page = get(client, query)
    assert note in notes(page)
    assert page.select_one(".member-notes")["role"] == "status"
    assert len(listed_names(page)) > 0  # the unfiltered list, not an error


@pytest.mark.parametrize("query", ["?page=99999", "?page=2", "?region=testland-south&page=3"])
def test_a_page_beyond_the_last_is_a_404(client, world, query):
    response = client.get(DIRECTORY + query)
    assert response.status_code == 404


@pytest.mark.parametrize("url", ["members.csv", "members.json"])
@pytest.mark.parametrize("query", ["?region=%00", "?q=" + "é" * 5000, "?page=abc", "?country=%00%00"])
def test_open_data_never_fails_on_bad_input(client, url, query):
    assert client.get(f"/en/{url}{query}").status_code == 200


def test_the_directory_works_without_javascript(client, world):
    page = get(client, "?region=testland-north")
    assert page.select("script") == []
    form = page.select_one("form.member-filters")
    assert form["method"] == "get"
    assert form["action"] == DIRECTORY
    assert form.select_one("button[type=submit]")
    for control in form.select("select, input"):
        assert page.select_one(f"label[for={control['id']}]"), control["name"]
    # Headings go down one level at a time.
    levels = [int(h.name[1]) for h in page.select("main h1, main h2, main h3")]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


# --- profiles ---------------------------------------------------------------------------------


def test_profile_shows_the_member_and_links_back_to_filtered_lists(client, world):
    beta = world["beta"]
    beta.website = "https://beta.example.org"
    beta.city = "Nairobi"
    beta.description = "Roads and water for all."
    beta.contact_email = "hello@beta.example.org"
    beta.save()
    page = get(client, url=f"{DIRECTORY}{beta.slug}/")
    assert page.select_one("h1").get_text(" ", strip=True) == "Beta Forum"
    text = page.select_one("main").get_text(" ", strip=True)
    assert "Nairobi, Kenya" in text and "Roads and water for all." in text and "NGO supporter" in text
    assert "hello@beta.example.org" not in text  # the member did not agree to show it
    links = {a.get_text(strip=True): a["href"] for a in page.select(".member-profile__facts a")}
    assert links["Testland North"] == f"{DIRECTORY}?region=testland-north"
    assert links["Water rights"] == f"{DIRECTORY}?sector=water-rights"
    assert links["Road safety"] == f"{DIRECTORY}?sector=road-safety"
    assert links["https://beta.example.org"] == "https://beta.example.org"
    assert page.select("script") == []
    # The directory links to the profile, and the language switcher points to the same profile.
    assert page.select_one(".language-switcher a[hreflang=fr]")["href"] == f"/fr/membres/{beta.slug}/"
    listed = get(client, "?region=testland-north").select_one(f'a[href="{DIRECTORY}{beta.slug}/"]')
    assert listed is not None


def test_profile_shows_the_email_only_when_the_member_agreed(client, world):
    alpha = world["alpha"]
    alpha.contact_email = "info@alpha.example.org"
    alpha.show_contact_email = True
    alpha.save()
    page = get(client, url=f"{DIRECTORY}{alpha.slug}/")
    assert page.select_one('a[href="mailto:info@alpha.example.org"]')


def test_profile_marks_untranslated_description(client, world):
    alpha = world["alpha"]
    alpha.description_en = "English only."
    alpha.save()
    page = get(client, url=f"/fr/membres/{alpha.slug}/")
    lead = page.select_one(".member-profile .lead")
    assert lead["lang"] == "en" and lead["dir"] == "ltr"


def test_former_members_keep_a_profile_that_says_so(client, world):
    page = get(client, url=f"{DIRECTORY}{world['former'].slug}/")
    assert "Former member of the coalition" in page.get_text()


@pytest.mark.parametrize("slug", ["no-such-member", "zeta-hidden", "%00", "x" * 3000])
def test_unknown_or_unpublished_profiles_are_404(client, world, slug):
    if slug == "zeta-hidden":
        slug = world["hidden"].slug
    assert client.get(f"{DIRECTORY}{slug}/").status_code == 404


def test_home_page_shows_the_coalition_in_numbers_from_real_records_only(client):
    with translation.override("en"):
        before = MemberOrganisation.objects.coalition_numbers()
    MemberOrganisationFactory.create_batch(3, is_sample=True, published=True, status="active")
    with translation.override("en"):
        numbers = MemberOrganisation.objects.coalition_numbers()
    assert numbers == before  # generated sample organisations never count
    page = get(client, url="/en/")
    figures = {item.dt.get_text(strip=True): item.dd.get_text(strip=True) for item in page.select(".numbers__item")}
    assert figures["member organisations"] == str(numbers["members"])
    assert figures["countries"] == str(numbers["countries"])
    assert figures["regions of the world"] == str(numbers["regions"])
    assert page.select_one(".numbers__more a")["href"] == DIRECTORY


def test_lists_of_sectors_follow_the_language(client, world):
    # Beta Forum works on two sectors; the test sectors have only English names, so the names stay
    # English, but the list is joined the page's way: "a and b", Arabic "أ و ب", Chinese "甲和乙".
    expected = {"en": " and ", "ar": " و", "zh-hans": "和"}
    for language, joiner in expected.items():
        # (the directory's Chinese address is its translated slug; /zh-hans/members/ redirects to it)
        page = soup(client.get(f"/{language}/members/", {"q": "Beta"}, follow=True))
        line = page.select_one(".member-summary__sectors").get_text()
        # (after the first, a sector is a common noun in lower case: "Road safety and water rights")
        assert "water rights" in line.lower() and "road safety" in line.lower()
        assert joiner in line, (language, line)
        if language == "en":
            assert line.strip() in ("Road safety and water rights", "Water rights and road safety"), line


def test_steering_committee_names_link_to_profiles(client):
    page = get(client, url="/en/about/steering-committee/")
    link = page.select_one(".member-summary__name a")
    assert link["href"].startswith(DIRECTORY)
    assert client.get(link["href"]).status_code == 200


def test_global_is_not_counted_as_a_region_of_the_world(client):
    """The initial members work in five regions and worldwide: the home page says five regions of the
    world, not six (third language review), and the directory still lists and filters "Global"."""
    from members.models import Region

    real = MemberOrganisation.objects.real().directory()
    in_regions = real.filter(region__worldwide=False).values("region").distinct().count()
    assert Region.objects.get(slug_en="global").worldwide
    assert real.filter(region__slug_en="global").exists() and in_regions < real.values("region").distinct().count()
    page = get(client, url="/en/")
    figures = {item.dt.get_text(strip=True): item.dd.get_text(strip=True) for item in page.select(".numbers__item")}
    assert figures["regions of the world"] == str(in_regions)
    assert "Global" in get(client, url=DIRECTORY).get_text()


def test_the_directory_counts_real_members_as_home_does_and_says_the_samples_apart(client, world):
    """One rule for every public count: real organisations. The directory still lists generated samples
    (clearly badged) and says how many of its list they are, so its figure matches the home page's."""
    real = MemberOrganisation.objects.directory().count()
    assert result_count(get(client)) == f"{real} member organisations"  # no samples: nothing more
    MemberOrganisationFactory.create_batch(2, is_sample=True, published=True, status="active")
    page = get(client)
    assert result_count(page) == f"{real} member organisations (and 2 samples)"
    home = get(client, url="/en/")
    figures = {item.dt.get_text(strip=True): item.dd.get_text(strip=True) for item in home.select(".numbers__item")}
    assert figures["member organisations"] == str(real)
    with translation.override("ar"):
        arabic = get(client, url=DIRECTORY.replace("/en/", "/ar/", 1))
    assert arabic.select_one(".member-results__samples")
