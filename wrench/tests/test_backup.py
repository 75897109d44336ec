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
