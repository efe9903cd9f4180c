"""Atomic file writes: a temporary file in the same folder, then a rename; and a lock that
keeps two writers of one folder from interleaving their files."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from soicost.errors import OutputError
from soicost.i18n import N_, Said

# The system's words for the errors a write meets most, in the catalogue: the English is the
# C library's (glibc's) own, so that an English message is what it always was.
_REASONS = {
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EDQUOT: N_("Disk quota exceeded"),
    errno.EFBIG: N_("File too large"),
    errno.EROFS: N_("Read-only file system"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.EISDIR: N_("Is a directory"),
    errno.EEXIST: N_("File exists"),
    errno.ENOENT: N_("No such file or directory"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
    errno.EPIPE: N_("Broken pipe"),
}


def os_reason(exc: OSError) -> str:
    """What the system said of ``exc``: a message of the catalogue (worded in the command's
    language) for the common errors, where the system's English is the catalogue's; else the
    system's text as it is."""
    reason = _REASONS.get(exc.errno) if exc.errno is not None else None
    if reason is not None and exc.strerror == reason:
        return Said(reason)
    return str(exc.strerror or exc)


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` so that readers see the old file or the new, never half.

    Raises :class:`OutputError` when the destination cannot be written.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_dir():
        # Said here: renaming onto "." or "/" would only say "Device or resource busy".
        raise OutputError(Said("cannot write {path}: {reason}", path=path,
                               reason=Said("Is a directory")))
    if path.exists() and not path.is_file():
        # A device or a pipe (/dev/null, /dev/stdout, a FIFO): renaming over it would
        # replace it, so write into it; there is no half-written file to fear there.
        try:
            with path.open("wb") as handle:
                handle.write(data)
        except OSError as exc:
            raise OutputError(Said("cannot write {path}: {reason}", path=path,
                                   reason=os_reason(exc))) from None
        return
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        loop = _symlink_loop(folder)
        # mkdir says "File exists" for a folder that is a symbolic-link loop.
        reason = Said("{loop} is a symbolic-link loop", loop=loop) if loop else os_reason(exc)
        raise OutputError(Said("cannot write {path}: {reason}", path=path,
                               reason=reason)) from None
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(Said("cannot write {path}: {reason}", path=path,
                               reason=os_reason(exc))) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _symlink_loop(folder: Path) -> Path | None:
    """The folder, or the parent of it, that is a symbolic-link loop, if any."""
    for candidate in (folder, *folder.parents):
        try:
            os.stat(candidate)
        except OSError as exc:
            if exc.errno == errno.ELOOP and os.path.islink(candidate):
                return candidate
    return None


def _umask() -> int:
    # mkstemp creates files readable by their owner only; published tables should not be.
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` while writing into it, so that two runs writing the
    same folder at once write one after the other and leave the complete set of one of them.

    The lock is ``flock`` on the folder itself: no lock file to linger in a folder committed
    to git, nothing to clean up after a crash (the kernel releases it when the process dies).
    Where the folder cannot be created the writes fail with their own messages, so none is
    taken; where the file system cannot lock a folder (some NFS mounts) or has no ``flock``
    (Windows), writers are not serialised, as before.
    """
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
    fd = _open_folder(folder)
    if fd is None:
        yield
        return
    try:
        _flock(fd)
        yield
    finally:
        os.close(fd)  # releases the lock


def _open_folder(folder: Path) -> int | None:
    if sys.platform == "win32":  # pragma: no cover - no flock there
        return None
    try:
        return os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return None


def _flock(fd: int) -> None:
    if sys.platform != "win32":
        import fcntl

        with contextlib.suppress(OSError):  # EINTR is retried by Python; others: no lock
            fcntl.flock(fd, fcntl.LOCK_EX)
