"""Backup and restore of a whole plant: the database and the files its rows point at.

A backup is one tar file:
- `wrench-backup.json`: what it holds (format, database kind, when, file count);
- `database.sqlite3` or `database.pgdump`: the database, consistent while the server keeps
  serving. SQLite: the online backup API (a page-by-page copy that sees one consistent
  state, writers carry on). PostgreSQL: `pg_dump --format=custom`, put back by
  `pg_restore --clean`;
- `attachments/…`: every file of the attachments storage (photos, documents, their
  thumbnails, QR label sheets), copied after the database, so every row in the copy finds
  its file (attachments are written before their row and never changed in place).

Nothing else under var/ is needed to restore: `static/` is rebuilt by collectstatic, `mail/`
is the development outbox, `bench/` a cache. `secret_key` is left out on purpose (a backup
travels; the key signs sessions and cursors): keep it, or WRENCH_SECRET_KEY, with your other
secrets; without it people log in again. Attachments kept in S3 are not copied (the bucket
has its own versioning); the backup says so. The database difference lives here and nowhere
else.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.db import connections
from django.utils import timezone

MANIFEST = "wrench-backup.json"
FORMAT = 2  # 1: the database file alone (still restored, without attachments)
DATABASE_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    pass


def _settings(alias: str) -> dict[str, Any]:
    return connections[alias].settings_dict


def attachments_dir() -> Path | None:
    """The local directory of the attachments storage, or None when it is not on disk (S3)."""
    from django.core.files.storage import FileSystemStorage, storages

    storage = storages["attachments"]
    if not isinstance(storage, FileSystemStorage):
        return None
    return Path(storage.location)


def backup(target: Path, *, alias: str = "default") -> str:
    """Write the database and the attachments to the tar file `target`; say what it holds."""
    vendor = connections[alias].vendor
    if vendor not in DATABASE_MEMBER:
        raise BackupError(f"backing up {vendor} is not supported; use SQLite or PostgreSQL")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".backup-") as work:
        db_file = Path(work) / DATABASE_MEMBER[vendor]
        _dump_database(db_file, alias)
        files = attachments_dir()
        partial = target.with_name(target.name + ".partial")
        count = 0
        with tarfile.open(partial, "w") as archive:
            archive.add(db_file, DATABASE_MEMBER[vendor])
            if files is not None and files.is_dir():
                for path in sorted(p for p in files.rglob("*") if p.is_file()):
                    archive.add(path, "attachments/" + path.relative_to(files).as_posix())
                    count += 1
            manifest = {
                "format": FORMAT,
                "database": vendor,
                "made_at": timezone.now().isoformat(),
                "attachments": count if files is not None else None,
            }
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=1).encode())
        partial.replace(target)  # a backup file is whole or absent, never half-written
    where = (
        f"{count} attachment files" if files is not None else "attachments are in S3: not copied"
    )
    return f"{vendor} database and {where}"


def restore(source: Path, *, alias: str = "default") -> str:
    """Replace the database and the attachments with the backup at `source` (stop the server
    first: requests made while it runs would see the plant half old, half new)."""
    if not source.is_file():
        raise BackupError(f"no backup file at {source}")
    vendor = connections[alias].vendor
    if vendor not in DATABASE_MEMBER:
        raise BackupError(f"restoring {vendor} is not supported")
    if not tarfile.is_tarfile(source):
        # format 1: the bare database file of an older `wrench backup`
        _restore_database(source, alias)
        return "the database only (an older backup: it holds no attachments)"
    with tarfile.open(source) as archive, tempfile.TemporaryDirectory() as work:
        manifest = _manifest(archive, source)
        if manifest["database"] != vendor:
            raise BackupError(
                f"{source} holds a {manifest['database']} database; this one is {vendor}"
            )
        archive.extractall(work, filter="data")
        _restore_database(Path(work) / DATABASE_MEMBER[vendor], alias)
        files = attachments_dir()
        if files is None:
            return "the database (attachments are in S3: restore the bucket on its own)"
        count = _replace_dir(files, Path(work) / "attachments")
    return f"the database and {count} attachment files"


def _manifest(archive: tarfile.TarFile, source: Path) -> dict[str, Any]:
    try:
        member = archive.extractfile(MANIFEST)
        manifest = json.loads(member.read()) if member else None
    except (KeyError, ValueError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{source} is not a backup made by wrench backup (no {MANIFEST})")
    return manifest


def _replace_dir(live: Path, restored: Path) -> int:
    """Make `live` hold exactly the restored files: swapped in whole, the old set removed."""
    restored.mkdir(exist_ok=True)
    count = sum(1 for p in restored.rglob("*") if p.is_file())
    live.parent.mkdir(parents=True, exist_ok=True)
    incoming = Path(tempfile.mkdtemp(dir=live.parent, prefix=f".{live.name}-restoring-"))
    shutil.copytree(restored, incoming, dirs_exist_ok=True)
    old = live.with_name(f".{live.name}-before-restore")
    shutil.rmtree(old, ignore_errors=True)
    if live.exists():
        live.rename(old)
    incoming.rename(live)
    shutil.rmtree(old, ignore_errors=True)
    return count


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    import io

    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def _dump_database(target: Path, alias: str) -> None:
    connection = connections[alias]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        raw: sqlite3.Connection = connection.connection
        with sqlite3.connect(target) as copy:
            raw.backup(copy)
        copy.close()
        return
    _pg("pg_dump", "--format=custom", "--no-owner", f"--file={target}", alias=alias)


def _restore_database(source: Path, alias: str) -> None:
    connection = connections[alias]
    if connection.vendor == "sqlite":
        with source.open("rb") as head:
            if head.read(16) != b"SQLite format 3\x00":
                raise BackupError(f"{source} is not an SQLite database (made by wrench backup?)")
        connection.ensure_connection()
        raw: sqlite3.Connection = connection.connection
        with sqlite3.connect(source) as backup_db:
            backup_db.backup(raw)
        backup_db.close()
        return
    with source.open("rb") as head:
        if head.read(5) != b"PGDMP":
            raise BackupError(f"{source} is not a pg_dump archive (made by wrench backup?)")
    connection.close()
    _pg(
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",
        f"--dbname={_settings(alias)['NAME']}",
        str(source),
        alias=alias,
    )


def _pg(program: str, *args: str, alias: str) -> None:
    cfg = _settings(alias)
    env = {**os.environ}
    if cfg.get("PASSWORD"):
        env["PGPASSWORD"] = str(cfg["PASSWORD"])
    command = [program, f"--host={cfg.get('HOST') or 'localhost'}"]
    if cfg.get("PORT"):
        command.append(f"--port={cfg['PORT']}")
    if cfg.get("USER"):
        command.append(f"--username={cfg['USER']}")
    if program == "pg_dump":
        command.append(f"--dbname={cfg['NAME']}")
    try:
        done = subprocess.run([*command, *args], env=env, capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise BackupError(
            f"{program} is not installed (apt-get install postgresql-client)"
        ) from exc
    if done.returncode != 0:
        raise BackupError(f"{program} failed: {done.stderr.strip()[:2000]}")
