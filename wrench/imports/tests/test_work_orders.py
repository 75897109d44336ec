"""Importing work orders: the shipped example, second runs, corrections, bad rows."""

from __future__ import annotations

import io
from typing import Any

from wrench.accounts.models import User
from wrench.approvals.models import Approval
from wrench.assets.models import Site
from wrench.imports.services import import_file
from wrench.imports.tests.conftest import EXAMPLE_CSV, EXAMPLE_MAPPING, table_counts
from wrench.notifications.models import Message
from wrench.workorders.models import WorkOrder, WorkOrderEvent

MAPPING = EXAMPLE_MAPPING.read_text(encoding="utf-8")


def run(actor: User, data: bytes | None = None, *, dry_run: bool = False, **kw: Any) -> Any:
    return import_file(
        actor=actor,
        kind=kw.pop("kind", "work-orders"),
        stream=io.BytesIO(EXAMPLE_CSV.read_bytes() if data is None else data),
        file_name=kw.pop("file_name", "legacy-work-orders.csv"),
        mapping_text=kw.pop("mapping_text", MAPPING),
        mapping_name="legacy-type-mapping.toml",
        dry_run=dry_run,
        **kw,
    )


def edited(replace: dict[str, str]) -> bytes:
    text = EXAMPLE_CSV.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    return text.encode("utf-8")


def test_the_dry_run_of_the_example_reports_everything_and_writes_nothing(
    mill: Site, importer: User
) -> None:
    before = table_counts()
    report = run(importer, dry_run=True)
    assert report.clean, report.as_text()
    assert (report.rows, report.created, report.updated, report.unchanged) == (45, 45, 0, 0)
    assert not report.written
    assert table_counts() == before
    health = {c["characteristic"]: c for c in report.coding}
    assert health["urgency"]["share"] == 100.0
    assert health["reason"]["values"] == {"EN": 3, "SA": 3}  # the only reasons the old list held
    assert "CA" in health["reason"]["never_used"]


def test_the_example_imports_at_its_legacy_statuses_without_live_effects(
    mill: Site, importer: User
) -> None:
    report = run(importer)
    assert report.clean and report.written and report.created == 45
    capital = WorkOrder.objects.get(site=mill, legacy_number="10232")
    assert capital.status == "CL" and capital.funding.abbreviation == "C"
    assert capital.project_number == "CAP-2021-014"
    assert str(capital.legacy_cost) == "74800.00" and str(capital.legacy_labour_hours) == "96.00"
    assert capital.closed_at is not None and capital.completed_at is not None
    assert capital.closed_at.date().isoformat() == "2021-05-14"
    assert capital.completed_at.date().isoformat() == "2021-04-28"
    contractor = WorkOrder.objects.get(site=mill, legacy_number="10240")
    assert contractor.trade is not None and contractor.trade.code == "CONTR"
    emergency = WorkOrder.objects.get(site=mill, legacy_number="10231")
    assert emergency.urgency.abbreviation == "E" and emergency.emergency
    events = list(capital.events.values_list("from_status", "to_status", "reason"))
    assert events == [("", "CL", "imported from legacy-work-orders.csv")]
    assert capital.history.count() == 1
    by_status = dict.fromkeys(["WR", "BL", "IP", "CO", "CL", "CA"], 0)
    for status in WorkOrder.objects.filter(site=mill).values_list("status", flat=True):
        by_status[status] += 1
    assert by_status == {"WR": 2, "BL": 3, "IP": 1, "CO": 1, "CL": 37, "CA": 1}
    assert Message.objects.count() == 0  # nobody told of closings years ago
    assert Approval.objects.count() == 0  # no approval routed for work approved long ago


def test_a_second_run_changes_nothing(mill: Site, importer: User) -> None:
    run(importer)
    before = table_counts()
    report = run(importer)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 45)
    assert table_counts() == before


def test_a_corrected_file_updates_what_changed_with_history_and_an_event(
    mill: Site, importer: User
) -> None:
    run(importer)
    fixed = edited(
        {
            "Conveyor pull-wire not tripping": "Conveyor CV-101 pull-wire not tripping",
            "COMP,09/10/2026,10/10/2026,,": "CLOSE,09/10/2026,10/10/2026,20/10/2026,",
        }
    )
    report = run(importer, fixed)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 44), report.as_text()
    wo = WorkOrder.objects.get(site=mill, legacy_number="10420")
    assert wo.title == "Conveyor CV-101 pull-wire not tripping" and wo.status == "CL"
    assert list(wo.events.values_list("from_status", "to_status")) == [("", "CO"), ("CO", "CL")]
    assert wo.history.count() == 2


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_written(
    mill: Site, importer: User
) -> None:
    header, *lines = EXAMPLE_CSV.read_text(encoding="utf-8").splitlines()
    bad = [
        header,
        lines[0],
        # row 3: unknown asset; row 4: unmapped type; row 5: closed in the future
        '"20001","Pump noise","x","NO-SUCH","Corrective","3","CLOSE","01/02/2022","02/02/2022","03/02/2022","1","1","1","","MECH"',
        '"20002","Odd type","x","P-201","Misc","3","CLOSE","01/02/2022","02/02/2022","03/02/2022","1","1","1","","MECH"',
        '"20003","Closed later","x","P-201","Safety","3","CLOSE","01/02/2022","02/02/2022","03/02/2099","1","1","1","","MECH"',
        # row 6: the same legacy number as row 2; row 7: more cells than the header
        lines[0].replace("Crusher mantle cracked", "Again"),
        '"20004","Too long","x","P-201","Safety","3","CLOSE","01/02/2022","02/02/2022","03/02/2022","1","1","1","","MECH","extra"',
        # row 8: capital without its project number; row 9: another unmapped type
        '"20005","Capital","x","P-201","Capital","3","CLOSE","01/02/2022","02/02/2022","03/02/2022","1","1","1","","MECH"',
        '"20006","Odd type","x","P-201","Misc","3","CLOSE","01/02/2022","02/02/2022","03/02/2022","1","1","1","","MECH"',
    ]
    before = table_counts()
    report = run(importer, "\r\n".join(bad).encode())
    assert not report.clean and not report.written
    assert table_counts() == before
    found = {(p.row, p.column) for p in report.problems}
    assert found == {
        (3, "Equipment"),
        (4, "WO Type"),
        (5, "Closed"),
        (6, "WO No"),
        (7, ""),
        (8, "Project"),
        (9, "WO Type"),
    }
    assert report.unmapped == {"WO Type": {"Misc": 2}}
    closed = next(p for p in report.problems if p.row == 5)
    assert closed.value == "03/02/2099" and "future" in closed.message
    duplicate = next(p for p in report.problems if p.row == 6)
    assert "also in row 2" in duplicate.message


def test_a_file_of_another_kind_is_refused_in_one_sentence(mill: Site, importer: User) -> None:
    report = run(importer, b"code,name,parent\nP-1,Pump,\n", file_name="assets.csv")
    assert report.refused.startswith("assets.csv has no column 'WO No'")
    assert "another kind" in report.refused and report.rows == 0


def test_an_encoding_it_cannot_read_is_refused_in_one_sentence(mill: Site, importer: User) -> None:
    report = run(importer, "WO No\n1\n".encode("utf-16"), file_name="legacy.csv")
    assert report.refused.startswith("legacy.csv is not a CSV text file nor an XLSX")


def test_windows_1252_and_semicolons_are_detected(mill: Site, importer: User) -> None:
    import csv

    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    with EXAMPLE_CSV.open(encoding="utf-8") as f:
        writer.writerows(csv.reader(f))
    text = out.getvalue().replace("Crusher mantle cracked", "Crusher mantle cracked at 40 °C")
    report = run(importer, text.encode("windows-1252"), dry_run=True)
    assert report.clean, report.as_text()
    assert (report.encoding, report.delimiter, report.created) == ("windows-1252", ";", 45)


def test_an_xlsx_workbook_imports_like_its_csv(mill: Site, importer: User) -> None:
    import csv

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    with EXAMPLE_CSV.open(encoding="utf-8") as f:
        for row in csv.reader(f):
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    report = run(importer, out.getvalue(), file_name="legacy.xlsx")
    assert report.clean and report.format == "xlsx" and report.created == 45
    assert WorkOrderEvent.objects.filter(reason="imported from legacy.xlsx").count() == 45


def test_only_an_admin_may_import(mill: Site, make_user: Any) -> None:
    import pytest

    from wrench.core.errors import NotAllowed

    planner = make_user("planner", mill)
    with pytest.raises(NotAllowed, match="needs the admin role; you are"):
        run(planner, dry_run=True)


def test_a_characteristic_an_admin_added_is_imported_and_compared_too(
    mill: Site, importer: User
) -> None:
    from wrench.workorders.models import WorkOrderCode

    mapping = MAPPING + '\n[defaults]\nproblem = "BRD"\n'
    report = run(importer, mapping_text=mapping)
    assert report.clean and report.created == 45, report.as_text()
    codes = WorkOrderCode.objects.filter(site=mill, value__abbreviation="BRD")
    assert codes.count() == 45
    again = run(importer, mapping_text=mapping.replace('problem = "BRD"', 'problem = "VIB"'))
    assert again.updated == 45
    assert WorkOrderCode.objects.filter(site=mill, value__abbreviation="VIB").count() == 45
    assert run(importer, mapping_text=mapping.replace('"BRD"', '"VIB"')).unchanged == 45
