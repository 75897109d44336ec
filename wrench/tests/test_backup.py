"""`wrench backup` / `wrench restore` round-trip a plant: every table comes back as it was."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from wrench.testing import factories
from wrench.workorders.models import Comment, WorkOrder
from wrench.workorders.services import add_comment, transition

pytestmark = pytest.mark.django_db(transaction=True)


def every_table() -> dict[str, list[tuple[Any, ...]]]:
    """Each model's rows, every column, in primary key order."""
    return {
        model._meta.db_table: [
            tuple(map(str, row))
            for row in model._default_manager.order_by("pk").values_list(
                *[f.attname for f in model._meta.concrete_fields]
            )
        ]
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def test_backup_then_restore_gives_back_every_table(site, people, tmp_path: Path):
    # given a small plant with work in several states
    wo = factories.work_order(site, people["requester"])
    transition(wo, "WA", actor=people["supervisor"])
    add_comment(wo, actor=people["planner"], text="Parts ordered")
    factories.approved_work_order(site, people)
    before = every_table()
    assert sum(len(rows) for rows in before.values()) > 50
    # when it is backed up, then changed, then restored
    file = tmp_path / "plant.backup"
    out = io.StringIO()
    call_command("backup", str(file), stdout=out)
    assert "backed up to" in out.getvalue() and file.stat().st_size > 0
    factories.work_order(site, people["requester"], title="Made after the backup")
    Comment.objects.all().delete()
    assert every_table() != before
    call_command("restore", str(file), yes=True, stdout=out)
    # then every table is as it was at the backup
    assert every_table() == before
    assert not WorkOrder.objects.filter(title="Made after the backup").exists()


def test_restore_refuses_a_file_that_is_no_backup(db: Any, tmp_path: Path):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("hello")
    with pytest.raises(CommandError, match=r"is not an? (SQLite database|pg_dump archive)"):
        call_command("restore", str(bogus), yes=True)
    with pytest.raises(CommandError, match="no backup file"):
        call_command("restore", str(tmp_path / "missing"), yes=True)


def test_a_backup_holds_the_attachments_and_restore_puts_them_back(
    site, people, tmp_path: Path, settings
):
    # given a work order with a photo's worth of bytes attached (a PDF: kept as sent)
    from django.core.files.storage import storages

    from wrench.workorders.attachments import Attachment
    from wrench.workorders.services.attach import attach_to_work_order

    wo = factories.work_order(site, people["requester"])
    pdf = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
    row = attach_to_work_order(
        actor=people["requester"], work_order=wo, name="seal.pdf", content=pdf
    )
    storage = storages["attachments"]
    stored = str(row.file.name)
    before = every_table()
    file = tmp_path / "plant.backup"
    out = io.StringIO()
    call_command("backup", str(file), stdout=out)
    assert "1 attachment files" in out.getvalue(), out.getvalue()
    # when the file is lost and a stray one appears, then the plant is restored
    storage.delete(stored)
    storage.save("stray.txt", io.BytesIO(b"not in the backup"))
    Attachment.objects.all().delete()
    call_command("restore", str(file), yes=True, stdout=out)
    # then the row and its file are back, byte for byte, and nothing else is there
    assert every_table() == before
    assert storage.open(str(Attachment.objects.get().file.name)).read() == pdf
    assert not storage.exists("stray.txt")
    assert "1 attachment files" in out.getvalue()


def test_a_bare_database_file_of_an_older_backup_still_restores(site, people, tmp_path: Path):
    from wrench.core.backup import _dump_database

    factories.work_order(site, people["requester"], title="Kept")
    old = tmp_path / "old.backup"
    _dump_database(old, "default")
    WorkOrder.objects.update(title="Changed after the backup")
    out = io.StringIO()
    call_command("restore", str(old), yes=True, stdout=out)
    assert "holds no attachments" in out.getvalue()
    assert WorkOrder.objects.filter(title="Kept").exists()
