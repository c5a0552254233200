"""The journal and the lock: how ``update`` and ``add-domain`` change a project in one step.

A run holds the project lock (:func:`project_lock`, a ``flock`` on ``.fastgen/lock`` that the
operating system drops when the process ends, so a killed run never leaves it behind) from
reading the baseline until the manifest is written; a second run waits for it, for a bounded
time. Inside the lock, every change goes through the journal in ``.fastgen/transaction/``:

``files/<path>``
    The new text of every file the run writes, at its project-relative path.
``deletes.json``
    A JSON list of the project-relative paths the run deletes.
``COMMITTED``
    An empty marker: present exactly when the journal is complete and must be applied.

:func:`apply_changes` runs these steps; each is one file-system operation that is harmless to
repeat, so a kill at any instruction leaves a state :func:`recover` finishes:

1. *prepare*: write every file under ``files/``, then ``deletes.json``, each synced to disk;
2. *commit*: create ``COMMITTED`` and sync its directory — the run now counts as done;
3. *move*: ``os.replace`` each file of ``files/`` into the project, in path order (a moved file
   is gone from ``files/``, so a repeat moves only the rest);
4. *delete*: unlink every path of ``deletes.json`` (an absent one is skipped);
5. *clean up*, strictly in this order: remove ``files/`` (only empty directories are left),
   ``deletes.json``, ``COMMITTED``, and last the journal directory.

:func:`recover` looks at what is there:

* no journal: nothing to do;
* ``COMMITTED`` present: repeat steps 3 to 5; without ``deletes.json`` step 4 is known done (the
  list is removed only after it), without ``files/`` step 3 is;
* no ``COMMITTED`` and an empty directory: a clean-up was interrupted after the marker went;
  the project is already complete, the directory is removed;
* no ``COMMITTED`` and anything else (a partial ``files/``, a torn ``deletes.json``): the run
  stopped before its commit and had changed nothing in the project; the journal is dropped.

An ``OSError`` on the way (disk full, no permission, a read-only file system) becomes a
:class:`~fastgen.errors.FileAccessError` naming the path: before the commit the journal is
dropped at once, after it the next run completes it.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from filelock import FileLock, Timeout

from fastgen.errors import FileAccessError, ProjectError, ProjectLockedError
from fastgen.project.write import JOURNAL_DIR, LOCK_FILE

FILES = "files"
DELETES = "deletes.json"
COMMITTED = "COMMITTED"

LOCK_TIMEOUT = 10.0
"""How long a run waits, in seconds, for another run on the same project to finish."""

INTERRUPTED = "; the next run completes or rolls back the interrupted write"
"""What follows an OS error during a journaled write."""

COMPLETED_MESSAGE = "an interrupted run was completed: every file it had prepared is now in place"
DISCARDED_MESSAGE = "an interrupted run was rolled back: it had changed nothing"

# Directory fsync is refused by some file systems; the data itself is synced all the same.
_DIR_SYNC_UNSUPPORTED = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EBADF, errno.EISDIR})


def _record_holder(fd: int) -> None:
    """Write this process's id into the lock file it just locked, for a waiting run to name."""
    with suppress(OSError):  # only a diagnostic: a full disk must not stop the run here
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())


def _holder(path: Path) -> int | None:
    """Return the process id recorded in a lock file, if there is a readable one."""
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None


@contextmanager
def project_lock(project: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the project's lock, waiting up to ``timeout`` seconds for another run to finish.

    Args:
        project: The project directory (its ``.fastgen/`` must exist).
        timeout: Seconds to wait; 0 tries once; None waits :data:`LOCK_TIMEOUT`.

    Raises:
        ProjectLockedError: Another run held the lock for the whole ``timeout``.
        FileAccessError: The lock file cannot be created or locked.
    """
    path = project / LOCK_FILE
    wait = LOCK_TIMEOUT if timeout is None else timeout
    lock = FileLock(path, timeout=wait, on_acquired=_record_holder)
    try:
        lock.acquire()
    except Timeout:
        raise ProjectLockedError(project, path, _holder(path), wait) from None
    except OSError as err:
        raise FileAccessError.from_os_error(err, path, "lock") from err
    try:
        yield
    finally:
        lock.release()


def _sync_dir(path: Path) -> None:
    """Sync a directory's entries to disk (a no-op where the system cannot)."""
    if os.name == "nt":  # pragma: no cover - Windows has no directory fsync
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as err:
        if err.errno not in _DIR_SYNC_UNSUPPORTED:
            raise
    finally:
        os.close(fd)


def _write_file(path: Path, data: bytes) -> None:
    """Create ``path`` (and its parents) holding ``data``, synced to disk."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(
            path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o666
        )
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as err:
        if err.filename is None:  # os.write and os.fsync do not name the file
            err.filename = str(path)
        raise


def _prepare(journal: Path, writes: dict[str, str], deletes: list[str]) -> None:
    """Steps 1 and 2: write the whole journal, then the commit marker."""
    if journal.exists():  # only an uncommitted leftover can be here: recover() ran first
        shutil.rmtree(journal)
    for rel, text in writes.items():
        _write_file(journal / FILES / rel, text.encode("utf-8"))
    _write_file(journal / DELETES, (json.dumps(sorted(deletes)) + "\n").encode("utf-8"))
    # File systems with a metadata journal (ext4, XFS, APFS) keep directory entries in order,
    # so the marker's entry is not on disk before the entries written ahead of it.
    _write_file(journal / COMMITTED, b"")
    _sync_dir(journal)


def _deletes(journal: Path) -> list[str]:
    """Return the paths a committed journal deletes ([] once they are deleted)."""
    path = journal / DELETES
    if not path.exists():
        return []
    try:
        paths = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        paths = None
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        raise ProjectError(
            f"{path}: the journal of an interrupted run is damaged — restore the project from "
            f"version control and delete {path.parent}, then run the command again"
        )
    return paths


def _finish(root: Path) -> None:
    """Steps 3 to 5 for a committed journal, from wherever an earlier attempt stopped."""
    journal = root / JOURNAL_DIR
    files = journal / FILES
    if files.is_dir():
        for path in sorted(p for p in files.rglob("*") if not p.is_dir()):
            target = root / path.relative_to(files)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
    for rel in _deletes(journal):
        (root / rel).unlink(missing_ok=True)
    _clean_up(journal)


def _clean_up(journal: Path) -> None:
    """Step 5: remove the journal, its commit marker last but for the empty directory."""
    if (journal / FILES).exists():
        shutil.rmtree(journal / FILES)
    (journal / DELETES).unlink(missing_ok=True)
    (journal / COMMITTED).unlink(missing_ok=True)
    shutil.rmtree(journal)


def _check(writes: Iterable[str], deletes: Iterable[str]) -> None:
    """Refuse a change that both writes and deletes a path (a bug, not a user error)."""
    both = sorted(set(writes) & set(deletes))
    if both:
        msg = f"a change both writes and deletes {both}"
        raise ValueError(msg)


def apply_changes(root: Path, writes: dict[str, str], deletes: list[str]) -> None:
    """Write and delete files of an existing project as one all-or-nothing step.

    The caller holds :func:`project_lock`. A journal left by an interrupted run is recovered
    first; see the module docstring for the steps and what a kill at each leaves.

    Args:
        root: The project directory.
        writes: Relative POSIX path → new text.
        deletes: Relative POSIX paths to remove.

    Raises:
        FileAccessError: The system refused a write; before the commit the journal is
            dropped (the project is as it was), after it the next run completes it.
    """
    _check(writes, deletes)
    recover(root)
    journal = root / JOURNAL_DIR
    try:
        _prepare(journal, writes, deletes)
    except OSError as err:
        if not (journal / COMMITTED).exists():
            shutil.rmtree(journal, ignore_errors=True)
        raise FileAccessError.from_os_error(err, journal, "write", then=INTERRUPTED) from err
    try:
        _finish(root)
    except OSError as err:
        raise FileAccessError.from_os_error(err, root, "write", then=INTERRUPTED) from err


def recover(root: Path) -> str | None:
    """Complete or roll back a run of ``update`` or ``add-domain`` that was interrupted.

    Safe to interrupt and repeat: every state a kill can leave is handled (see the module
    docstring). The caller holds :func:`project_lock`.

    Returns:
        What was done, for the user, or None when there was nothing to tell.

    Raises:
        FileAccessError: The system refused a step; the journal stays for the next run.
        ProjectError: A committed journal's list of deletions cannot be read.
    """
    journal = root / JOURNAL_DIR
    try:
        if not journal.is_dir():
            return None
        if (journal / COMMITTED).exists():
            _finish(root)
            return COMPLETED_MESSAGE
        if not any(journal.iterdir()):  # the clean-up had removed everything but the folder
            journal.rmdir()
            return None
        shutil.rmtree(journal)
    except OSError as err:
        raise FileAccessError.from_os_error(err, journal, "write", then=INTERRUPTED) from err
    return DISCARDED_MESSAGE
