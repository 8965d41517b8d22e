"""The validated directory, and the one rule for what of an entry may be published."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .schema import Address, Entry
from .taxonomy import Taxonomy


@dataclass(frozen=True)
class Directory:
    """Every valid entry (closed ones included) and the taxonomy they use."""

    entries: tuple[Entry, ...]
    taxonomy: Taxonomy
    today: date
    source: str = "data/resources.yaml"
    by_id: dict[str, Entry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {entry.id: entry for entry in self.entries})

    @property
    def published(self) -> list[Entry]:
        """Entries shown on the site, by name: closed entries are left out."""
        return sorted((e for e in self.entries if e.status != "closed"), key=lambda e: (e.name.casefold(), e.id))


def public_address(entry: Entry) -> Address | None:
    """The address, only when the entry says it may be shown. The data check
    already refuses an address with another visibility; this is the second lock."""
    return entry.address if entry.location_visibility == "public" else None


def safe_entry(entry: Entry) -> Entry:
    """The entry as it may be published: no address unless its location is public."""
    if entry.address is not None and public_address(entry) is None:
        return entry.model_copy(update={"address": None})
    return entry
