"""Read a YAML data file into plain values, keeping the line and column of each.

Every plain scalar stays the text that was written (``NO``, ``9:30`` and ``012``
are strings); the model gives values their types. Empty values and ``~``/``null``
become ``None``. Duplicate keys, anchors, aliases, explicit tags, tabs,
invisible direction or zero-width characters and non-UTF-8 bytes are problems,
whether typed into the file or written as escapes (``"\u202e"``) in double quotes.

The file is parsed into events by libyaml (when PyYAML was built with it) and
composed here, which is several times faster than ``yaml.safe_load`` and never
expands an alias, so an alias bomb costs nothing.
"""

from __future__ import annotations

import bisect
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MAX_DEPTH = 12
MAX_KEYS = 1000  # an entry has about thirty fields; a taxonomy section a few hundred terms
# Items of a list inside the top level (an entry's topics, sources …): the model
# allows at most twenty; the rest are read past, not kept, so a hostile list
# costs time to skip but no memory. The top-level list of entries has no limit
# (a directory may hold 100,000 entries).
MAX_ITEMS = 1000
NULLS = frozenset({"", "~", "null", "Null", "NULL"})

_FORBIDDEN = re.compile(
    "[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # direction controls
    "\u200b-\u200d\u2060-\u2064\ufeff"  # zero-width
    "\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\uffa0\U000e0000-\U000e007f"  # invisible
    "\u2028\u2029\ufff9-\ufffb\ufdd0-\ufdef\ufffe\uffff"  # line separators, noncharacters
    "\U0001fffe\U0001ffff\U0010fffe\U0010ffff]"
)
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff")
# Shown as nothing (or as a blank) although they are there: soft hyphen, fillers,
# variation selectors of Mongolian, and the "tag" characters that can smuggle hidden text.
_INVISIBLE = frozenset("\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f\u3164\uffa0") | frozenset(
    map(chr, range(0xE0000, 0xE0080))
)
# One problem per character is reported up to this many; a file full of them gets one more line.
MAX_CHARACTER_PROBLEMS = 100


class Mark(NamedTuple):
    """A 1-based line and column."""

    line: int
    column: int


class MarkedMap(dict[str, Any]):
    """A mapping that remembers where it starts and where each key and value is."""

    __slots__ = ("start", "key_marks", "value_marks")
    start: Mark
    key_marks: dict[str, Mark]
    value_marks: dict[str, Mark]


class MarkedList(list[Any]):
    """A sequence that remembers where it starts and where each item is."""

    __slots__ = ("start", "item_marks")
    start: Mark
    item_marks: list[Mark]


@dataclass(frozen=True)
class RawProblem:
    """A problem found while reading: a type, its context and where it is."""

    type: str
    mark: Mark
    path: tuple[Any, ...] = ()
    context: dict[str, Any] = field(default_factory=dict)


@dataclass
class Loaded:
    data: MarkedList | None
    problems: list[RawProblem]
    text: str = ""
    # When a reading problem stops the file from being used, the same text with
    # the offending characters blanked out, composed only to tell which entry and
    # field each problem is in.
    outline: Any = None


def load_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, top_level: type | None = None) -> Loaded:
    """Read and compose a data file; problems are returned, never raised."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return Loaded(None, [RawProblem("file_missing", Mark(1, 1))])
    except OSError as error:
        return Loaded(None, [RawProblem("file_unreadable", Mark(1, 1), context={"reason": error.strerror or "error"})])
    if not stat.S_ISREG(status.st_mode):
        # A device (/dev/zero), a pipe or a folder: reading it could never end.
        return Loaded(None, [RawProblem("file_unreadable", Mark(1, 1), context={"reason": "it is not a regular file"})])
    size = status.st_size
    if size > max_bytes:
        return Loaded(None, [RawProblem("file_too_large", Mark(1, 1), context={"size": size, "limit": max_bytes})])
    try:
        raw = path.read_bytes()
    except OSError as error:  # a folder, no permission, a device error
        reason = error.strerror or type(error).__name__
        return Loaded(None, [RawProblem("file_unreadable", Mark(1, 1), context={"reason": reason})])
    return load_bytes(raw, top_level)


def load_bytes(raw: bytes, top_level: type | None = None) -> Loaded:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:  # checked first: a UTF-16 file is full of NUL bytes
        problem = RawProblem("encoding", _byte_mark(raw, error.start), context={"byte": f"{raw[error.start]:02X}"})
        return Loaded(None, [problem], outline=_outline(raw, top_level))
    nul = text.find("\0")
    if nul >= 0:
        return Loaded(None, [RawProblem("nul", _byte_mark(raw, raw.find(b"\0")))], outline=_outline(raw, top_level))
    return load_text(text, top_level)


def load_text(text: str, top_level: type | None = None) -> Loaded:
    problems = scan_text(text)
    if any(p.type in ("tab", "control", "more_characters") for p in problems):
        # libyaml would stop at the first of these with a less helpful message.
        return Loaded(None, problems, text, outline=_outline(text, top_level))
    data, compose_problems = compose(text, top_level or MarkedList)
    if any(p.type == "alias" for p in compose_problems):
        # Values written as aliases were read as nothing: the data is not what the author meant.
        return Loaded(None, problems + compose_problems, text, outline=data)
    return Loaded(data, problems + compose_problems, text)


def _outline(content: str | bytes, top_level: type | None) -> Any:
    """The file composed with unreadable bytes and forbidden characters blanked
    out (one for one, so lines and columns stay put), or None."""
    if isinstance(content, bytes):
        content = content.replace(b"\0", b" ").decode("utf-8", errors="replace")
    data, _ = compose(_FORBIDDEN.sub(" ", content), top_level or MarkedList)
    return data


def character_kind(char: str) -> str:
    if char == "\t":
        return "tab"
    if char in _BIDI:
        return "bidi"
    if char in _ZERO_WIDTH:
        return "zero_width"
    if char in _INVISIBLE:
        return "invisible"
    return "control"


def scan_text(text: str) -> list[RawProblem]:
    """Tabs, control and invisible characters, one problem per character found
    (up to MAX_CHARACTER_PROBLEMS, then one line saying there are more)."""
    problems: list[RawProblem] = []
    line_starts = None
    for match in _FORBIDDEN.finditer(text):
        if line_starts is None:
            line_starts = _line_starts(text)
        line = bisect.bisect_right(line_starts, match.start())
        mark = Mark(line, match.start() - line_starts[line - 1] + 1)
        if len(problems) == MAX_CHARACTER_PROBLEMS:
            problems.append(RawProblem("more_characters", mark, context={"count": MAX_CHARACTER_PROBLEMS}))
            break
        char = match.group()
        problems.append(RawProblem(character_kind(char), mark, context={"code": f"{ord(char):04X}"}))
    return problems


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def _byte_mark(raw: bytes, offset: int) -> Mark:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Mark(raw.count(b"\n", 0, offset) + 1, column)


def _mark(event: Any) -> Mark:
    return Mark(event.start_mark.line + 1, event.start_mark.column + 1)


class _StopError(Exception):
    """Composition cannot go on (nesting past the limit, or a key that is not text)."""


# Each kind of structural problem is listed this many times at most; a hostile
# file with a million aliases gets a short report, not a million lines.
MAX_PROBLEMS_PER_KIND = 20
_NOUNS = {"alias": "aliases", "anchor": "anchors", "tag": "tags", "duplicate_key": "repeated field names"}


def compose(text: str, top_level: type = MarkedList) -> tuple[Any, list[RawProblem]]:
    """Events → plain values with marks. The top level must be a non-empty list
    (a data file) or a mapping (a taxonomy file).

    An alias is reported and read as nothing: it is never followed, so an
    "alias bomb" costs one step per alias written. The caller must not use data
    that has alias problems (see load_text); it only tells where things are.
    """
    problems: list[RawProblem] = []
    path: list[Any] = []
    counts: dict[str, int] = {}
    events = yaml.parse(text, Loader=_YamlLoader)
    next_event = events.__next__

    def problem(type_: str, event: Any, **context: Any) -> None:
        seen = counts[type_] = counts.get(type_, 0) + 1
        if seen <= MAX_PROBLEMS_PER_KIND:
            problems.append(RawProblem(type_, _mark(event), tuple(path), context))
        elif seen == MAX_PROBLEMS_PER_KIND + 1:
            what = _NOUNS.get(type_, "problems like the one above")
            problems.append(RawProblem("more_of_kind", _mark(event), tuple(path), {"what": what, "count": seen - 1}))

    def check_node(event: Any) -> None:
        if event.anchor is not None:
            problem("anchor", event, anchor=event.anchor)
        if event.tag is not None:
            problem("tag", event, tag=event.tag)

    def check_escapes(event: Any) -> None:
        # Only double quotes turn escapes such as "\u202E" or "\0" into characters
        # that scan_text never saw in the file itself.
        written = text[event.start_mark.index : event.end_mark.index]
        found = set(_FORBIDDEN.findall(event.value)) - set(_FORBIDDEN.findall(written))
        for char in sorted(found)[:MAX_CHARACTER_PROBLEMS]:
            problem(character_kind(char), event, code=f"{ord(char):04X}", escaped=True)

    def node(event: Any) -> Any:
        kind = type(event)
        if kind is ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                check_node(event)
            value = event.value
            if event.style == '"' and _FORBIDDEN.search(value):
                check_escapes(event)
            if not event.style and value in NULLS:
                return None
            return value
        if kind is MappingStartEvent:
            if len(path) >= MAX_DEPTH:
                problem("too_deep", event)
                raise _StopError
            if event.anchor is not None or event.tag is not None:
                check_node(event)
            mapping = MarkedMap()
            mapping.start = _mark(event)
            key_marks: dict[str, Mark] = {}
            value_marks: dict[str, Mark] = {}
            mapping.key_marks, mapping.value_marks = key_marks, value_marks
            while True:
                key_event = next_event()
                if type(key_event) is MappingEndEvent:
                    return mapping
                if type(key_event) is AliasEvent:
                    problem("alias", key_event, anchor=key_event.anchor)
                    node(next_event())
                    continue
                if type(key_event) is not ScalarEvent:
                    problem("complex_key", key_event)
                    raise _StopError
                if key_event.anchor is not None or key_event.tag is not None:
                    check_node(key_event)
                key = key_event.value
                if key_event.style == '"' and _FORBIDDEN.search(key):
                    path.append(key)
                    check_escapes(key_event)
                    path.pop()
                value_event = next_event()
                path.append(key)
                value = node(value_event)
                path.pop()
                if key in mapping:
                    path.append(key)
                    problem("duplicate_key", key_event, key=key, first_line=key_marks[key].line)
                    path.pop()
                    continue
                if len(mapping) == MAX_KEYS:
                    if "too_many_keys" not in counts:
                        problem("too_many_keys", key_event, limit=MAX_KEYS)
                    continue
                mapping[key] = value
                key_marks[key] = _mark(key_event)
                value_marks[key] = _mark(value_event)
        if kind is SequenceStartEvent:
            if len(path) >= MAX_DEPTH:
                problem("too_deep", event)
                raise _StopError
            if event.anchor is not None or event.tag is not None:
                check_node(event)
            items = MarkedList()
            items.start = _mark(event)
            marks: list[Mark] = []
            items.item_marks = marks
            index = 0
            while True:
                item_event = next_event()
                if type(item_event) is SequenceEndEvent:
                    return items
                path.append(index)
                value = node(item_event)
                path.pop()
                if path and index >= MAX_ITEMS:
                    if index == MAX_ITEMS:
                        problem("too_many_items", item_event, limit=MAX_ITEMS)
                    index += 1
                    continue
                items.append(value)
                marks.append(_mark(item_event))
                index += 1
        if kind is AliasEvent:
            problem("alias", event, anchor=event.anchor)
            return None
        raise AssertionError(f"unexpected YAML event {event!r}")  # pragma: no cover

    try:
        next_event()  # stream start
        start = next_event()
        if type(start) is StreamEndEvent:
            return None, [RawProblem("empty_file", Mark(1, 1))]
        assert type(start) is DocumentStartEvent
        root_event = next_event()
        root = node(root_event)
        end = next_event()
        assert type(end) is DocumentEndEvent
        following = next_event()
        if type(following) is DocumentStartEvent:
            problem("multiple_documents", following)
    except _StopError:
        return None, problems
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = " ".join((error.problem or error.context or "the text cannot be read as YAML").split())
        problems.append(RawProblem("syntax", Mark(line, column), tuple(path), {"problem": detail}))
        return None, problems
    except yaml.YAMLError as error:  # reader errors without a mark
        problems.append(RawProblem("syntax", Mark(1, 1), (), {"problem": " ".join(str(error).split())}))
        return None, problems

    if root is None:
        return None, problems + [RawProblem("empty_file", _mark(root_event))]
    if not isinstance(root, top_level):
        wrong = "not_a_list" if top_level is MarkedList else "not_a_mapping"
        return None, problems + [RawProblem(wrong, _mark(root_event))]
    if not root:
        return None, problems + [RawProblem("empty_list", _mark(root_event))]
    return root, problems


def locate(data: Any, path: tuple[Any, ...], *, key: bool = False) -> Mark | None:
    """The mark of the value at ``path`` (or of its key), or of the nearest container."""
    node = data
    mark = getattr(data, "start", None)
    for index, part in enumerate(path):
        last = index == len(path) - 1
        if isinstance(node, MarkedMap) and part in node:
            mark = node.key_marks[part] if (key and last) else node.value_marks[part]
            node = node[part]
        elif isinstance(node, MarkedList) and isinstance(part, int) and 0 <= part < len(node):
            mark = node.item_marks[part]
            node = node[part]
        else:
            break
    return mark
