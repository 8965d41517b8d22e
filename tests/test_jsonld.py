"""schema.org JSON-LD on entry pages: the right type for each kind, and text that cannot escape its script tag."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest

from generator.data.validate import load_directory
from generator.site import jsonld

from .conftest import FIXTURES, ROOT, valid_entry

TAXONOMY = ROOT / "data" / "taxonomy.yaml"
HOSTILE = 'Calm <script>alert("name")</script> & "Line"'
LD_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def mini():
    return load_directory(FIXTURES / "mini" / "data" / "resources.yaml", TAXONOMY)


@pytest.mark.parametrize(
    "text",
    [
        "</script><script>alert(1)</script>",
        "<!-- <script>",
        "a & b > c",
        "line\u2028separator\u2029end",
        "]]>",
    ],
)
def test_script_text_never_holds_what_could_end_the_script(text):
    data = {"name": text, "nested": [{"description": text}]}
    script = jsonld.script_text(data)
    for forbidden in ("<", ">", "&", "\u2028", "\u2029"):
        assert forbidden not in script
    assert json.loads(script) == data


@pytest.mark.parametrize(
    "entry_id, kind, expected",
    [
        ("calm-line", "helpline", "Service"),
        ("paused-service", "local-service", "Service"),
        ("us-course", "training", "Course"),
        ("old-toolkit", "toolkit", "CreativeWork"),
        ("hand-written", "guidance", "CreativeWork"),
        ("study", "research", "CreativeWork"),
    ],
)
def test_each_kind_gets_a_fitting_type(mini, entry_id, kind, expected):
    entry = mini.by_id[entry_id]
    assert entry.kind == kind
    data = jsonld.entry_jsonld(entry, mini.taxonomy)
    assert (data["@context"], data["@type"]) == ("https://schema.org", "WebPage")
    assert data["lastReviewed"] == entry.last_reviewed.isoformat()
    thing = data["mainEntity"]
    assert thing["@type"] == expected
    assert thing["name"] == entry.name
    organisation = thing.get("provider") or thing.get("publisher")
    assert organisation == {"@type": "Organization", "name": entry.publisher}


def test_a_national_programme_is_a_service(write_data):
    path = write_data(valid_entry(kind="national-programme", contact=None))
    directory = load_directory(path, path.with_name("taxonomy.yaml"))
    assert jsonld.entry_jsonld(directory.entries[0], directory.taxonomy)["mainEntity"]["@type"] == "Service"


def test_service_details(mini):
    calm = jsonld.entry_jsonld(mini.by_id["calm-line"], mini.taxonomy)["mainEntity"]
    assert calm["areaServed"] == [{"@type": "AdministrativeArea", "name": "UK-wide"}]
    channels = calm["availableChannel"]
    assert channels[0]["servicePhone"] == {
        "@type": "ContactPoint",
        "telephone": "0808 000 1111",
        "description": "24 hours a day. Free from mobiles",
    }
    assert channels[1]["serviceSmsNumber"]["telephone"] == "85258"
    assert {"@type": "ServiceChannel", "serviceUrl": "mailto:help@example.org"} in channels
    paused = jsonld.entry_jsonld(mini.by_id["paused-service"], mini.taxonomy)["mainEntity"]
    assert paused["areaServed"] == [{"@type": "AdministrativeArea", "name": "Dudley, England"}]
    place = paused["availableChannel"][-1]["serviceLocation"]
    assert place["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Dudley",
        "streetAddress": "1 Example Street",
        "postalCode": "ZZ99 9ZZ",
    }
    course = jsonld.entry_jsonld(mini.by_id["us-course"], mini.taxonomy)["mainEntity"]
    assert course["isAccessibleForFree"] is False
    study = jsonld.entry_jsonld(mini.by_id["study"], mini.taxonomy)["mainEntity"]
    assert study["datePublished"] == "2023"


def test_the_entry_page_carries_the_data_in_its_head(mini_site):
    html = (mini_site.root / "entries" / "calm-line" / "index.html").read_text(encoding="utf-8")
    blocks = LD_SCRIPT.findall(html)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["mainEntity"]["name"] == HOSTILE
    assert data["mainEntity"]["description"].startswith('</title><script>alert("summary")</script>')
    page = mini_site.page("entries/calm-line/")
    assert page.head.select('script[type="application/ld+json"]')
    assert page.select_one("article").find("script") is None
    # Data blocks never run, so the policy does not list them.
    digest = base64.b64encode(hashlib.sha256(blocks[0].encode()).digest()).decode()
    policy = page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert digest not in policy


def test_only_entry_pages_carry_entry_data(mini_site):
    assert not LD_SCRIPT.search((mini_site.root / "index.html").read_text(encoding="utf-8"))
    assert not LD_SCRIPT.search((mini_site.root / "find" / "index.html").read_text(encoding="utf-8"))


def test_every_real_entry_page_has_valid_json_ld(real_site):
    directory = load_directory(ROOT / "data" / "resources.yaml", TAXONOMY)
    for entry in directory.published:
        html = (real_site.root / "entries" / entry.id / "index.html").read_text(encoding="utf-8")
        (block,) = LD_SCRIPT.findall(html)
        data = json.loads(block)
        assert data["mainEntity"]["@type"] == jsonld.TYPES[entry.kind], entry.id
        assert data["mainEntity"]["name"] == entry.name
