"""The bundled directory: real entries, our own words, and no number that is not in an entry."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from generator.data.schema import KINDS
from generator.data.validate import load_directory

from .conftest import FIXTURES, ROOT
from .shingles import shingles

DATA = ROOT / "data" / "resources.yaml"
CONTENT = ROOT / "content"


@pytest.fixture(scope="module")
def directory():
    return load_directory(DATA, ROOT / "data" / "taxonomy.yaml")


# --- the dataset ----------------------------------------------------------------------


def test_the_dataset_covers_every_kind_and_region(directory):
    entries = directory.published
    assert len(entries) >= 55
    assert set(Counter(e.kind for e in entries)) == set(KINDS)
    regions = {ref.region for e in entries for ref in e.regions}
    assert {
        "uk",
        "england",
        "scotland",
        "wales",
        "northern-ireland",
        "united-states",
        "australia",
        "international",
    } <= regions


def test_local_services_in_the_seed_areas_and_every_nation(directory):
    areas = {
        (ref.region, ref.area)
        for e in directory.published
        if e.kind == "local-service"
        for ref in e.regions
        if ref.area
    }
    assert ("england", "cambridgeshire-and-peterborough") in areas
    assert {("england", "dudley"), ("england", "black-country"), ("england", "west-midlands")} & areas
    for nation in ("england", "scotland", "wales", "northern-ireland"):
        assert any(region == nation for region, _ in areas), nation


def test_every_entry_records_sources_and_a_review_date(directory):
    for entry in directory.entries:
        assert entry.sources and entry.last_reviewed


def test_crisis_lines_cover_every_nation(directory):
    crisis = [e for e in directory.published if e.crisis]
    for nation in directory.taxonomy.nations:
        assert any(
            nation in directory.taxonomy.covered_by(ref.region) or ref.region == nation
            for e in crisis
            for ref in e.regions
        ), nation


# --- phone numbers ----------------------------------------------------------------------

_CANDIDATE = re.compile(r"(?<![\w/.:=#-])(\+?\d+(?:[ -]\d+)*)(?![\w/])")
_YEARS = re.compile(r"^(19|20)\d\d( ?[-–] ?(19|20)\d\d| ?-[01]\d(-[0-3]\d)?)?$")  # years, ranges and dates
_SHORT_CODE_CONTEXT = re.compile(r"\b(call|calls|calling|text|texting|dial|ring|phone|on)\s*$", re.I)
_REFERENCE_CONTEXT = re.compile(r"(\bNo\.|\(SMA\))\s*$")  # publication numbers such as (SMA) 14-4884


def phone_like_numbers(text: str) -> list[str]:
    """Digit runs that read as phone numbers: five or more digits (spaces and
    hyphens allowed), or a short code right after "call", "text", "dial" ..."""
    found = []
    for match in _CANDIDATE.finditer(text):
        raw = match.group(1).strip(" -")
        digits = re.sub(r"\D", "", raw)
        if _YEARS.match(raw) or _REFERENCE_CONTEXT.search(text[: match.start()]):
            continue
        if len(digits) >= 5:
            found.append(raw)
        elif len(digits) == 3 and _SHORT_CODE_CONTEXT.search(text[: match.start()]):
            found.append(raw)
    return found


def test_the_number_finder_finds_numbers():
    text = (
        "Call 0808 000 1234 or text 85258, ring 999, or call 1-800-273-8255. Published 2014-2020 (62 entries), "
        "HHS Publication No. (SMA) 14-4884. Published 2022-11 and 2023-03-14."
    )
    assert phone_like_numbers(text) == ["0808 000 1234", "85258", "999", "1-800-273-8255"]


def known_numbers(directory) -> set[str]:
    """Every entry's numbers, and 18001 before those that take Relay UK calls."""
    numbers = {re.sub(r"\D", "", phone.number) for e in directory.entries for phone in e.phones}
    relay = {
        "18001" + re.sub(r"\D", "", phone.number) for e in directory.entries for phone in e.phones if phone.relay_uk
    }
    return numbers | relay


def visible_text(path: Path) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for tag in soup(["script", "style", "template"]):
        tag.decompose()
    for tag in soup.select(".wm-count"):
        tag.decompose()  # counts of entries beside links
    # Web addresses shown as link text are not phone numbers, whatever digits they hold.
    return re.sub(r"\S+://\S+", " ", soup.get_text(" "))


def test_no_page_shows_a_phone_number_that_is_not_in_an_entry(real_site, directory):
    known = known_numbers(directory)
    checked = 0
    for path in real_site.html_files():
        text = visible_text(path)
        for number in phone_like_numbers(text):
            digits = re.sub(r"\D", "", number)
            vanity = re.search(re.escape(number) + r"-[A-Z]{3,}", text)
            assert digits in known or (vanity and any(k.startswith(digits) for k in known)), (
                f"{path.relative_to(real_site.root)}: {number!r} is not the number of any entry"
            )
            checked += 1
    assert checked > 50, "the check found too few numbers to be meaningful"


# --- our own words ----------------------------------------------------------------------

SOURCE_SHINGLES = set((FIXTURES / "source-shingles.txt").read_text().split())


def prose_of_markdown(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets
    return text


def without_names(text: str, directory) -> str:
    # Names of works and organisations must be quoted exactly; they are not our sentences.
    for name in sorted(
        {e.name for e in directory.entries} | {e.publisher for e in directory.entries}, key=len, reverse=True
    ):
        text = re.sub(re.escape(name), " ", text, flags=re.I)
    return text


def test_source_hashes_are_present():
    assert len(SOURCE_SHINGLES) > 3000


@pytest.mark.parametrize("page", sorted(p.relative_to(CONTENT).as_posix() for p in CONTENT.rglob("*.md")))
def test_hand_written_pages_are_in_our_own_words(page, directory):
    prose = without_names(prose_of_markdown(CONTENT / page), directory)
    copied = shingles(prose) & SOURCE_SHINGLES
    assert not copied, f"{page} repeats {len(copied)} eight-word runs from the source documents"


def test_entry_text_is_in_our_own_words(directory):
    for entry in directory.entries:
        prose = without_names(" ".join(filter(None, [entry.summary, entry.description, entry.eligibility])), directory)
        assert not shingles(prose) & SOURCE_SHINGLES, entry.id


def test_the_copy_check_catches_a_copied_sentence(directory):
    seed_like = "the experience of trauma can cause lasting adverse effects limiting the ability to function"
    assert shingles(seed_like) & SOURCE_SHINGLES


# --- what the pages offer ----------------------------------------------------------------


def test_home_page_leads_to_toolkits_and_help_in_one_click(real_site):
    links = {a["href"] for a in real_site.page("").select("article a")}
    assert "find/kind/toolkit/" in links
    assert "help-now/" in links


def test_guidance_pages_are_in_the_navigation(real_site):
    nav = {a["href"] for a in real_site.page("").select("nav.md-nav--primary a")}
    for page in (
        "guidance/what-is-trauma-informed/",
        "guidance/principles/",
        "guidance/for-organisations/",
        "guidance/re-traumatisation/",
        "guidance/evidence/",
        "what-to-expect/",
        "staying-safe-online/",
        "about/editorial-policy/",
        "about/accessibility/",
        "about/privacy/",
        "contribute/",
        "help-now/",
    ):
        assert page in nav, page


def test_every_entry_page_has_suggest_a_change(real_site, directory):
    for entry in directory.published:
        page = real_site.page(f"entries/{entry.id}/")
        assert page.select_one(".wm-entry__suggest a").get_text() == "Suggest a change to this entry"


def test_help_now_lists_crisis_lines_by_nation(real_site, directory):
    page = real_site.page("help-now/")
    headings = [h2.get_text() for h2 in page.select(".wm-crisis-lines__nation h2")]
    assert headings[:4] == ["England", "Scotland", "Wales", "Northern Ireland"]
    calls = {a["href"] for a in page.select(".wm-crisis-lines a.wm-action--call")}
    assert "tel:999" in calls and "tel:116123" in calls


NEEDS = {
    "emergency": "In an emergency",
    "listening": "Someone to talk to",
    "domestic-abuse": "If someone is hurting you or controlling you",
    "sexual-violence": "After rape or sexual assault",
    "children": "For children and young people",
    "urgent-mental-health": "Urgent mental health help from the NHS",
}


@pytest.mark.parametrize("nation", ["england", "scotland", "wales", "northern-ireland"])
@pytest.mark.parametrize("need", list(NEEDS))
def test_help_now_has_every_need_in_every_nation(real_site, directory, nation, need):
    """For each nation: a line (a number, or a website) for each need, from the data."""
    page = real_site.page("help-now/")
    group = page.select_one(f"#{nation}-{need}")
    assert group is not None and group.get_text() == NEEDS[need], f"{nation} has no '{NEEDS[need]}' lines"
    lines = group.find_next_sibling("ul").select(".wm-crisis-line")
    assert lines
    for line in lines:
        entry = directory.by_id[line.select_one(".wm-crisis-line__name a")["href"].split("/")[-2]]
        assert need in entry.crisis_needs
        actions = [a["href"] for a in line.select("a.wm-action")]
        assert actions and all(href.startswith(("tel:", "sms:", "https://")) for href in actions)


def test_help_now_puts_999_and_a_line_to_talk_to_first(real_site):
    first = real_site.page("help-now/").select_one(".wm-help-first")
    assert first.select_one(".wm-help-first__danger a.wm-action")["href"] == "tel:999"
    assert first.select_one(".wm-help-first__talk a.wm-action")["href"] == "tel:116123"


def test_listening_lines_for_everyone_come_before_age_limited_ones(real_site, directory):
    page = real_site.page("help-now/")
    for nation in ("england", "scotland", "wales", "northern-ireland"):
        ids = [
            a["href"].split("/")[-2]
            for a in page.select_one(f"#{nation}-listening").find_next_sibling("ul").select(".wm-crisis-line__name a")
        ]
        limited = [directory.by_id[i].eligibility is not None for i in ids]
        assert limited == sorted(limited), (nation, ids)


def test_every_crisis_line_has_an_own_or_official_source_and_confirmed_hours(directory):
    for entry in directory.published:
        if entry.crisis:
            assert entry.source_kind == "own-or-official", entry.id
            assert entry.url, entry.id
            assert all(phone.hours or (entry.contact and entry.contact.hours) for phone in entry.phones), entry.id


# --- references ---------------------------------------------------------------------------

_REFERENCE_LINK = re.compile(r"\]\((https://[^)\s]+)\)")
_DATE = re.compile(r"\((?:[A-Z][a-z]+ )?(?:19|20)\d\d(?:[a-z])?\)")


def references(path: Path) -> list[str]:
    """The list items under a page's "## References" heading (and its ### parts)."""
    items, inside = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            inside = line.strip() == "## References"
        elif inside and line.startswith("- "):
            items.append(line)
        elif inside and items and line.startswith("  ") and line.strip():
            items[-1] += " " + line.strip()
    return items


def test_pages_have_references():
    assert len(references(CONTENT / "guidance" / "evidence.md")) >= 8


@pytest.mark.parametrize("page", sorted(CONTENT.rglob("*.md")), ids=lambda p: str(p.relative_to(CONTENT)))
def test_every_reference_has_a_link_and_a_date(page):
    for item in references(page):
        assert _REFERENCE_LINK.search(item), f"{page.name}: no https:// or DOI link in: {item}"
        assert _DATE.search(item), f"{page.name}: no date such as (2022) in: {item}"


def test_the_reference_check_finds_a_missing_link_and_date(tmp_path):
    page = tmp_path / "p.md"
    page.write_text(
        "## References\n\n- Someone (2019). A title with no link.\n- Other. [Title](https://example.org/).\n"
    )
    first, second = references(page)
    assert not _REFERENCE_LINK.search(first) and _DATE.search(first)
    assert _REFERENCE_LINK.search(second) and not _DATE.search(second)
