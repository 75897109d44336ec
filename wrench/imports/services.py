"""Importing a legacy file: every row checked, then all of it written, or nothing.

`import_file` reads the file once, in batches, inside one transaction: each batch is
checked (the work order app's validation, the mapping, the import's own rules), compared
with what an earlier run wrote (by legacy number) and, while no problem has been found
and this is not a dry run, written. At the end a file with any problem, or a dry run, is
rolled back whole, so the report of a dry run is exactly what the import would do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice
from typing import IO, Any

from django.apps import apps
from django.db import transaction

from wrench.accounts.models import User
from wrench.assets.models import Site
from wrench.coding.book import CodingBook
from wrench.core.errors import NotAllowed, ValidationFailed
from wrench.imports import mapping as mappings
from wrench.imports.files import FileUnreadable, Table, open_table
from wrench.imports.report import CodingTally, Report
from wrench.imports.work_orders import FIELDS, Checked, WorkOrderRows
from wrench.workorders.drafts import prefetch
from wrench.workorders.imported import IMPORTED, Numbers, insert_imported, update_imported
from wrench.workorders.models import WorkOrder, WorkOrderCode

KINDS = ("work-orders", "assets", "stock-items", "meters")


def available_kinds() -> tuple[str, ...]:
    """The kinds this installation imports: meters only with the pm app."""
    return KINDS if apps.is_installed("wrench.pm") else KINDS[:3]


BATCH = 1000
Progress = Callable[[int], None]


def _batches(
    rows: Iterator[tuple[int, dict[str, str]]],
) -> Iterator[list[tuple[int, dict[str, str]]]]:
    while batch := list(islice(rows, BATCH)):
        yield batch


def site_for(actor: User, code: str | None) -> Site:
    """The site named (by the caller or the mapping), or the actor's only site."""
    if code:
        site = Site.objects.filter(code__iexact=code, id__in=actor.site_ids()).first()
        if site is None:
            raise ValidationFailed(f"no site {code!r} that you are a member of")
        return site
    sites = list(Site.objects.filter(id__in=actor.site_ids())[:2])
    if len(sites) != 1:
        raise ValidationFailed(
            'name the site: site = "CODE" in the mapping (you are a member of '
            f"{'no site' if not sites else 'several sites'})"
        )
    return sites[0]


def import_file(
    *,
    actor: User,
    kind: str,
    stream: IO[bytes],
    file_name: str,
    mapping_text: str,
    mapping_name: str = "mapping",
    dry_run: bool,
    site: str | None = None,
    progress: Progress | None = None,
) -> Report:
    """Import (or dry-run) `stream` as `kind` with the TOML mapping `mapping_text`.

    Returns the report. The file is written only when every row is valid and `dry_run` is
    false; otherwise nothing is (the report says why: rows, columns, values, what is
    allowed). A mapping that is not valid, an unknown kind or site, or an actor without
    the import_data permission raise (ValidationFailed, NotAllowed) before any row is read.
    """
    if not actor.has_perm("imports.import_data"):
        raise NotAllowed(f"importing needs the admin role; you are {actor.role_label}")
    if kind not in KINDS:
        raise ValidationFailed(f"unknown kind {kind!r}; allowed: {', '.join(KINDS)}")
    if kind == "meters" and not apps.is_installed("wrench.pm"):
        raise ValidationFailed(
            "meters and readings need the preventive maintenance (pm) app, which is not "
            "installed here; allowed: " + ", ".join(KINDS[:3])
        )
    mapping = mappings.parse(mapping_text, name=mapping_name)
    if mapping.kind and mapping.kind != kind:
        raise ValidationFailed(
            f"{mapping_name} is a mapping for {mapping.kind}, not for {kind}; "
            "send the file with the kind it was written for"
        )
    target = site_for(actor, site or mapping.site)
    report = Report(kind, file_name, mapping_name, target.code, dry_run)
    try:
        table = open_table(stream, name=file_name, sheet=mapping.sheet)
    except FileUnreadable as exc:
        report.refused = exc.detail
        return report
    report.format, report.encoding, report.delimiter = table.format, table.encoding, table.delimiter
    if kind == "work-orders":
        _work_orders(actor, target, mapping, table, report, progress)
    elif kind == "meters":
        from wrench.imports import meters

        meters.import_rows(actor, target, mapping, table, report, progress)
    else:
        from wrench.imports import plant

        plant.import_rows(actor, target, kind, mapping, table, report, progress)
    return report


def _work_orders(
    actor: User,
    site: Site,
    mapping: mappings.Mapping,
    table: Table,
    report: Report,
    progress: Progress | None,
) -> None:
    book = CodingBook.for_site(site.pk)
    mappings.check_fields(mapping, {**FIELDS, **dict.fromkeys(book.characteristics, "")})
    rows = WorkOrderRows(site=site, actor=actor, mapping=mapping, book=book, header=table.header)
    key_column = mapping.column_of("legacy_number")
    if key_column not in table.header:
        report.refused = (
            f"{report.file} has no column {key_column!r} (the legacy number {report.mapping} "
            f"reads; its columns: {', '.join(table.header)}): is it a file of another kind, or "
            "does the mapping name the column differently?"
        )
        return
    if rows.missing_columns:
        report.refused = (
            f"{report.file} lacks the column(s) {', '.join(map(repr, rows.missing_columns))} "
            f"that {report.mapping} reads (its columns: {', '.join(table.header)})"
        )
        return
    tally = CodingTally()
    compared = rows.compared()
    extra_keys = [
        key for key in book.characteristics if key not in _builtin() and key in mapping.fields_set()
    ]
    with transaction.atomic():
        earlier = _legacy_numbers(site).exists()  # else every row is new (the file has no twins)
        numbers = Numbers(site)
        for batch in _batches(table.rows):
            report.rows += len(batch)
            gathered = [(n, rows.gather(n, row, report)) for n, row in batch]
            known = prefetch(site, [values for _, (values, _, _) in gathered])
            checked = [c for n, g in gathered if (c := rows.check(n, g, report, known))]
            for c in checked:
                tally.count(c.draft.codes, c.given)
            _write(actor, site, checked, compared, extra_keys, book, report, earlier, numbers)
            if progress is not None:
                progress(report.rows)
        numbers.close()
        report.coding = tally.health(book)
        if report.clean and not report.dry_run:
            report.written = True
        else:
            transaction.set_rollback(True)


def _legacy_numbers(site: Site) -> Any:
    """The site's work orders that have a legacy number. The condition is the unique
    index's own (a partial index on site and legacy number): PostgreSQL uses that index
    for a list of 1,000 numbers only when the query states it, else it reads every work
    order of the site, once a batch."""
    return WorkOrder.objects.filter(site=site).exclude(legacy_number="")


def _builtin() -> tuple[str, ...]:
    from wrench.coding.models import BUILTIN_KEYS

    return BUILTIN_KEYS


def _write(
    actor: User,
    site: Site,
    checked: list[Checked],
    compared: tuple[str, ...],
    extra_keys: list[str],
    book: CodingBook,
    report: Report,
    earlier: bool,
    numbers: Numbers,
) -> None:
    """Sort one batch into created, updated and unchanged; write it while the file is clean.
    `earlier`: whether the site had work orders with a legacy number before this run (a
    first import looks nothing up)."""
    if not checked:
        return
    writing = report.clean and not report.dry_run
    # What an earlier run wrote, as plain values of the compared columns (no model per
    # row: a second run of a large file compares every row); rows that changed are read
    # whole, and locked, below.
    names = ("id", "legacy_number", *compared)
    existing = {
        values[1]: dict(zip(names, values, strict=True))
        for values in (
            _legacy_numbers(site)
            .filter(legacy_number__in=[c.work_order.legacy_number for c in checked])
            .values_list(*names)
            if earlier
            else ()
        )
    }
    codes = _extra_codes(existing.values(), extra_keys, book)
    new: list[WorkOrder] = []
    new_extra: list[tuple[int, WorkOrderCode]] = []
    for c in checked:
        wo = c.work_order
        old = existing.get(wo.legacy_number)
        wanted = {book.characteristics[key].pk: c.draft.extra.get(key) for key in extra_keys}
        if old is None:
            report.created += 1
            for characteristic_id, value in wanted.items():
                if value is not None:
                    code = WorkOrderCode(
                        site_id=site.pk, characteristic_id=characteristic_id, value=value
                    )
                    new_extra.append((len(new), code))
            new.append(wo)
            continue
        changed = [name for name in compared if old[name] != wo.__dict__[name]]
        had = codes.get(old["id"], {})
        extra_changed = {
            ch: (
                WorkOrderCode(site_id=site.pk, characteristic_id=ch, value=v)
                if v is not None
                else None
            )
            for ch, v in wanted.items()
            if had.get(ch) != (v.pk if v is not None else None)
        }
        if not changed and not extra_changed:
            report.unchanged += 1
            continue
        report.updated += 1
        if writing:
            locked = WorkOrder.objects.select_for_update(of=("self",)).get(pk=old["id"])
            old_status = locked.status
            for name in changed:
                setattr(locked, name, wo.__dict__[name])
            update_imported(
                locked,
                actor=actor,
                old_status=old_status,
                extra=extra_changed,
                reason=f"{IMPORTED} again from {report.file} (legacy {locked.legacy_number})",
            )
    if writing and report.clean:
        insert_imported(
            site=site,
            actor=actor,
            orders=new,
            extra=new_extra,
            reason=f"{IMPORTED} from {report.file}",
            numbers=numbers,
        )


def _extra_codes(orders: Any, extra_keys: list[str], book: CodingBook) -> dict[int, dict[int, int]]:
    """Work order id → characteristic id → value id, for the extra characteristics mapped."""
    ids = [wo["id"] for wo in orders]
    if not extra_keys or not ids:
        return {}
    wanted = [book.characteristics[k].pk for k in extra_keys]
    out: dict[int, dict[int, int]] = {}
    for wo_id, ch, value in WorkOrderCode.objects.filter(
        work_order_id__in=ids, characteristic_id__in=wanted
    ).values_list("work_order_id", "characteristic_id", "value_id"):
        out.setdefault(wo_id, {})[ch] = value
    return out
