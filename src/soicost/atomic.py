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


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` so that readers see the old file or the new, never half.

    Raises :class:`OutputError` when the destination cannot be written.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_dir():
        # Said here: renaming onto "." or "/" would only say "Device or resource busy".
        raise OutputError(f"cannot write {path}: Is a directory")
    if path.exists() and not path.is_file():
        # A device or a pipe (/dev/null, /dev/stdout, a FIFO): renaming over it would
        # replace it, so write into it; there is no half-written file to fear there.
        try:
            with path.open("wb") as handle:
                handle.write(data)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        return
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        loop = _symlink_loop(folder)
        # mkdir says "File exists" for a folder that is a symbolic-link loop.
        reason = f"{loop} is a symbolic-link loop" if loop else exc.strerror or exc
        raise OutputError(f"cannot write {path}: {reason}") from None
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
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
