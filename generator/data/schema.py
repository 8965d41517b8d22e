"""The entry model: what one resource in data/resources.yaml may say.

Models forbid unknown fields; every field has a description, which the
generated JSON Schema (data/resources.schema.json) shows in editors.
Vocabularies that a site may change (topics, settings, regions, languages)
live in data/taxonomy.yaml and are checked in ``validate.py``.
"""

import calendar
import json
import typing
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, TypeAdapter

from .fields import (
    Email,
    EntryId,
    HttpsUrl,
    IsoDate,
    Line20,
    Line40,
    Line100,
    Line150,
    Line200,
    Line250,
    Line300,
    Line500,
    Months,
    Paragraphs3000,
    PhoneNumber,
    Published,
    Slug,
    YesNo,
)
from .phones import group

# Each fixed vocabulary is a Literal (what the model and mypy check) and one table
# of its labels keyed by that Literal; _labels() refuses a table that misses an id.
Kind = Literal["toolkit", "guidance", "national-programme", "local-service", "training", "helpline", "research"]
Audience = Literal["practitioners", "public", "organisations"]
Cost = Literal["free", "paid", "mixed"]
Format = Literal["online", "in-person", "phone", "text", "document", "e-learning", "course"]
Access = Literal["self-referral", "referral", "open"]
PracticeLevel = Literal["informed", "skilled", "enhanced", "specialist"]
Status = Literal["active", "paused", "closed"]
Visibility = Literal["public", "area-only", "contact-only"]
CrisisNeed = Literal["emergency", "listening", "urgent-mental-health", "domestic-abuse", "sexual-violence", "children"]
SourceKind = Literal["own-or-official", "third-party"]

T = typing.TypeVar("T")


def _labels(literal: object, table: dict[str, T]) -> dict[str, T]:
    ids = typing.get_args(literal)
    if list(table) != list(ids):
        raise RuntimeError(f"labels {list(table)} do not match the ids {list(ids)}, in order")
    return table


KINDS: dict[str, tuple[str, str]] = _labels(
    Kind,
    {
        # id: (singular, plural)
        "toolkit": ("Toolkit", "Toolkits"),
        "guidance": ("Guidance", "Guidance"),
        "national-programme": ("National programme", "National programmes"),
        "local-service": ("Local service", "Local services"),
        "training": ("Training", "Training"),
        "helpline": ("Helpline", "Helplines"),
        "research": ("Research", "Research"),
    },
)
AUDIENCES = _labels(
    Audience, {"practitioners": "Practitioners", "public": "Members of the public", "organisations": "Organisations"}
)
COSTS = _labels(Cost, {"free": "Free", "paid": "Paid", "mixed": "Some free, some paid"})
FORMATS = _labels(
    Format,
    {
        "online": "Online",
        "in-person": "In person",
        "phone": "Phone",
        "text": "Text message",
        "document": "Document",
        "e-learning": "E-learning",
        "course": "Course",
    },
)
ACCESS = _labels(
    Access,
    {
        "self-referral": "Contact them yourself",
        "referral": "Needs a referral from a professional",
        "open": "Open to anyone, no referral",
    },
)
# Scotland and Wales name the first level differently; both names are shown together.
PRACTICE_LEVELS = _labels(
    PracticeLevel,
    {
        "informed": "Trauma-informed (Scotland) / trauma-aware (Wales)",
        "skilled": "Trauma-skilled",
        "enhanced": "Trauma-enhanced",
        "specialist": "Trauma-specialist",
    },
)
STATUSES = _labels(Status, {"active": "Active", "paused": "Paused", "closed": "Closed"})
VISIBILITY = _labels(
    Visibility,
    {
        "public": "Address may be shown",
        "area-only": "Only the area is shown",
        "contact-only": "Only contact details are shown",
    },
)
# What a crisis line is for, in the order "Need help now?" lists the groups.
CRISIS_NEEDS = _labels(
    CrisisNeed,
    {
        "emergency": "In an emergency",
        "listening": "Someone to talk to",
        "urgent-mental-health": "Urgent mental health help from the NHS",
        "domestic-abuse": "If someone is hurting you or controlling you",
        "sexual-violence": "After rape or sexual assault",
        "children": "For children and young people",
    },
)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Phone(Model):
    """A number to call or text."""

    number: PhoneNumber = Field(
        description="Digits with spaces or hyphens, as people should dial it, e.g. '0808 2000 247'."
    )
    type: Literal["voice", "text"] = Field("voice", description="voice (call) or text (SMS).")
    keyword: Line40 | None = Field(None, description="For a text number: the word to send, e.g. SHOUT.")
    hours: Line200 | None = Field(None, description="When it is answered, e.g. '24 hours a day, every day'.")
    note: Line300 | None = Field(None, description="Anything a caller should know, e.g. 'Free from mobiles'.")
    relay_uk: YesNo = Field(False, description="true when the line takes Relay UK calls: 18001 before the number.")

    @property
    def display(self) -> str:
        """The number as people read it (see phones.group)."""
        return group(self.number)

    @property
    def label(self) -> str:
        """What its call or text button says, everywhere the number is shown."""
        if self.type == "text":
            return f"Text {self.keyword} to {self.display}" if self.keyword else f"Text {self.display}"
        return f"Call {self.display}"

    @property
    def detail(self) -> str:
        """Hours and note, as one line under the button."""
        return ". ".join(part for part in (self.hours, self.note) if part)

    @property
    def relay_href(self) -> str:
        """A Relay UK call: 18001, then the number."""
        return "tel:18001" + "".join(ch for ch in self.number if ch.isdigit())

    @property
    def href(self) -> str:
        digits = "".join(ch for ch in self.number if ch.isdigit() or ch == "+")
        if self.type == "text":
            keyword = self.keyword or ""
            return f"sms:{digits}" + (f"?body={keyword}" if keyword.isascii() and keyword.isalnum() else "")
        return f"tel:{digits}"


class Contact(Model):
    """How to get in touch."""

    phones: list[Phone] = Field(default_factory=list, max_length=10, description="Phone and text numbers.")
    email: Email | None = Field(None, description="An email address, e.g. help@example.org.")
    hours: Line200 | None = Field(None, description="General opening hours.")
    webchat: HttpsUrl | None = Field(None, description="The service's own page for chatting online (https).")
    webchat_hours: Line200 | None = Field(None, description="When the online chat is open.")
    bsl: HttpsUrl | None = Field(
        None, description="A page for contacting the service in British Sign Language by video (https)."
    )


class RegionRef(Model):
    """A region from the taxonomy, optionally narrowed to one of its areas."""

    region: Slug = Field(description="A region id from data/taxonomy.yaml, e.g. england, scotland, united-states.")
    area: Slug | None = Field(None, description="An area of that region from data/taxonomy.yaml, e.g. dudley.")


def _region_shorthand(value: Any) -> Any:
    return {"region": value} if isinstance(value, str) else value


Region = Annotated[RegionRef, BeforeValidator(_region_shorthand)]


class Address(Model):
    """A street address; only published when location_visibility is public."""

    street: Line200 | None = Field(None, description="Building and street.")
    locality: Line100 = Field(description="Town or city.")
    postcode: Line20 | None = Field(None, description="Postcode or ZIP code.")


class Entry(Model):
    """One resource: a toolkit, guidance, programme, service, course, helpline or study."""

    id: EntryId = Field(description="Lowercase letters, digits and hyphens; unique; becomes the page address.")
    name: Line150 = Field(description="The resource's own name.")
    kind: Kind = Field(description="What sort of resource it is.")
    summary: Line250 = Field(
        description="One or two plain sentences: what it is and who it helps (250 characters at most)."
    )
    description: Paragraphs3000 | None = Field(
        None, description="More detail in plain words; separate paragraphs with a blank line."
    )
    url: HttpsUrl | None = Field(None, description="The resource's own web page (https).")
    publisher: Line200 = Field(description="The organisation that runs or publishes it.")
    audience: Annotated[list[Audience], Field(min_length=1, max_length=3)] = Field(description="Who it is for.")
    topics: Annotated[list[Slug], Field(min_length=1, max_length=12)] = Field(
        description="Topic ids from data/taxonomy.yaml."
    )
    settings: list[Slug] = Field(
        default_factory=list, max_length=12, description="Setting ids from data/taxonomy.yaml (where it is used)."
    )
    regions: Annotated[list[Region], Field(min_length=1, max_length=20)] = Field(
        description="Where it is available: region ids, or region and area."
    )
    contact: Contact | None = Field(None, description="Phone and text numbers, email and hours.")
    cost: Cost | None = Field(None, description="free, paid or mixed.")
    format: list[Format] = Field(default_factory=list, max_length=7, description="How it is delivered.")
    languages: list[Slug] = Field(
        default_factory=list, max_length=20, description="Language codes from data/taxonomy.yaml, e.g. en, cy."
    )
    access: Access | None = Field(None, description="How people get to use it.")
    eligibility: Line200 | None = Field(None, description="Who can use it, e.g. 'Aged 16 and over'.")
    practice_level: list[PracticeLevel] = Field(
        default_factory=list, max_length=4, description="Practice levels it serves (Scotland and Wales frameworks)."
    )
    content_notes: Line500 | None = Field(None, description="A warning shown before details that may upset people.")
    crisis: YesNo = Field(False, description="true for a helpline listed on the 'Need help now?' page.")
    crisis_needs: list[CrisisNeed] = Field(
        default_factory=list,
        max_length=6,
        description="For a crisis line: what it helps with (emergency, listening, urgent-mental-health, domestic-abuse, sexual-violence, children).",
    )
    published: Published | None = Field(None, description="Year (or date) of publication, for citing.")
    location_visibility: Visibility = Field(
        "public", description="public, area-only or contact-only; confidential locations never show an address."
    )
    address: Address | None = Field(None, description="Street address (only with location_visibility: public).")
    related: list[Slug] = Field(default_factory=list, max_length=10, description="Ids of related entries.")
    last_reviewed: IsoDate = Field(description="The date the facts were last checked (YYYY-MM-DD).")
    review_every_months: Months = Field(12, description="How often to check it again, in months.")
    status: Status = Field("active", description="active, paused or closed (closed entries are not published).")
    status_note: Line300 | None = Field(None, description="Why it is paused or closed, and until when.")
    sources: Annotated[list[HttpsUrl], Field(min_length=1, max_length=20)] = Field(
        description="Pages where the facts were confirmed (https)."
    )
    source_kind: SourceKind = Field(
        "own-or-official",
        description="own-or-official (a source is on the entry's own site or an official one) or third-party (say why in source_note).",
    )
    source_note: Line300 | None = Field(None, description="Why only third-party pages confirm this entry.")

    @property
    def review_due(self) -> date:
        return add_months(self.last_reviewed, self.review_every_months)

    def overdue(self, today: date) -> bool:
        return self.review_due < today

    @property
    def phones(self) -> list[Phone]:
        return list(self.contact.phones) if self.contact else []

    @property
    def published_visible(self) -> bool:
        return self.status != "closed"


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


ENTRY_FIELDS = tuple(Entry.model_fields)


def max_length(model: type[BaseModel], name: str) -> int:
    """The longest text or list a field takes, read from the model, so that no
    other code repeats the number."""
    field_info = model.model_fields[name]
    found = [getattr(m, "max_length", None) for m in field_info.metadata]
    todo = [field_info.annotation]
    while todo:
        annotation = todo.pop()
        for arg in typing.get_args(annotation):
            found.append(getattr(arg, "max_length", None))
            todo.append(arg)
    lengths = [n for n in found if isinstance(n, int)]
    if not lengths:
        raise KeyError(f"{model.__name__}.{name} has no length limit")
    return min(lengths)


def json_schema(taxonomy: Any | None = None) -> dict[str, Any]:
    """The JSON Schema of the data file, with the taxonomy's ids as enums for editors."""
    schema = TypeAdapter(list[Entry]).json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Waymark resources",
        "description": "The curated entries of a Waymark directory (data/resources.yaml).",
        **schema,
    }
    defs = schema["$defs"]
    region_item = defs["Entry"]["properties"]["regions"]["items"]
    defs["Entry"]["properties"]["regions"]["items"] = {
        "anyOf": [{"type": "string", "description": "A region id."}, region_item]
    }
    if taxonomy is not None:
        props = defs["Entry"]["properties"]
        props["topics"]["items"] = {"enum": sorted(taxonomy.topics)}
        props["settings"]["items"] = {"enum": sorted(taxonomy.settings)}
        props["languages"]["items"] = {"enum": sorted(taxonomy.languages)}
        defs["RegionRef"]["properties"]["region"] = {
            "enum": sorted(taxonomy.regions),
            "description": defs["RegionRef"]["properties"]["region"].get("description", ""),
        }
        props["regions"]["items"]["anyOf"][0]["enum"] = sorted(taxonomy.regions)
    return schema


def json_schema_text(taxonomy: Any | None = None) -> str:
    return json.dumps(json_schema(taxonomy), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
