"""Words as search stores and finds them, the same way here and in the browser
(theme/components/search/search.js):

1. fold: lower case, accents and other marks removed ("Café" → "cafe");
2. words: runs of letters and digits, two or more long, not one of STOP_WORDS,
   an apostrophe inside a word taken out ("can't" → "cant");
3. british: an American spelling as the pages spell it ("behavior" →
   "behaviour"), from data/search-words.yaml and a few rules (-ize → -ise);
4. stem: the word's Snowball English stem ("counselling", "counsellor" →
   "counsel"), for words of plain letters a–z. The build uses the
   ``snowballstemmer`` package (2.x); the browser porter2, which implements the
   same rules: a browser test runs every word of the index through both.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

MIN_LENGTH = 2
# Words in nearly every entry, which would make their shard large and match
# everything, and the words of a question ("what is …", "how can I …"), which
# would keep a page out for not saying them. Only words no one searches for on
# their own ("us", "who", "it" and "not" stay: the US, the WHO, IT, "Was not
# brought").
STOP_WORDS = (
    "am", "an", "and", "are", "as", "at", "be", "been", "being", "by", "can", "could", "did", "do",
    "does", "for", "from", "has", "have", "how", "in", "is", "its", "me", "my", "of", "on", "or",
    "our", "should", "that", "the", "their", "this", "to", "was", "we", "were", "what", "when",
    "where", "which", "why", "will", "with", "would", "you", "your",
)  # fmt: skip
_STOP = frozenset(STOP_WORDS)
_WORD = re.compile(r"[^\W_]+")
# An apostrophe inside a word joins it: "can't" is "cant", "children's" is "childrens".
_APOSTROPHE = re.compile(r"([^\W_])['\u2019]([^\W_])")
_HYPHENATED = re.compile(r"[^\W_]+(?:-[^\W_]+)+")
_LETTERS = re.compile(r"[a-z]+")
# American endings and the British ones (both sides of a search use them, so a
# word they do not really fit still meets itself).
_ENDINGS = (("izations", "isations"), ("ization", "isation"), ("izing", "ising"), ("ized", "ised"),
            ("izes", "ises"), ("ize", "ise"), ("yzing", "ysing"), ("yzed", "ysed"), ("yze", "yse"))  # fmt: skip
_ENDING_MIN = 6  # "size" and "prize" keep their z


def fold(text: str) -> str:
    """Lower case, with accents and other marks removed. Lower case again at the
    end: some characters decompose into capitals ("™" → "TM")."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M")).lower()


def british(word: str, spellings: dict[str, str]) -> str:
    if word in spellings:
        return spellings[word]
    if len(word) >= _ENDING_MIN:
        for american, english in _ENDINGS:
            if word.endswith(american):
                return word[: -len(american)] + english
    return word


_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball English stem of a word of letters a–z; other words as they are."""
    return _STEMMER.stemWord(word) if _LETTERS.fullmatch(word) else word


def joined(text: str) -> str:
    """Folded, with apostrophes inside words taken out (twice, as search.js does,
    so that "rock'n'roll" is one word)."""
    return _APOSTROPHE.sub(r"\1\2", _APOSTROPHE.sub(r"\1\2", fold(text)))


def words(text: str) -> list[str]:
    """The folded words of a text that search uses (before spelling and stems)."""
    return [w for w in _WORD.findall(joined(text)) if len(w) >= MIN_LENGTH and w not in _STOP]


def term(word: str, spellings: dict[str, str]) -> str:
    return stem(british(word, spellings))


def terms(text: str, spellings: dict[str, str]) -> list[str]:
    """The terms a text is found by, in order."""
    return [term(w, spellings) for w in words(text)]


def indexed(text: str, spellings: dict[str, str]) -> list[tuple[str, str]]:
    """(term, word as written) for every word of a text, and each hyphenated word
    also written as one, so that "re-traumatisation" is found by
    "retraumatisation" as well as by its parts."""
    found = [(term(w, spellings), w) for w in words(text)]
    for hyphenated in _HYPHENATED.findall(joined(text)):
        word = hyphenated.replace("-", "")
        found.append((term(word, spellings), word))
    return found
