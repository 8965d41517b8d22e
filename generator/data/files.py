"""Paths as people type them, and one way to replace a file: all at once."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def display_path(path: Path) -> str:
    """The path as people would type it: relative when inside the working folder."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def write_atomically(path: Path, data: str | bytes) -> None:
    """Replace the file in one step: a temporary file beside it (same file system),
    flushed to disk, given the old file's mode, then renamed over it. A reader
    sees the old file or the new one, never half of one; on any failure the
    temporary file is removed and the old file is untouched."""
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data.encode("utf-8") if isinstance(data, str) else data)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.chmod(temp, path.stat().st_mode & 0o7777)
        except FileNotFoundError:
            os.chmod(temp, 0o644)  # a new file: readable by all, as an editor would make it
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def regular_file(path: Path) -> bool:
    """True for a regular file (through a symbolic link too). A device such as
    /dev/zero, a pipe or a folder is refused before anything is read from it:
    reading one could block, or never end."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False
