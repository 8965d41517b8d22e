"""The words Waymark and HSDS 3.0 share: which of our fields travel as
``waymark:`` attributes, defaults left out of the export, and the mappings of
status, cost and language codes. The export writes with them and the import
reads with them, so the two always agree.
"""

from __future__ import annotations

LINK_PREFIX = "waymark:"

# Fields HSDS has no place for, carried as attributes: vocabulary terms (with a
# taxonomy_term) and free values.
VOCABULARY_FIELDS = ("kind", "audience", "topics", "settings", "format", "practice_level", "regions")
VALUE_FIELDS = (
    "crisis",
    "crisis_needs",
    "content_notes",
    "published",
    "location_visibility",
    "review_every_months",
    "related",
    "sources",
    "source_kind",
    "source_note",
)
CONTACT_FIELDS = ("webchat", "webchat_hours", "bsl")  # under contact in our model
ATTRIBUTE_FIELDS = ("id", *VOCABULARY_FIELDS, *VALUE_FIELDS, *CONTACT_FIELDS)
PHONE_FIELDS = ("keyword", "hours", "note", "relay_uk")
DEFAULTS = {
    "crisis": False,
    "location_visibility": "public",
    "review_every_months": 12,
    "source_kind": "own-or-official",
}

ORGANIZATION_TEXT = "Runs or publishes resources listed in"  # HSDS requires a description
STATUS_TO_HSDS = {"active": "active", "paused": "temporarily closed"}
COST_OPTIONS = {"free": ("Free",), "paid": ("Paid",), "mixed": ("Free", "Paid")}
# Our language ids are ISO 639-1 codes, except British Sign Language (ISO 639-3 'bfi').
LANGUAGE_TO_ISO = {"bsl": "bfi"}
# Where an address's state or province comes from: a UK nation's name, or the
# area (a state) of these regions. The country code is the taxonomy's.
STATES_BY_AREA = ("united-states", "australia")  # their areas are states
