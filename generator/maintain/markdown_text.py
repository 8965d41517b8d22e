"""Text from the data placed in Markdown reports (issue bodies on GitHub).

Every character that Markdown or GitHub gives a meaning to inside a line is
escaped with a backslash, so that a name cannot add a link, an HTML tag, an
image, a task box or a mention (``@someone``) to an issue.
"""

from __future__ import annotations

import re

from ..data.words import plural

# '$' starts maths on GitHub; '-', '+' and '.' matter only at the start of a line,
# where data text never goes.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|<>~@&$])")


def escape_markdown(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


# GitHub refuses an issue body longer than 65,536 characters; leave room for edits.
ISSUE_BODY_LIMIT = 60_000


def fit(lines: list[str], limit: int = ISSUE_BODY_LIMIT, note: str = "") -> str:
    """Join the lines, dropping whole lines from the end to stay under ``limit``
    characters, and say how many were left out."""
    text = "\n".join(lines) + "\n"
    if len(text) <= limit:
        return text
    kept: list[str] = []
    size = 0
    for line in lines:
        if size + len(line) + 1 > limit - 400:
            break
        kept.append(line)
        size += len(line) + 1
    left = sum(1 for line in lines[len(kept) :] if line.startswith("- "))
    kept += [
        "",
        f"… and {left} more {plural('item', left)} not shown here, to fit GitHub's limit. {note}".rstrip(),
    ]
    return "\n".join(kept) + "\n"
