"""Build the site into a fresh folder and put it in place only when the build succeeds.

A failed build — bad data, a plugin error, a full disk — leaves the previous
site/ exactly as it was.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path


class AtomicBuildError(Exception):
    pass


def atomic_build(config_file: Path, site_dir: Path, *, strict: bool = True) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    _show_mkdocs_log()
    site_dir = site_dir.resolve()
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        recover(site_dir)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING}{os.getpid()}-", dir=site_dir.parent))
    except OSError as error:
        raise AtomicBuildError(
            f"cannot write in {site_dir.parent}: {error.strerror or error} — check that the folder is writable "
            "and that the disk has free space"
        ) from None
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=strict)
        build(config)
        publishable(staging)
    except (Abort, ConfigurationError, OSError, Exception) as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise AtomicBuildError(str(error) or type(error).__name__) from error
    try:
        swap_into_place(staging, site_dir)
    except OSError as error:  # the swap itself failed (full disk, permissions): the old site is back
        shutil.rmtree(staging, ignore_errors=True)
        raise AtomicBuildError(f"could not put the new site in place: {error}") from error


STAGING = ".site-new-"
RETIRED = ".site-old-"
_RENAME_EXCHANGE = 2  # renameat2(2): swap two paths in one step


def publishable(folder: Path) -> None:
    """Folders 755 and files 644, as a web server running as another user needs
    (a temporary folder starts as 700)."""
    for path in [folder, *folder.rglob("*")]:
        if path.is_symlink():
            continue
        os.chmod(path, 0o755 if path.is_dir() else 0o644)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step where the system can (Linux renameat2); False where it cannot."""
    if sys.platform != "linux":
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.ENOTSUP):
        return False  # not supported here: use the two renames
    raise OSError(error, os.strerror(error), str(second))


def swap_into_place(staging: Path, site_dir: Path) -> None:
    """Replace site_dir with staging so that site_dir is never missing: one atomic
    exchange where the system supports it; otherwise two renames, with the old
    folder named so that the next build can put it back (``recover``)."""
    if not site_dir.exists():
        os.rename(staging, site_dir)
        return
    if _exchange(staging, site_dir):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the previous site
        return
    previous = site_dir.with_name(f"{RETIRED}{os.getpid()}")
    shutil.rmtree(previous, ignore_errors=True)
    os.rename(site_dir, previous)
    try:
        os.rename(staging, site_dir)
    except OSError:
        os.rename(previous, site_dir)
        raise
    shutil.rmtree(previous, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover(site_dir: Path) -> list[str]:
    """Tidy what killed builds left beside site_dir: a site folder taken out of the
    way and never replaced is put back, and their staging folders are removed.
    Folders of builds still running are left alone. Returns what was done."""
    done = []
    for folder in sorted(site_dir.parent.glob(f"{RETIRED}*")) + sorted(site_dir.parent.glob(f"{STAGING}*")):
        pid_text = folder.name.split("-")[2] if folder.name.count("-") >= 2 else ""
        if pid_text.isdigit() and _alive(int(pid_text)) and int(pid_text) != os.getpid():
            continue
        if folder.name.startswith(RETIRED) and not site_dir.exists():
            os.rename(folder, site_dir)
            done.append(f"put back {site_dir.name} from {folder.name}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
            done.append(f"removed {folder.name}")
    return done


class _StderrHandler(logging.Handler):
    """Writes to whatever sys.stderr is at the time (tests replace it)."""

    def emit(self, record: logging.LogRecord) -> None:
        print(self.format(record), file=sys.stderr)


def _show_mkdocs_log() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
