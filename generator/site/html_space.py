"""Take out the white space a page's templates leave between tags, and the
empty parts of Material's page that only Material's script would fill.

Material's and our templates are indented for people to read; in a built page
that indentation is a third of an entry page's bytes. Outside the elements
where white space is shown as written (pre, textarea) or is code (script,
style), a run of white space that holds a line break is shown by browsers as
one space, exactly as a single line break is: so each such run becomes one
line break, and the page looks and reads the same.

Material's script is not loaded on this site (theme/main.html), so its search
toggle, skip-link holder, banner holder and dialog, written by its base
template outside any block a theme can override, stay empty and inert: they
are taken out.
"""

from __future__ import annotations

import re

_KEPT = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_RUN = re.compile(r"[ \t\r\f]*\n[ \t\r\f\n]*")


INERT = (
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">\n',
    '<div data-md-component="skip">\n</div>\n',
    '<div data-md-component="announce">\n</div>\n',
    '<div class="md-dialog" data-md-component="dialog">\n<div class="md-dialog__inner md-typeset"></div>\n</div>\n',
)


def drop_inert(html: str) -> str:
    """``html`` (already collapsed) without Material's empty, script-only parts."""
    for part in INERT:
        html = html.replace(part, "", 1)
    return html


def collapse(html: str) -> str:
    parts = _KEPT.split(html)
    # split() gives text, kept element, its tag name, text, ...: only the text changes.
    out = []
    for index, part in enumerate(parts):
        kind = index % 3
        if kind == 0:
            out.append(_RUN.sub("\n", part))
        elif kind == 1:
            out.append(part)
    return "".join(out)
