"""Synthetic directory data at any size, deterministic from a seed.

Every entry is valid against the real taxonomy (data/taxonomy.yaml): every
field is used somewhere, lengths vary, and every kind, region and area
appears. The text is plainly synthetic: names say "Sample", organisations are
"Example …", web addresses are on reserved example domains, and phone numbers
come from ranges reserved for drama and fiction (Ofcom's 01632 960xxx and
07700 900xxx, and the North American 555-01xx), so nothing here can be
mistaken for, or reach, a real service.

The YAML is written as text in the style of data/resources.yaml, which is
much faster than yaml.dump at 10,000 entries.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

KINDS = ("toolkit", "guidance", "national-programme", "local-service", "training", "helpline", "research")
AUDIENCES = ("practitioners", "public", "organisations")
COSTS = ("free", "paid", "mixed")
FORMATS = ("online", "in-person", "phone", "text", "document", "e-learning", "course")
ACCESS = ("self-referral", "referral", "open")
LEVELS = ("informed", "skilled", "enhanced", "specialist")
CRISIS_NEEDS = (
    ["listening"],
    ["listening", "urgent-mental-health"],
    ["domestic-abuse"],
    ["sexual-violence", "children"],
    ["emergency"],
)
DOMAINS = ("example.org", "example.com", "example.net")
# The day review dates are counted back from; `check --today` uses it too.
REFERENCE_DAY = date(2026, 1, 1)
# A word that many entries use in their name, so that a search for it has results.
SEARCH_WORD = "wellbeing"

_WORDS = (
    "support calm care safe trust people service help listen community family young adult recovery "
    "practice staff team guide learning course space group together choice voice respect strength "
    "kind steady gentle open local national advice skills training approach toolkit network hub "
    "programme project centre plan review evidence practical early lasting shared steps pathways "
    "understanding resilience connection health healing hope home school work wellbeing"
).split()
_NAME_NOUNS = (
    "Support Line",
    "Toolkit",
    "Guide",
    "Network",
    "Programme",
    "Service",
    "Course",
    "Hub",
    "Project",
    "Handbook",
    "Framework",
    "Study",
    "Pathway",
    "Practice Notes",
    "Learning Series",
)
_SENTENCES = (
    "It offers {a} {b} for people who have been through {c} experiences.",
    "Staff are trained to listen first and to go at the pace each person chooses.",
    "The {b} covers {a} ways of working, with short examples from {c} settings.",
    "You can use it on your own or with a {a} worker who knows the {b} well.",
    "It explains what to expect at each step, so that nothing comes as a surprise.",
    "People can bring someone they trust to every meeting if they want to.",
    "The material is written in plain words and is free to download and share.",
    "This synthetic entry exists only to measure how the site performs at scale.",
    "Sessions are {a} and {b}, and nobody has to talk about anything they do not want to.",
    "It was reviewed with people who use {c} services and with their families.",
)


@dataclass(frozen=True)
class Vocabulary:
    """The ids an entry may use, read from the real taxonomy."""

    topics: list[str]
    settings: list[str]
    languages: list[str]
    regions: list[str]
    areas: list[tuple[str, str]]  # (region, area)

    @classmethod
    def from_taxonomy(cls, path: Path) -> Vocabulary:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        regions = data["regions"]
        areas = [
            (region, area)
            for region, term in regions.items()
            if isinstance(term, dict)
            for area in (term.get("areas") or {})
        ]
        return cls(list(data["topics"]), list(data["settings"]), list(data["languages"]), list(regions), areas)


def _quote(text: str) -> str:
    """A double-quoted YAML scalar (the generated text never has quotes or backslashes)."""
    return f'"{text}"'


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


class _Writer:
    def __init__(self, rng: random.Random, vocab: Vocabulary, count: int):
        self.rng = rng
        self.vocab = vocab
        self.count = count
        # Round-robin counters, so that every region and area is used at small sizes too.
        self.next_area = 0
        self.next_region = 0

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choice(_WORDS) for _ in range(self.rng.randint(low, high)))

    def sentence(self) -> str:
        template = self.rng.choice(_SENTENCES)
        return template.format(a=self.rng.choice(_WORDS), b=self.rng.choice(_WORDS), c=self.rng.choice(_WORDS))

    def text(self, low: int, high: int, limit: int) -> str:
        parts = [self.sentence() for _ in range(self.rng.randint(low, high))]
        text = " ".join(parts)
        return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "."

    def pick(self, pool: tuple[str, ...] | list[str], low: int, high: int) -> list[str]:
        return self.rng.sample(list(pool), self.rng.randint(low, min(high, len(pool))))

    def phone(self, index: int, position: int, us: bool) -> str:
        # Reserved fictional ranges only.
        serial = (index * 7 + position) % 1000
        if us:
            return f"202-555-01{serial % 100:02d}"
        if (index + position) % 2:
            return f"07700 900{serial:03d}"
        return f"01632 960{serial:03d}"

    def url(self, slug: str, path: str = "", index: int = 0) -> str:
        # One domain per entry: its sources are on its own site, as check requires.
        return f"https://{DOMAINS[index % len(DOMAINS)]}/{slug}{path}"


def entry_id(index: int, name_words: str) -> str:
    slug = "-".join(w for w in name_words.lower().split() if w.isalnum())
    return f"sample-{index:05d}-{slug}"[:80].rstrip("-")


def generate(count: int, seed: int, taxonomy: Path) -> str:
    """YAML text of ``count`` valid entries, the same text for the same seed."""
    rng = random.Random(seed)
    vocab = Vocabulary.from_taxonomy(taxonomy)
    writer = _Writer(rng, vocab, count)
    # Names first, so that entries can refer to each other by id.
    names = []
    for index in range(count):
        lead = writer.words(1, 5)
        if index % 3 == 0:
            lead = f"{SEARCH_WORD} {lead}"
        names.append((lead, rng.choice(_NAME_NOUNS)))
    ids = [entry_id(index, lead) for index, (lead, _) in enumerate(names)]
    blocks = ["# Synthetic data for the Waymark benchmark: not real services.\n"]
    order = sorted(range(count), key=lambda i: ids[i])
    for index in order:
        blocks.append(_entry(writer, index, ids, names[index]))
    return "\n".join(blocks)


def _entry(w: _Writer, index: int, ids: list[str], name: tuple[str, str]) -> str:
    rng, vocab = w.rng, w.vocab
    kind = KINDS[index % len(KINDS)]
    lead, noun = name
    full_name = f"Sample {lead.title()} {noun} {index}"
    lines = [f"- id: {ids[index]}", f"  name: {_quote(full_name)}", f"  kind: {kind}"]
    lines.append(f"  summary: {_quote(w.text(1, 3, 250))}")
    if index % 5:
        paragraphs = [w.text(1, 6, 600) for _ in range(rng.randint(1, 4))]
        lines.append("  description: |")
        for position, paragraph in enumerate(paragraphs):
            if position:
                lines.append("")
            lines.append(f"    {paragraph}")
    slug = ids[index]
    crisis = kind == "helpline" and index % 2 == 1
    has_url = index % 7 != 3 or crisis  # a crisis line needs its own site
    if has_url:
        lines.append(f"  url: {w.url(slug, index=index)}")
    lines.append(f"  publisher: {_quote('Example organisation ' + str(rng.randint(1, max(1, w.count // 4))))}")
    lines.append(f"  audience: {_flow(w.pick(AUDIENCES, 1, 3))}")
    topics = w.pick(vocab.topics, 1, 6)
    topic = vocab.topics[index % len(vocab.topics)]  # every topic appears
    if topic not in topics:
        topics[0] = topic
    lines.append(f"  topics: {_flow(topics)}")
    if index % 4:
        settings = w.pick(vocab.settings, 1, 4)
        setting = vocab.settings[index % len(vocab.settings)]
        if setting not in settings:
            settings[0] = setting
        lines.append(f"  settings: {_flow(settings)}")
    regions, us = _regions(w, index, kind)
    lines.append("  regions:")
    lines.extend(f"    - {r}" for r in regions)
    lines.extend(_contact(w, index, kind, us, crisis))
    if index % 3:
        lines.append(f"  cost: {COSTS[index % len(COSTS)]}")
    formats = w.pick(FORMATS, 1, 3)
    lines.append(f"  format: {_flow(formats)}")
    if index % 2:
        lines.append(f"  languages: {_flow(w.pick(vocab.languages, 1, 3))}")
    if index % 3 != 1:
        lines.append(f"  access: {ACCESS[index % len(ACCESS)]}")
    if index % 4 == 1:
        lines.append(f"  eligibility: {_quote('Aged ' + str(rng.choice((11, 16, 18, 25))) + ' and over')}")
    if index % 3 == 2:
        lines.append(f"  practice_level: {_flow(w.pick(LEVELS, 1, 2))}")
    if index % 6 == 5:
        lines.append(f"  content_notes: {_quote('This entry mentions ' + w.words(2, 6) + '.')}")
    if crisis:
        lines.append("  crisis: true")
        lines.append(f"  crisis_needs: {_flow(CRISIS_NEEDS[index % len(CRISIS_NEEDS)])}")
    elif index % 11 == 0:
        lines.append("  crisis: false")
    if kind in ("guidance", "research", "toolkit") or index % 9 == 0:
        year = 2005 + index % 20
        lines.append(f"  published: {(str(year), f'{year}-0{1 + index % 9}', f'{year}-03-1{index % 10}')[index % 3]}")
    lines.extend(_location(w, index, kind))
    if index % 2 and w.count > 1:
        related = {ids[(index + step) % w.count] for step in (1, 17, 101)[: rng.randint(1, 3)]} - {ids[index]}
        lines.append(f"  related: {_flow(sorted(related))}")
    reviewed = REFERENCE_DAY - timedelta(days=rng.randint(0, 700))
    lines.append(f"  last_reviewed: {reviewed.isoformat()}")
    if index % 4 == 2:
        lines.append(f"  review_every_months: {rng.choice((3, 6, 18, 24, 36))}")
    status = "paused" if index % 23 == 7 else "closed" if index % 53 == 11 else "active" if index % 5 == 0 else None
    if status:
        lines.append(f"  status: {status}")
    if status in ("paused", "closed"):
        lines.append(f"  status_note: {_quote('Not taking new requests until ' + w.words(1, 3) + ' is ready.')}")
    lines.append("  sources:")
    for position in range(rng.randint(1, 4)):
        lines.append(f"    - {w.url(slug, f'/about/{position}', index)}")
    if not has_url or index % 13 == 4:
        lines.append("  source_kind: third-party")
        lines.append(f"  source_note: {_quote('Only a news report of ' + w.words(1, 3) + ' confirms it.')}")
    return "\n".join(lines) + "\n"


def _regions(w: _Writer, index: int, kind: str) -> tuple[list[str], bool]:
    vocab = w.vocab
    refs: list[str] = []
    if kind == "local-service" or index % 5 == 1:
        region, area = vocab.areas[w.next_area % len(vocab.areas)]
        w.next_area += 1
        refs.append(f"{{region: {region}, area: {area}}}")
        regions = [region]
    else:
        region = vocab.regions[w.next_region % len(vocab.regions)]
        w.next_region += 1
        refs.append(region)
        regions = [region]
    if index % 8 == 4:
        extra = vocab.regions[(index // 8) % len(vocab.regions)]
        if extra not in regions:
            refs.append(extra)
            regions.append(extra)
    return refs, regions[0] == "united-states"


def _contact(w: _Writer, index: int, kind: str, us: bool, crisis: bool) -> list[str]:
    rng = w.rng
    phones = rng.randint(1, 3) if kind == "helpline" else (1 if index % 3 == 0 else 0)
    email = index % 2 == 0
    hours = index % 3 != 2
    if not (phones or email or hours):
        return []
    lines = ["  contact:"]
    if phones:
        lines.append("    phones:")
        for position in range(phones):
            text = position == 1
            lines.append(f"      - number: {_quote(w.phone(index, position, us))}")
            if text:
                lines.append("        type: text")
                if index % 2:
                    lines.append(f"        keyword: {rng.choice(('CALM', 'TALK', 'HELP', 'SAFE'))}")
            elif position == 2:
                lines.append("        type: voice")
            if (index + position) % 2 == 0 or kind == "helpline":  # a helpline gives hours for every number
                lines.append(
                    f"        hours: {_quote(rng.choice(('24 hours a day, every day', 'Monday to Friday, 9am to 5pm', 'Evenings, 6pm to midnight')))}"
                )
            if (index + position) % 3 == 0:
                lines.append(f"        note: {_quote('Free to call. ' + w.words(2, 8))}")
    if email:
        lines.append(f"    email: help{index}@{rng.choice(DOMAINS)}")
    if hours:
        lines.append(
            f"    hours: {_quote(rng.choice(('Monday to Friday, 9am to 5pm', 'Weekdays and Saturday mornings', 'By appointment')))}"
        )
    return lines


def _location(w: _Writer, index: int, kind: str) -> list[str]:
    if kind != "local-service":
        return []
    choice = index % 3
    if choice == 0:
        lines = ["  location_visibility: public", "  address:"]
        if index % 2:
            lines.append(f"    street: {_quote(str(index % 200 + 1) + ' Sample Street')}")
        lines.append(f"    locality: {_quote('Sampleton ' + str(index % 50))}")
        if index % 4:
            lines.append(f"    postcode: {_quote('ZZ9 ' + str(index % 10) + 'ZZ')}")
        return lines
    return [f"  location_visibility: {('area-only', 'contact-only')[choice - 1]}"]


def write(path: Path, count: int, seed: int, taxonomy: Path) -> Path:
    """Write the data file and a copy of the taxonomy beside it (check looks there)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(generate(count, seed, taxonomy), encoding="utf-8")
    # The numbers are from the ranges kept for drama, which only a taxonomy that says so accepts.
    text = taxonomy.read_text(encoding="utf-8").rstrip("\n") + "\n\nfictional_numbers: true\n"
    (path.parent / "taxonomy.yaml").write_text(text, encoding="utf-8")
    return path


def as_plain(path: Path) -> list[dict[str, Any]]:
    """The entries as plain values (for the Markdown baseline)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
