"""The documentation stays short, says each thing once, names every app and links to what exists.

Reads ``README.md``, ``docs/*.md`` and ``static/README.md`` as text; no database, no Django.

Sentences are compared after whitespace is normalised. Fenced code blocks and table rows (lines that
begin with ``|``) are left out: commands, settings and table cells repeat by nature (``make test``,
``| same |``) and would be false positives. Every check is run once on a small made-up text in this
file, so that it is known to be able to fail.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
MIN_SENTENCE = 40
MAX_README_LINES = 300


def documents():
    """The files checked, README first."""
    return [README, *sorted((ROOT / "docs").glob("*.md")), ROOT / "static" / "README.md"]


def where(path):
    return str(path.relative_to(ROOT)) if isinstance(path, Path) and path.is_absolute() else str(path)


# --- (1) no sentence twice -------------------------------------------------------------------------

SENTENCE_END = re.compile(r"[.!?][)\]\"'”’*_`]*$")


def prose_paragraphs(text):
    """[(first line number, [(word, line number), ...])] of the text's paragraphs, without fenced code
    blocks and table rows. A heading, a list item and a blank line each start a new paragraph."""
    paragraphs, current, fenced = [], [], False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fenced = not fenced
            stripped = ""
        if fenced or stripped.startswith("|"):
            stripped = ""
        item = re.match(r"([-*+]|\d+\.)\s+", stripped)
        if (not stripped or stripped.startswith("#") or item) and current:
            paragraphs.append(current)
            current = []
        if item:
            stripped = stripped[item.end() :]
        current.extend((word, number) for word in stripped.split())
        if stripped.startswith("#") and current:  # a heading is a paragraph of its own
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def sentences(text):
    """[(sentence, line number)]: whitespace normalised, split after ``.``, ``!`` or ``?`` (closing
    brackets, quotes and emphasis marks may follow) at the end of a word."""
    found = []
    for words in prose_paragraphs(text):
        start = 0
        for index, (word, _line) in enumerate(words):
            if SENTENCE_END.search(word) or index == len(words) - 1:
                found.append((" ".join(w for w, _ in words[start : index + 1]), words[start][1]))
                start = index + 1
    return found


def repeated_sentences(texts):
    """[(sentence, first place, second place)] for every sentence of ``MIN_SENTENCE`` characters or
    more found twice in ``texts`` ({name: text}); a place is ``name:line``."""
    seen, repeats = {}, []
    for name, text in texts.items():
        for sentence, line in sentences(text):
            if len(sentence) < MIN_SENTENCE:
                continue
            place = f"{where(name)}:{line}"
            if sentence in seen:
                repeats.append((sentence, seen[sentence], place))
            else:
                seen[sentence] = place
    return repeats


def test_the_sentence_splitter_and_repeat_finder_work():
    text = (
        "# Title\nThe first sentence is long enough to be compared here. A short one.\n"
        "The third sentence wraps\nover two lines and is long enough.\n\n"
        "```sh\nmake run   # this code line is long enough to be compared, but it is code.\n```\n"
        "| this table row is long enough to be compared, but it is a table. |\n"
    )
    assert sentences(text) == [
        ("# Title", 1),
        ("The first sentence is long enough to be compared here.", 2),
        ("A short one.", 2),
        ("The third sentence wraps over two lines and is long enough.", 3),
    ]
    other = "- The third   sentence wraps over two lines\n  and is long enough. Something else.\n" + text[-80:]
    assert repeated_sentences({"a.md": text, "b.md": other}) == [
        ("The third sentence wraps over two lines and is long enough.", "a.md:3", "b.md:1")
    ]


def test_no_sentence_stands_twice():
    texts = {path: path.read_text(encoding="utf-8") for path in documents()}
    repeats = repeated_sentences(texts)
    assert not repeats, "\n".join(f"{first} and {second}: {sentence}" for sentence, first, second in repeats)


# --- (2) every app is named in docs/architecture.md ------------------------------------------------


def app_folders(root=ROOT):
    """Top-level folders with an ``apps.py`` (only those that exist: an app on another branch is
    checked once it is here)."""
    return sorted(path.parent.name for path in root.glob("*/apps.py"))


def unnamed_apps(apps, text):
    """The apps that ``text`` never names as ``name/`` or ``\\`name\\```."""
    return [app for app in apps if not re.search(rf"(?<![\w/.-]){re.escape(app)}/|`{re.escape(app)}`", text)]


def test_the_app_name_check_works(tmp_path):
    for name in ("alpha", "beta"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "apps.py").write_text("")
    (tmp_path / "gamma").mkdir()
    assert app_folders(tmp_path) == ["alpha", "beta"]
    assert unnamed_apps(["alpha", "beta"], "`alpha` and the alphabet; betamax/ and beta.") == ["beta"]
    assert unnamed_apps(["alpha", "beta"], "alpha/ holds X; `beta` holds Y.") == []


def test_architecture_names_every_app():
    apps = app_folders()
    assert {"core", "pages"} <= set(apps)
    assert not unnamed_apps(apps, ARCHITECTURE.read_text(encoding="utf-8")), "add them to docs/architecture.md"


# --- (3) the README stays short ---------------------------------------------------------------------


def too_long(text, limit=MAX_README_LINES):
    return len(text.splitlines()) > limit


def test_the_length_check_works():
    assert too_long("line\n" * 301)
    assert not too_long("line\n" * 300)


def test_the_readme_is_at_most_300_lines():
    text = README.read_text(encoding="utf-8")
    assert not too_long(text), f"README.md has {len(text.splitlines())} lines; move material into docs/"


# --- (4) relative links lead somewhere ---------------------------------------------------------------

LINK = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r"^\s*\[[^\]]+\]:\s*(\S+)", re.MULTILINE)


def without_code_fences(text):
    return re.sub(r"^(```|~~~).*?^\1", "", text, flags=re.MULTILINE | re.DOTALL)


def without_code(text):
    """The text without fenced code blocks and inline code spans (a ``[x](y)`` there is not a link)."""
    return re.sub(r"`[^`\n]*`", "", without_code_fences(text))


def anchors(text):
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens."""
    found = set()
    for heading in re.findall(r"^#{1,6}\s+(.+?)\s*#*\s*$", without_code_fences(text), flags=re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.replace("`", "").lower()).replace(" ", "-")
        base, count = slug, 1
        while slug in found:
            slug, count = f"{base}-{count}", count + 1
        found.add(slug)
    return found


def broken_links(path, text):
    """[(target, reason)] of the relative links in ``text`` (a Markdown file at ``path``) whose file,
    or whose ``#anchor`` in a Markdown file, does not exist. Links with a scheme are not checked."""
    broken = []
    for target in LINK.findall(without_code(text)) + REFERENCE.findall(without_code(text)):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
            continue
        file_part, _, anchor = target.partition("#")
        if not file_part:
            if anchor not in anchors(text):
                broken.append((target, "no such heading"))
            continue
        linked = (path.parent / file_part).resolve()
        if not linked.exists():
            broken.append((target, "no such file"))
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked.read_text(encoding="utf-8")):
            broken.append((target, "no such heading"))
    return broken


def test_the_link_check_works(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "there.md").write_text("# There\n\n## Two-factor authentication (2FA)\n")
    page = tmp_path / "README.md"
    text = (
        "[ok](docs/there.md) [ok](docs/there.md#two-factor-authentication-2fa) [web](https://example.org)\n"
        "[gone](docs/missing.md) [bad anchor](docs/there.md#nowhere) `[code](docs/nope.md)` [self](#here)\n"
        "## Here\n"
    )
    assert broken_links(page, text) == [
        ("docs/missing.md", "no such file"),
        ("docs/there.md#nowhere", "no such heading"),
    ]


def test_relative_links_lead_to_existing_files():
    broken = [
        f"{where(path)}: {target} ({reason})"
        for path in documents()
        for target, reason in broken_links(path, path.read_text(encoding="utf-8"))
    ]
    assert not broken, "\n".join(broken)
