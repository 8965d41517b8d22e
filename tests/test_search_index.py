"""The search index: which pages are in it, by which words, how its files are
laid out and encoded, and what happens when it cannot be written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import main
from generator.site import search_index
from generator.site.search_index import FORMS_KEY, Document, index_files, shard_of
from generator.site.search_terms import MIN_LENGTH, STOP_WORDS, fold, term, words

from .test_atomic_build import tree_digest
from .test_build import copy_mini


def read_index(site_root: Path) -> tuple[dict, dict[str, dict], dict[str, list[tuple[int, int]]]]:
    """(table of contents, {url: page record}, {word: [(page number, weight)]}) of a built index."""
    toc = json.loads((site_root / "search" / "index.json").read_text())
    folder = site_root / "search" / toc["id"]
    pages = [json.loads((folder / "p" / f"{n}.json").read_text()) for n in range(toc["pages"])]
    postings: dict[str, list[tuple[int, int]]] = {}
    for name in toc["shards"]:
        shard = json.loads((folder / "w" / f"{name}.json").read_text())
        forms = shard.pop(FORMS_KEY, {})
        assert all(shard_of(word) == name and word in shard for word in forms), forms
        for word, encoded in shard.items():
            assert shard_of(word) == name, word
            number, decoded = 0, []
            for posting in encoded:
                number += posting >> toc["bits"]
                decoded.append((number, posting & ((1 << toc["bits"]) - 1)))
            postings[word] = decoded
    return toc, {page["url"]: page for page in pages}, postings


def found_by(site_root: Path, word: str) -> set[str]:
    toc, pages, postings = read_index(site_root)
    urls = [page["url"] for page in pages.values()]
    return {urls[number] for number, _ in postings.get(term(word, {}), [])}


def test_the_index_is_built_into_the_site(mini_site):
    toc, pages, postings = read_index(mini_site.root)
    assert toc["version"] == 2 and toc["pages"] == len(pages) == 8
    assert toc["min"] == MIN_LENGTH and toc["stop"] == list(STOP_WORDS)
    # Only the files the table of contents names: one per shard, one per page.
    files = {
        p.relative_to(mini_site.root / "search").as_posix()
        for p in (mini_site.root / "search").rglob("*")
        if p.is_file()
    }
    assert files == {
        "index.json",
        *(f"{toc['id']}/w/{name}.json" for name in toc["shards"]),
        *(f"{toc['id']}/p/{n}.json" for n in range(toc["pages"])),
    }
    # Material's whole-site index is not built.
    assert not (mini_site.root / "search" / "search_index.json").exists()


def test_entries_and_written_pages_are_indexed_but_not_listings(mini_site):
    _, pages, _ = read_index(mini_site.root)
    assert set(pages) == {
        "",
        "help-now/",
        "entries/calm-line/",
        "entries/hand-written/",
        "entries/old-toolkit/",
        "entries/paused-service/",
        "entries/us-course/",
        "entries/study/",
    }
    assert not any("Closed programme" in json.dumps(page) for page in pages.values())
    assert found_by(mini_site.root, "closed") == set()


def test_an_entry_is_found_by_what_people_search_for(mini_site):
    _, pages, postings = read_index(mini_site.root)
    assert pages["entries/paused-service/"] == {
        "url": "entries/paused-service/",
        "title": "Paused local service",
        "kind": "Local service",
        "where": "Dudley, England",
        "text": "A local service that has paused new referrals.",
    }
    for word in ("paused", "dudley", "example", "domestic", "abuse", "england", "referrals", "local"):
        assert "entries/paused-service/" in found_by(mini_site.root, word), word
    # The name counts most, then the summary, then the other fields.
    urls = list(pages)
    number = urls.index("entries/paused-service/")
    assert dict(postings[term("paused", {})])[number] == search_index.WEIGHTS["title"]
    assert dict(postings[term("referrals", {})])[number] == search_index.WEIGHTS["summary"]
    assert dict(postings[term("dudley", {})])[number] == search_index.WEIGHTS["publisher"]
    # The description is found, counting least.
    calm = urls.index("entries/calm-line/")
    assert dict(postings[term("paragraph", {})]) == {calm: search_index.WEIGHTS["text"]}
    # Labels repeated on every entry page and related entries' names are left
    # out: they would match every entry. ("referral" is not among them: the
    # summary says "referrals", the same stem.)
    for chrome in ("published", "topics", "sources"):
        assert "entries/paused-service/" not in found_by(mini_site.root, chrome), chrome
    assert "entries/old-toolkit/" not in found_by(mini_site.root, "calm")


def test_a_written_page_is_found_by_its_text(mini_site):
    _, pages, _ = read_index(mini_site.root)
    help_now = pages["help-now/"]
    assert "kind" not in help_now and help_now["text"]
    assert "help-now/" in found_by(mini_site.root, "calm")
    # Heading anchors (¶) and scripts are not text.
    assert "¶" not in help_now["text"]


def test_a_hand_written_page_has_its_title_as_written(mini_site):
    _, pages, _ = read_index(mini_site.root)
    page = pages["entries/hand-written/"]
    assert page["title"] == "A page written by hand & kept"
    assert "amp" not in found_by_title(mini_site.root)
    # A line break separates words; a hyphenated word is found written as one, too.
    assert "id. Re-traumatisation" in page["text"]
    for word in ("id", "re", "traumatisation", "retraumatisation"):
        assert "entries/hand-written/" in found_by(mini_site.root, word), word


def found_by_title(site_root: Path) -> set[str]:
    _, _, postings = read_index(site_root)
    return {
        word for word, found in postings.items() if any(weight == search_index.WEIGHTS["title"] for _, weight in found)
    }


def test_page_text_leaves_out_scripts_anchors_and_unclosed_inner_tags():
    html = (
        '<h1>Title<a class="headerlink" href="#t">¶</a></h1><p>one<br>two</p><script>var x = "no";</script>'
        '<svg><g><path d="M0"></svg><p>three</p>'
    )
    assert search_index.page_text(html) == "Title one two three"


def test_words_are_lower_case_without_accents_or_common_words():
    """The rules search.js follows too (the browser tests check that both agree on the real index)."""
    assert fold("Café NAÏVE Ǆ ™") == "cafe naive dz tm"
    assert words("Children's Mental-Health & the NHS: 24/7, a Ü") == ["childrens", "mental", "health", "nhs", "24"]
    assert words("can’t cope, rock'n'roll, 'quoted'") == ["cant", "cope", "rocknroll", "quoted"]
    assert words("WHO in the US, IT") == ["who", "us", "it"]
    assert words("snake_case Ünïcödé 東京") == ["snake", "case", "unicode", "東京"]


def test_shard_names_are_safe_file_names():
    assert shard_of("support") == "sup"
    assert shard_of("nh") == "nh"
    assert shard_of("東京都") == "_6771_4eac_90fd"
    assert shard_of("a.b/") == "a_2eb"
    for word in ("../x", "con", "a b", "é"):
        name = shard_of(word)
        assert all(c.isascii() and (c.isalnum() or c == "_") for c in name), name


def test_postings_are_gaps_and_weights():
    docs = [
        Document(url=f"p{n}/", title=title, text="", fields=(("title", title), ("text", body)))
        for n, (title, body) in enumerate([("Alpha", "beta"), ("Beta", "gamma"), ("Gamma", "beta beta"), ("Delta", "")])
    ]
    files = index_files(docs)
    toc = json.loads(files["search/index.json"])
    shard = json.loads(files[f"search/{toc['id']}/w/bet.json"])
    # "beta": page 0 as text (1), page 1 as title (7), page 2 as text (1).
    assert shard == {"beta": [(0 << 3) | 1, (1 << 3) | 7, (1 << 3) | 1]}
    assert toc["pages"] == 4 and toc["shards"] == ["alp", "bet", "del", "gam"]
    # The same pages give the same files, under the same name; a change gives a new name.
    assert index_files(docs) == files
    changed = index_files([*docs[:3], Document(url="p3/", title="Delta", text="", fields=(("title", "Epsilon"),))])
    assert json.loads(changed["search/index.json"])["id"] != toc["id"]


def test_index_text_cannot_close_a_script_or_start_markup():
    files = index_files([Document(url="x/", title="</script><b>&amp;", text="<img src=x>", fields=(("title", "x"),))])
    for text in files.values():
        assert "<" not in text and ">" not in text and "&" not in text
    page = json.loads(next(text for path, text in files.items() if "/p/" in path))
    assert page["title"] == "</script><b>&amp;" and page["text"] == "<img src=x>"


def test_a_failed_index_fails_the_build_and_keeps_the_old_site(tmp_path, capsys, monkeypatch):
    project = copy_mini(tmp_path)
    args = ["build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(project / "site")]
    assert main(args) == 0
    before = tree_digest(project / "site")

    real_write = Path.write_text

    def full_disk(self, *args, **kwargs):
        if "/search/" not in str(self):
            return real_write(self, *args, **kwargs)
        raise OSError(28, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_text", full_disk)
    assert main(args) == 1
    assert "search index: could not write" in capsys.readouterr().err
    monkeypatch.undo()
    assert tree_digest(project / "site") == before


def test_indexing_nothing_is_an_error(tmp_path):
    with pytest.raises(search_index.SearchIndexError, match="no page to index"):
        search_index.write_index(tmp_path, [])
