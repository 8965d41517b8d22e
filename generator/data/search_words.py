"""The search's own vocabulary (data/search-words.yaml): synonyms, one-way
expansions, the words that put crisis lines first, and American spellings.
Read and checked like the entries, with the same messages and line numbers."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

from . import loader
from .errors import FILE_LEVEL, DataError, Problem
from .files import display_path
from .report import _from_raw, problem_from_pydantic

_PHRASE = re.compile(r"^[a-z0-9]+(?:[ '-][a-z0-9]+){0,5}$")
_WORD = re.compile(r"^[a-z]+$")


def _phrase(value: str) -> str:
    if not _PHRASE.fullmatch(value):
        raise PydanticCustomError("search_phrase", "search_phrase", {"input": value})
    return value


def _word(value: str) -> str:
    if not _WORD.fullmatch(value):
        raise PydanticCustomError("search_word", "search_word", {"input": value})
    return value


Phrase = Annotated[str, AfterValidator(_phrase)]
Word = Annotated[str, AfterValidator(_word)]


class SearchWords(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    synonyms: list[Annotated[list[Phrase], Field(min_length=2, max_length=10)]] = Field(
        default_factory=list, max_length=500
    )
    one_way: list[Annotated[list[Phrase], Field(min_length=2, max_length=10)]] = Field(
        default_factory=list, max_length=500
    )
    crisis_words: list[Phrase] = Field(default_factory=list, max_length=200)
    spellings: dict[Word, Word] = Field(default_factory=dict, max_length=1000)
    word_forms: dict[Word, Word] = Field(default_factory=dict, max_length=1000)

    @property
    def replacements(self) -> dict[str, str]:
        """Every word searched as another: an American spelling, or a form stemming
        does not join (a spelling first: counselor → counsellor → counselling)."""
        joined = {**self.spellings, **self.word_forms}
        return {word: joined.get(other, other) for word, other in joined.items()}


EMPTY = SearchWords()


def read_search_words(path: Path, *, max_bytes: int = loader.DEFAULT_MAX_BYTES) -> SearchWords:
    """The file's words, checked; a missing file means none. Raises DataError."""
    if not path.exists():
        return EMPTY
    name = display_path(path)
    loaded = loader.load_file(path, max_bytes, top_level=loader.MarkedMap)
    problems = [_from_raw(name, raw, None, where=FILE_LEVEL) for raw in loaded.problems]
    data: Any = loaded.data
    if data is not None and not problems:
        try:
            words = SearchWords.model_validate(data)
        except ValidationError as error:
            problems += [problem_from_pydantic(name, data, (), err, FILE_LEVEL, SearchWords) for err in error.errors()]
        else:
            problems += _repeats(name, data, words)
            if not problems:
                return words
    raise DataError(problems)


def _repeats(name: str, data: Any, words: SearchWords) -> list[Problem]:
    """A phrase in two synonym groups would join them silently: it must be in one."""
    problems = []
    seen: dict[str, int] = {}
    for group_number, group in enumerate(words.synonyms):
        for position, phrase in enumerate(group):
            if phrase in seen and seen[phrase] != group_number:
                mark = loader.locate(data, ("synonyms", group_number, position)) or loader.Mark(1, 1)
                message = f"'{phrase}' is already in synonym group {seen[phrase] + 1}"
                problems.append(
                    Problem(
                        name,
                        mark.line,
                        mark.column,
                        FILE_LEVEL,
                        f"synonyms[{group_number}][{position}]",
                        message,
                        "keep it in one group, or join the two groups",
                        "search_repeat",
                    )
                )
            seen.setdefault(phrase, group_number)
    return problems
