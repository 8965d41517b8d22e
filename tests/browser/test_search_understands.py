"""Search that understands people, on the real site: the browser's terms are the
build's for every word of the site, and word forms, spellings, typos, synonyms
and crisis words find what they should, in the right order, leaving no trace."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from generator.data.search_words import read_search_words
from generator.data.validate import load_directory
from generator.site import search_terms
from generator.site.postbuild import search_document

from .test_search import Watched, open_search, search

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def site_words(real_site) -> list[str]:
    """Every word the build indexed on the real site, as the build read it."""
    directory = load_directory(ROOT / "data" / "resources.yaml", ROOT / "data" / "taxonomy.yaml")
    found: set[str] = set()
    for page in real_site.root.rglob("*.html"):
        document = search_document(page.read_text(encoding="utf-8"), directory)
        if document is None:
            continue
        for _, text in document.fields:
            found.update(search_terms.words(text))
            found.update(
                word.replace("-", "") for word in re.findall(r"[^\W_]+(?:-[^\W_]+)+", search_terms.joined(text))
            )
    return sorted(found)


@pytest.fixture
def real_search(context_factory, real_server):
    context = context_factory(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    watched = Watched(page)
    page.goto(real_server.url(""))
    open_search(page)
    return watched


@pytest.fixture(scope="module")
def crisis_names():
    entries = yaml.safe_load((ROOT / "data" / "resources.yaml").read_text(encoding="utf-8"))
    return {e["name"] for e in entries if e.get("crisis") and e.get("status", "active") == "active"}


def test_the_browser_stems_every_word_of_the_site_as_the_build_does(real_search, site_words):
    page = real_search.page
    spellings = read_search_words(ROOT / "data" / "search-words.yaml").replacements
    assert len(site_words) > 2000
    plain = [w for w in site_words if w.isascii() and w.isalpha()]
    stems = page.evaluate("(words) => words.map((w) => window.Waymark.porter2(w))", plain)
    differ = [(w, js, search_terms.stem(w)) for w, js in zip(plain, stems, strict=True) if js != search_terms.stem(w)]
    assert differ == []
    # And the whole term (spelling, stem) from the index's own table of contents.
    toc = page.evaluate("() => fetch('/search/index.json').then((r) => r.json())")
    assert toc["spell"] == spellings
    terms = page.evaluate(
        "([words, toc]) => words.map((w) => window.Waymark.searchQuery.term(w, toc))", [site_words, toc]
    )
    assert [t for w, t in zip(site_words, terms, strict=True) if t != search_terms.term(w, spellings)] == []


def results(page, query: str) -> list[str]:
    return search(page, query)


@pytest.mark.parametrize(
    "forms",
    [
        ("counselling", "counseling", "counsellor", "counselor"),
        ("behaviour", "behavior"),
        ("organisation", "organization"),
        ("centre", "center"),
        ("programme", "program"),
        ("referral", "referrals"),
        ("abused", "abuse", "abusing"),
    ],
)
def test_word_forms_and_spellings_find_the_same_pages(real_search, forms):
    found = [results(real_search.page, word) for word in forms]
    assert found[0], forms
    assert all(other == found[0] for other in found[1:]), dict(zip(forms, found, strict=True))


def test_a_typo_finds_the_word_meant_below_exact_matches_and_offers_it(real_search):
    page = real_search.page
    exact = results(page, "domestic abuse")
    typed = results(page, "domestc abuse")
    assert typed[:3] and set(typed[:5]) & set(exact[:5])
    suggestion = page.locator(".wm-js-search-suggestion")
    assert suggestion.is_visible()
    assert suggestion.inner_text().startswith("Did you mean domestic abuse?")
    # One press searches for it.
    suggestion.locator("button").click()
    page.wait_for_selector(".wm-js-search-status:not(:empty)")
    assert page.locator(".wm-js-search-input").input_value() == "domestic abuse"
    assert page.locator(".wm-search-result__link").all_inner_texts() == exact[:10]
    assert not suggestion.is_visible()
    # A typo in a name: the name still comes first.
    assert results(page, "samartians")[0] == "Samaritans"
    assert results(page, "childine")[0] == "Childline"
    # Four letters or fewer are not corrected; a word that is in the index is not either.
    results(page, "abuse")
    assert not suggestion.is_visible()


def test_a_typo_of_a_crisis_word_puts_the_crisis_lines_first(real_search, crisis_names):
    page = real_search.page
    found = results(page, "sucide")
    assert found[:3] and set(found[:3]) <= crisis_names | {"Need help now?"}
    assert "Did you mean suicide?" in page.locator(".wm-js-search-suggestion").inner_text()


@pytest.mark.parametrize(
    "short, long",
    [
        ("PTSD", "post-traumatic stress"),
        ("ACEs", "adverse childhood experiences"),
        ("DV", "domestic violence"),
        ("domestic abuse", "domestic violence"),
        ("sexual violence", "sexual assault"),
        ("GP", "general practitioner"),
        ("CAMHS", "child and adolescent mental health services"),
    ],
)
def test_synonyms_find_each_other(real_search, short, long):
    page = real_search.page
    first, second = set(results(page, short)), set(results(page, long))
    assert first and first == second, first ^ second


def test_one_way_words_find_more_but_not_back(real_search):
    page = real_search.page
    assert results(page, "talk to someone")
    listening = set(results(page, "listening"))
    assert listening <= set(results(page, "talk to someone")) | listening
    # "want to die" finds pages about suicide; "suicide" is not a search for "want to die".
    die = set(results(page, "want to die"))
    assert set(results(page, "suicide")) <= die | {"Need help now?"}


@pytest.mark.parametrize(
    "query", ["I want to die", "suicidal thoughts", "kill myself", "scared of my partner", "self harm", "overdose"]
)
def test_crisis_words_put_crisis_lines_first(real_search, crisis_names, query):
    found = results(real_search.page, query)
    assert found[:3] and set(found[:3]) <= crisis_names | {"Need help now?"}, found


def test_rape_finds_sexual_assault_with_the_crisis_lines_first(real_search, crisis_names):
    page = real_search.page
    found = results(page, "rape")
    assert set(found[:3]) <= crisis_names | {"Need help now?"}
    assert "NHS sexual assault referral centres (SARCs) in England" in found + results(page, "sexual assault")


def test_crisis_alone_does_not_bury_the_rape_crisis_centres(real_search):
    found = results(real_search.page, "rape crisis centres")
    assert "Edinburgh Rape Crisis Centre (ERCC)" in found[:10]


def test_a_name_and_topic_rank_above_a_description(real_search):
    page = real_search.page
    found = results(page, "samaritans")
    assert found[0] == "Samaritans"
    assert "Trauma-informed practice in schools" in results(page, "trauma informed schools")[:3]


def test_all_words_above_some(real_search):
    page = real_search.page
    both = results(page, "veterans mental health")
    assert both[0] == "Op COURAGE (NHS veterans' mental health and wellbeing service)"
    assert len(both) > 1  # pages with only some of the words follow


def test_a_service_is_found_by_an_area_within_its_area(real_search):
    assert "Black Country urgent mental health support (NHS 111, option 2)" in results(real_search.page, "Dudley")


def test_understanding_leaves_no_trace(real_search, real_server):
    page = real_search.page
    before = page.evaluate("history.length")
    results(page, "sucide")
    page.locator(".wm-js-search-suggestion button").click()
    page.wait_for_selector(".wm-js-search-status:not(:empty)")
    results(page, "PTSD")
    assert page.url == real_server.url("")
    assert page.evaluate("history.length") == before
    traces = page.evaluate(
        "() => JSON.stringify([location.href, Object.entries(localStorage), Object.entries(sessionStorage), document.cookie])"
    )
    assert traces == json.dumps([real_server.url(""), [], [], ""], separators=(",", ":"))
    for word in ("sucide", "suicide", "ptsd"):
        assert not [url for url in real_search.requests if word in url.lower()]
    assert {url.split("/")[2] for url in real_search.requests} == {real_server.url("").split("/")[2]}
