"""Facets: what each entry matches, and the counts shown beside each option."""

from __future__ import annotations

from datetime import date

from generator.data.directory import Directory
from generator.data.schema import Entry
from generator.data.validate import read_taxonomy
from generator.site.facets import FACETS_BY_KEY, region_values

from .conftest import TAXONOMY

TAX = read_taxonomy(TAXONOMY)


def entry(**changes) -> Entry:
    base = dict(
        id="x",
        name="X",
        kind="helpline",
        summary="S.",
        publisher="P",
        audience=["public"],
        topics=["crisis"],
        regions=["uk"],
        last_reviewed="2026-01-01",
        sources=["https://www.gov.uk/x"],
    )
    return Entry.model_validate({**base, **changes})


def test_uk_counts_for_every_nation():
    assert region_values(entry(), TAX) >= {"uk", "england", "scotland", "wales", "northern-ireland"}


def test_an_area_counts_for_its_nation_and_every_area_within_it():
    values = region_values(entry(regions=[{"region": "england", "area": "west-midlands"}]), TAX)
    assert {"england", "england/west-midlands", "england/black-country", "england/dudley"} <= values
    assert "england/cambridgeshire-and-peterborough" not in values


def test_counts_and_order_follow_the_vocabulary():
    entries = [entry(id="a", kind="toolkit"), entry(id="b"), entry(id="c")]
    facet = FACETS_BY_KEY["kind"]
    counts = facet.counts(entries, TAX)
    assert counts == {"toolkit": 1, "helpline": 2}
    assert facet.ordered(counts, TAX) == ["toolkit", "helpline"]  # the order of KINDS
    assert Directory(tuple(entries), TAX, date(2026, 1, 2)).published[0].id == "a"
