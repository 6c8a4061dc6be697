"""Hypothesis throws hostile values at every public URL that takes input: never a 5xx.

NUL bytes, unterminated quotes, huge numbers, long strings, odd Unicode (and raw bytes, which are
percent-encoded: lone surrogates cannot be encoded at all). Django's test client keeps it fast; the
number of examples is bounded. Add new parameterised URLs to the lists below.
"""

import urllib.parse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fr", "es", "ar", "zh-hans", "ru"]
# Every public page; the directory's own parameters are fuzzed on top of these.
PAGE_PATHS = [
    "/en/",
    "/en/about/",
    "/en/about/history/",
    "/en/about/steering-committee/",
    "/en/responsibility-to-protect/",
    "/en/members/",
    "/en/contact/",
    "/en/contact/write/",
    "/en/join/",
    "/en/newsletter/",
    "/en/privacy/",
    "/ar/members/",
    "/en/search/",
    "/ar/search/",
]
DIRECTORY = "/en/members/"
DIRECTORY_PARAMETERS = ["page", "region", "sector", "country", "type", "membership_type", "q", "status", "sort"]
SEARCH = "/en/search/"
SEARCH_PARAMETERS = ["q", "page", "kind"]
# Other language-neutral or prefixed URLs that read the query string.
OTHER_PATHS = ["/sitemap.xml", "/en/members.csv", "/en/members.json", "/healthz"]

FUZZ = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)

nasty_text = st.one_of(
    st.text(min_size=0, max_size=40),  # any Unicode but surrogates: RTL marks, emoji, combining marks...
    st.sampled_from(
        [
            "\x00",
            "a\x00b",
            "'",
            '"',
            "\"'><script>",
            "' OR '1'='1",
            "%00",
            "%",
            "%%",
            "%ZZ",
            "..",
            "../../etc/passwd",
            "\\",
            "\u202e",
            "\ufeff",
            "\uffff",
            "𝕏",
            "ا",
            "\n\r",
            " ",
            "-1",
            "0",
            "1e309",
            "NaN",
            "[]",
            "{}",
        ]
    ),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=500, max_size=3000),
    st.text(alphabet="\x00'\"\\%<>&;", min_size=1, max_size=20),
)
# Raw bytes, percent-encoded: invalid UTF-8 sequences in the URL.
raw_bytes = st.binary(min_size=1, max_size=40).map(lambda b: urllib.parse.quote_from_bytes(b, safe=""))


def encoded(value):
    return urllib.parse.quote(value, safe="")


def assert_no_server_error(client, path, query=""):
    response = client.get(path, QUERY_STRING=query)
    assert response.status_code < 500, f"{path}?{query[:200]} gave {response.status_code}"
    return response


@FUZZ
@given(
    prefix=st.one_of(nasty_text.map(encoded), raw_bytes, st.sampled_from(LANGUAGES)),
    rest=st.sampled_from(["", "about/", "members/"]),
)
def test_language_prefixes(client, prefix, rest):
    assert_no_server_error(client, f"/{prefix}/{rest}")


@pytest.mark.slow
@FUZZ
@given(path=st.sampled_from(PAGE_PATHS + OTHER_PATHS), value=st.one_of(nasty_text.map(encoded), raw_bytes))
def test_page_parameter_everywhere(client, path, value):
    assert_no_server_error(client, path, f"page={value}")


@FUZZ
@given(
    path=st.sampled_from(PAGE_PATHS),
    name=st.one_of(st.sampled_from(DIRECTORY_PARAMETERS), nasty_text.map(encoded), raw_bytes),
    value=st.one_of(nasty_text.map(encoded), raw_bytes),
    repeat=st.integers(min_value=1, max_value=3),
)
def test_any_query_parameter_on_any_page(client, path, name, value, repeat):
    assert_no_server_error(client, path, "&".join([f"{name}={value}"] * repeat))


@FUZZ
@given(
    values=st.dictionaries(
        st.sampled_from(DIRECTORY_PARAMETERS), st.one_of(nasty_text.map(encoded), raw_bytes), min_size=1, max_size=5
    ),
    language=st.sampled_from(LANGUAGES),
)
def test_directory_filters_combined(client, values, language):
    query = "&".join(f"{name}={value}" for name, value in values.items())
    assert_no_server_error(client, DIRECTORY.replace("/en/", f"/{language}/"), query)


@FUZZ
@given(
    values=st.dictionaries(
        st.sampled_from(SEARCH_PARAMETERS), st.one_of(nasty_text.map(encoded), raw_bytes), min_size=1, max_size=2
    ),
    language=st.sampled_from(LANGUAGES),
)
def test_search_words_and_results_page_combined(client, values, language):
    query = "&".join(f"{name}={value}" for name, value in values.items())
    assert_no_server_error(client, SEARCH.replace("/en/", f"/{language}/"), query)


@FUZZ
@given(
    segment=st.one_of(nasty_text.map(encoded), raw_bytes).filter(lambda s: s not in ("", ".", "..")),
    trailing=st.sampled_from(["/", "", "/extra/", "/?page=2"]),
)
def test_path_segments_under_the_directory(client, segment, trailing):
    path, _, query = f"{DIRECTORY}{segment}{trailing}".partition("?")
    assert_no_server_error(client, path, query)


@pytest.mark.slow
@FUZZ
@given(segment=st.one_of(nasty_text.map(encoded), raw_bytes).filter(lambda s: s not in ("", ".", "..")))
def test_path_segments_under_pages(client, segment):
    for base in ("/en/", "/en/about/", "/fr/"):
        assert_no_server_error(client, f"{base}{segment}/")


@pytest.mark.parametrize(
    "path",
    [
        "/en/members/?page=abc",
        "/en/members/?page=99999999999999999999999",
        "/en/members/?page=-1",
        "/en/members/?region=nowhere",
        "/en/members/?region=%00",
        "/en/members/%00/",
        "/en/%00/",
        "/%00/",
        "/en/about/?page=%00",
        "/en/" + "a" * 5000 + "/",
        "/en/members/?q=" + "%27" * 3000,
        "/en/%ED%A0%80/",  # an encoded lone surrogate
        "/en/%FF%FE/",
        "/en/search/?q=coalition&page=99999999999999999999999",
        "/en/search/?q=coalition&page=-1",
        "/en/search/?q=%00&page=%00",
        "/en/search/?q=" + "%27" * 3000,
        "/ar/search/?q=%D8%A7&page=2",
        "/en/search/?q=a%20%26%20b%20%7C%20!c%20%3A*%20%27&kind=member",  # tsquery operators
        "/zh-hans/search/?q=%E7%81%AD&kind=%00",
        "/en/search/?q=A%2F%2F%2FRES&page=1e9",
        "/en/search/?q=" + "%D9%88%D8%A7%D9%84" * 60,  # Arabic prefixes, repeated
    ],
)
def test_known_nasty_addresses(client, path):
    path, _, query = path.partition("?")
    assert_no_server_error(client, path, query)
