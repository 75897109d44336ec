from __future__ import annotations

from pathlib import Path

import pytest

from wrench import env


def test_sqlite_by_default_in_var_with_wal_and_immediate_transactions(tmp_path: Path):
    cfg = env.database(None, tmp_path)
    assert cfg["ENGINE"] == "django.db.backends.sqlite3"
    assert cfg["NAME"] == tmp_path / "wrench.sqlite3"
    assert "journal_mode=WAL" in cfg["OPTIONS"]["init_command"]  # type: ignore[index]
    assert cfg["OPTIONS"]["transaction_mode"] == "IMMEDIATE"  # type: ignore[index]


def test_postgres_from_database_url(tmp_path: Path):
    cfg = env.database("postgres://wrench:s%40cret@db.local:5433/plant", tmp_path)
    assert (cfg["ENGINE"], cfg["NAME"], cfg["USER"], cfg["PASSWORD"], cfg["HOST"], cfg["PORT"]) == (
        "django.db.backends.postgresql",
        "plant",
        "wrench",
        "s@cret",
        "db.local",
        "5433",
    )


def test_an_unknown_database_scheme_is_a_clear_error(tmp_path: Path):
    with pytest.raises(ValueError, match="use postgres:// or sqlite://"):
        env.database("mysql://x/y", tmp_path)


def test_the_secret_key_is_generated_once_and_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("WRENCH_SECRET_KEY", raising=False)
    first = env.secret_key(tmp_path)
    assert len(first) > 40 and env.secret_key(tmp_path) == first
    monkeypatch.setenv("WRENCH_SECRET_KEY", "given")
    assert env.secret_key(tmp_path) == "given"


def test_booleans_and_numbers_are_parsed_strictly(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("WRENCH_DEBUG", "yes")
    assert env.env_bool("WRENCH_DEBUG") is True
    monkeypatch.setenv("WRENCH_DEBUG", "maybe")
    with pytest.raises(ValueError, match="WRENCH_DEBUG"):
        env.env_bool("WRENCH_DEBUG")
    monkeypatch.setenv("WRENCH_PORT", "80a")
    with pytest.raises(ValueError, match="whole number"):
        env.env_int("WRENCH_PORT", 8000)


def test_https_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch):
    import importlib

    import wrench.settings as module

    monkeypatch.setenv("WRENCH_SSL_REDIRECT", "true")
    monkeypatch.setenv("WRENCH_HSTS_SECONDS", "3600")
    monkeypatch.setenv("WRENCH_PROXY_SSL_HEADER", "X-Forwarded-Proto")
    monkeypatch.setenv("WRENCH_CSP_IMG_HOSTS", "https://files.example.com")
    try:
        fresh = importlib.reload(module)
        assert fresh.SECURE_SSL_REDIRECT is True and fresh.SECURE_HSTS_SECONDS == 3600
        assert fresh.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
        img = fresh.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]
        assert "https://files.example.com" in img
    finally:
        monkeypatch.undo()
        importlib.reload(module)
