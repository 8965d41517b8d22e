"""The controlled vocabularies of a directory (data/taxonomy.yaml).

Topics, settings, regions with their areas, and languages each map an id to a
label. A site may change them; entries are checked against them.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .fields import PAGE_FOLDER, AllowedHost, Line60, Line80, Line100, Line300, Slug, YesNo


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _label_shorthand(value: Any) -> Any:
    return {"label": value} if isinstance(value, str) else value


class Term(_Model):
    label: Line80 = Field(description="What people see.")
    description: Line300 | None = Field(None, description="One sentence explaining the term.")


# Ids that would take the place of a generated page: find/topic/index/ is the
# list of topics, so no topic (setting, region, area or language) may be
# called "index"; later pages of a region's listing live in
# find/region/<region>/page/<n>/, so no area may be called "page".
RESERVED_TERMS = frozenset({"index"})
RESERVED_AREAS = RESERVED_TERMS | {PAGE_FOLDER}


def _term_id(value: str) -> str:
    if value in RESERVED_TERMS:
        raise PydanticCustomError("term_reserved", "term_reserved", {"input": value})
    return value


def _area_id(value: str) -> str:
    if value in RESERVED_AREAS:
        raise PydanticCustomError("area_reserved", "area_reserved", {"input": value})
    return value


TermId = Annotated[Slug, AfterValidator(_term_id)]
AreaId = Annotated[Slug, AfterValidator(_area_id)]
# A domain or a top-level suffix ("gov.uk", "gov"), lowercase ASCII.
DomainName = Annotated[
    str,
    StringConstraints(
        pattern=r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$", max_length=253
    ),
]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


class AreaTerm(_Model):
    label: Line100 = Field(description="What people see, e.g. 'Dudley'.")
    within: list[Slug] = Field(
        default_factory=list, description="Larger areas of the same region it lies within, e.g. black-country."
    )


AreaField = Annotated[AreaTerm, BeforeValidator(_label_shorthand)]


class RegionTerm(_Model):
    label: Line80 = Field(description="What people see, e.g. 'Scotland'.")
    description: Line300 | None = None
    nation: YesNo = Field(False, description="Shown in the nation filter and on the crisis-lines page.")
    includes: list[Slug] = Field(default_factory=list, description="Regions this one covers, e.g. uk includes england.")
    country: CountryCode | None = Field(
        None, description="ISO 3166-1 country code (GB, US …): phone numbers are checked against its numbering plan."
    )
    areas: dict[AreaId, AreaField] = Field(
        default_factory=dict, description="Local areas within the region: id: label, or id: {label, within}."
    )

    @property
    def area_labels(self) -> dict[str, str]:
        return {key: term.label for key, term in self.areas.items()}

    @model_validator(mode="after")
    def _areas_nest(self) -> RegionTerm:
        for key, term in self.areas.items():
            for outer in term.within:
                if outer not in self.areas:
                    raise PydanticCustomError(
                        "area_within_unknown", "area_within_unknown", {"input": outer, "area": key}
                    )
        for key in self.areas:
            seen, todo = set(), list(self.areas[key].within)
            while todo:
                current = todo.pop()
                if current == key:
                    raise PydanticCustomError("area_within_cycle", "area_within_cycle", {"input": key})
                if current not in seen:
                    seen.add(current)
                    todo.extend(self.areas[current].within)
        return self


TermField = Annotated[Term, BeforeValidator(_label_shorthand)]
RegionField = Annotated[RegionTerm, BeforeValidator(_label_shorthand)]


class Taxonomy(_Model):
    topics: dict[TermId, TermField] = Field(min_length=1)
    settings: dict[TermId, TermField] = Field(min_length=1)
    regions: dict[TermId, RegionField] = Field(min_length=1)
    languages: dict[TermId, Line60] = Field(min_length=1)
    official_domains: list[DomainName] = Field(
        default_factory=list,
        description="Domains of official bodies (gov.uk, nhs.uk …): a source there confirms any entry.",
    )
    fictional_numbers: YesNo = Field(
        False,
        description="true only for test and benchmark directories: accept phone numbers from the ranges kept for drama.",
    )
    allowed_hosts: list[AllowedHost] = Field(
        default_factory=list,
        description="Host names with international characters that have been checked by hand.",
    )

    def label(self, vocabulary: str, key: str) -> str:
        table = getattr(self, vocabulary)
        value = table.get(key)
        if value is None:
            return key
        return value if isinstance(value, str) else value.label

    def area_label(self, region: str, area: str) -> str:
        term = self.regions[region].areas.get(area) if region in self.regions else None
        return term.label if term else area

    def areas_within(self, region: str, area: str) -> set[str]:
        """The area and every area that lies within it, at any depth (West Midlands →
        Black Country → Dudley): a service for an area serves all of them."""
        areas = self.regions[region].areas if region in self.regions else {}
        found = {area}
        grew = True
        while grew:
            grew = False
            for key, term in areas.items():
                if key not in found and found & set(term.within):
                    found.add(key)
                    grew = True
        return found

    def place_label(self, region: str, area: str | None = None) -> str:
        """A place as pages name it: "Dudley, England" for an area, "UK-wide" for a region."""
        label = self.label("regions", region)
        return f"{self.area_label(region, area)}, {label}" if area else label

    def covered_by(self, region: str) -> set[str]:
        """The region and every region it includes (uk → england, scotland ...)."""
        seen: set[str] = set()
        todo = [region]
        while todo:
            current = todo.pop()
            if current in seen or current not in self.regions:
                continue
            seen.add(current)
            todo.extend(self.regions[current].includes)
        return seen

    def countries(self, regions: list[str]) -> set[str]:
        """The countries of these regions and of the regions they include."""
        covered = {r for region in regions for r in self.covered_by(region)}
        return {code for r in covered if (code := self.regions[r].country)}

    @property
    def nations(self) -> list[str]:
        return [key for key, term in self.regions.items() if term.nation]
