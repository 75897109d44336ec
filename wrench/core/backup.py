"""Backup and restore of the whole database, consistent while the server keeps serving.

SQLite: the online backup API (a page-by-page copy that sees one consistent state, writers
carry on). PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean`. The database
difference lives here and nowhere else.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db import connections


class BackupError(Exception):
    pass


def _settings(alias: str) -> dict[str, Any]:
    return connections[alias].settings_dict


def backup(target: Path, *, alias: str = "default") -> str:
    """Write a copy of the database to `target`; return what kind of file it is."""
    connection = connections[alias]
    target.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        raw: sqlite3.Connection = connection.connection
        with sqlite3.connect(target) as copy:
            raw.backup(copy)
        copy.close()
        return "SQLite database file"
    if connection.vendor == "postgresql":
        _pg("pg_dump", "--format=custom", "--no-owner", f"--file={target}", alias=alias)
        return "pg_dump custom archive"
    raise BackupError(f"backing up {connection.vendor} is not supported; use SQLite or PostgreSQL")


def restore(source: Path, *, alias: str = "default") -> None:
    """Replace the database's contents with the backup at `source` (stop the server first:
    requests made while it runs would see the plant half old, half new)."""
    if not source.is_file():
        raise BackupError(f"no backup file at {source}")
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
    if connection.vendor == "postgresql":
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
        return
    raise BackupError(f"restoring {connection.vendor} is not supported")


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
