"""Assets and stock items from a legacy file: the plant a site's work orders point at.

Same shape as the work orders: every row is gathered by the mapping and checked, problems
name row and column, and nothing is written unless the whole file is clean (one
transaction; a dry run rolls back). Keyed by code, so a second run changes nothing.
Assets are saved through the model (its path keeps the subtree queries right, and its
history is kept); stock quantities are recorded as stock counts (`materials.count_stock`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from wrench.accounts.models import User
from wrench.assets.models import Area, Asset, CostCentre, Criticality, EquipmentType, Site
from wrench.imports.cells import Cells
from wrench.imports.files import Table
from wrench.imports.gather import Gatherer
from wrench.imports.mapping import Mapping, check_fields
from wrench.imports.report import Problem, Report
from wrench.materials.models import StockItem, StockLevel, Storeroom
from wrench.materials.services import count_stock

ASSET_FIELDS = {
    "code": "tag or equipment number (required: the key)",
    "name": "required",
    "parent": "the parent asset's code (the hierarchy)",
    "area": "area code (created when new)",
    "area_name": "name of a new area",
    "equipment_type": "equipment type code (created when new)",
    "equipment_type_name": "name of a new equipment type",
    "cost_centre": "cost centre code (created when new)",
    "cost_centre_name": "name of a new cost centre",
    "criticality": "A, B or C",
    "warranty_end": "date",
    "active": "true/false",
}
STOCK_FIELDS = {
    "code": "part number (required: the key)",
    "name": "required",
    "unit": "default EA",
    "unit_cost": "money",
    "storeroom": "storeroom code (created when new)",
    "on_hand": "quantity counted in the storeroom",
}
_TRUE, _FALSE = {"true", "yes", "y", "1", "active"}, {"false", "no", "n", "0", "inactive"}
Progress = Any


def import_rows(
    actor: User,
    site: Site,
    kind: str,
    mapping: Mapping,
    table: Table,
    report: Report,
    progress: Progress | None,
) -> None:
    fields = ASSET_FIELDS if kind == "assets" else STOCK_FIELDS
    check_fields(mapping, fields)
    gatherer = Gatherer(mapping, fields, table.header)
    key = mapping.column_of("code")
    if key not in table.header or gatherer.missing_columns:
        missing = sorted(({key} - set(table.header)) | set(gatherer.missing_columns))
        report.refused = (
            f"{report.file} has no column {', '.join(map(repr, missing))} that {report.mapping} "
            f"reads (its columns: {', '.join(table.header)}): is it a file of another kind?"
        )
        return
    if kind == "stock-items" and not actor.has_perm("materials.count_stock"):
        report.refused = (
            f"recording stock needs the count_stock permission; you are {actor.role_label}"
        )
        return
    cells = Cells(mapping)
    seen: dict[str, int] = {}
    with transaction.atomic():
        rows = []
        for number, row in table.rows:
            report.rows += 1
            values, origin, problems = gatherer.gather(number, row, report)
            for problem in problems:
                report.add(problem)
            if problems and not values:
                continue
            code = values.get("code", "")
            where = (mapping.column_of("code"), code)
            if not code or not values.get("name"):
                absent = "code" if not code else "name"
                report.add(
                    Problem(number, mapping.column_of(absent), "", f"a {absent} is required")
                )
                continue
            if code in seen:
                report.add(
                    Problem(number, *where, f"also in row {seen[code]}: each code once per file")
                )
                continue
            seen[code] = number
            rows.append((number, values, origin))
            if progress is not None and report.rows % 1000 == 0:
                progress(report.rows)
        if kind == "assets":
            # A file without parents leaves the tree as it is.
            reads_parent = any(name == "parent" for name, _ in gatherer.reads)
            reads_parent |= "parent" in mapping.fields_set()
            _assets(actor, site, rows, cells, mapping, report, reads_parent)
        else:
            _stock(actor, site, rows, cells, mapping, report)
        if report.clean and not report.dry_run:
            report.written = True
        else:
            transaction.set_rollback(True)


def _problem(
    report: Report,
    number: int,
    origin: dict[str, tuple[str, str]],
    mapping: Mapping,
    name: str,
    message: str,
) -> None:
    column, value = origin.get(name, (mapping.column_of(name), ""))
    report.add(Problem(number, column, value, message))


def _assets(
    actor: User,
    site: Site,
    rows: list[tuple[int, dict[str, str], dict[str, tuple[str, str]]]],
    cells: Cells,
    mapping: Mapping,
    report: Report,
    reads_parent: bool,
) -> None:
    existing = {a.code: a for a in Asset.objects.filter(site=site)}
    in_file = {values["code"] for _, values, _ in rows}
    lookups: dict[type[Any], dict[str, Any]] = {
        model: {o.code: o for o in model.objects.filter(site=site)}
        for model in (Area, EquipmentType, CostCentre)
    }
    planned: list[tuple[int, dict[str, Any], dict[str, str], dict[str, tuple[str, str]]]] = []
    for number, values, origin in rows:
        wanted: dict[str, Any] = {"name": values["name"][:160]}
        bad = False
        if len(values["code"]) > 40:
            _problem(report, number, origin, mapping, "code", "at most 40 characters")
            bad = True
        parent = values.get("parent", "")
        if parent and parent not in existing and parent not in in_file:
            _problem(
                report,
                number,
                origin,
                mapping,
                "parent",
                f"no asset {parent!r} at site {site.code} nor in the file",
            )
            bad = True
        if parent == values["code"]:
            _problem(report, number, origin, mapping, "parent", "an asset cannot be its own parent")
            bad = True
        if "criticality" in values:
            if values["criticality"].upper() not in Criticality.values:
                _problem(report, number, origin, mapping, "criticality", "one of A, B, C")
                bad = True
            else:
                wanted["criticality"] = values["criticality"].upper()
        if values.get("warranty_end"):
            try:
                wanted["warranty_end"] = cells.day(values["warranty_end"])
            except ValueError as exc:
                _problem(report, number, origin, mapping, "warranty_end", str(exc))
                bad = True
        if values.get("active"):
            flag = values["active"].strip().lower()
            if flag not in _TRUE | _FALSE:
                _problem(report, number, origin, mapping, "active", "true or false")
                bad = True
            wanted["active"] = flag in _TRUE
        if not bad:
            planned.append((number, wanted, values, origin))
    if not report.clean:
        return
    code_of: dict[int | None, str] = {a.pk: a.code for a in existing.values()}
    parent_of = {a.code: code_of.get(a.parent_id, "") for a in existing.values()}
    if reads_parent:
        parent_of.update({values["code"]: values.get("parent", "") for _, _, values, _ in planned})
    for number, _, values, origin in planned:
        if _loops(values["code"], parent_of):
            _problem(report, number, origin, mapping, "parent", "the hierarchy would loop")
    if not report.clean:
        return
    writing = not report.dry_run
    kinds = (("area", Area), ("equipment_type", EquipmentType), ("cost_centre", CostCentre))
    touched: list[tuple[Asset, str]] = []
    for _, wanted, values, _ in planned:
        for name, model in kinds:
            code = values.get(name, "")
            if not code:
                continue
            found = lookups[model].get(code)
            if found is None:
                label = values.get(f"{name}_name") or code
                found = model(site=site, code=code[:40], name=label[:120])
                if writing:
                    found.save()
                lookups[model][code] = found
            wanted[name] = found
        old = existing.get(values["code"])
        parent = parent_of.get(values["code"], "")
        if old is None:
            report.created += 1
            asset = Asset(site=site, code=values["code"], **wanted)
            existing[asset.code] = asset
            touched.append((asset, parent))
            continue
        changed = [n for n, v in wanted.items() if getattr(old, n) != v]
        moved = reads_parent and code_of.get(old.parent_id, "") != parent
        if not changed and not moved:
            report.unchanged += 1
            continue
        report.updated += 1
        for n in changed:
            setattr(old, n, wanted[n])
        touched.append((old, parent))
    if not writing:
        return
    # Parents first (a parent may come after its children in the file), so that each save
    # works out its path from a saved parent.
    for asset, parent in sorted(touched, key=lambda t: _depth(t[0].code, parent_of)):
        asset.parent = existing[parent] if parent else None
        asset._history_user = actor  # type: ignore[attr-defined]
        asset.save()


def _loops(code: str, parent_of: dict[str, str]) -> bool:
    seen = {code}
    node = parent_of.get(code, "")
    while node:
        if node in seen:
            return True
        seen.add(node)
        node = parent_of.get(node, "")
    return False


def _depth(code: str, parent_of: dict[str, str]) -> int:
    depth, node = 0, parent_of.get(code, "")
    while node and depth < 1000:
        depth, node = depth + 1, parent_of.get(node, "")
    return depth


def _stock(
    actor: User,
    site: Site,
    rows: list[tuple[int, dict[str, str], dict[str, tuple[str, str]]]],
    cells: Cells,
    mapping: Mapping,
    report: Report,
) -> None:
    items = {i.code: i for i in StockItem.objects.filter(site=site)}
    stores = {s.code: s for s in Storeroom.objects.filter(site=site)}
    levels = {
        (lv.stock_item_id, lv.storeroom_id): lv.on_hand
        for lv in StockLevel.objects.filter(site_id=site.pk)
    }
    planned = []
    for number, values, origin in rows:
        wanted: dict[str, Any] = {"name": values["name"][:120]}
        bad = False
        if values.get("unit"):
            wanted["unit"] = values["unit"][:10]
        if values.get("unit_cost"):
            try:
                wanted["unit_cost"] = cells.decimal(
                    values["unit_cost"], limit=Decimal("9999999999")
                )
            except ValueError as exc:
                _problem(report, number, origin, mapping, "unit_cost", str(exc))
                bad = True
        on_hand: Decimal | None = None
        if values.get("on_hand"):
            try:
                on_hand = Decimal(cells.number(values["on_hand"]))
                if on_hand < 0:
                    raise ValueError("a quantity of 0 or more")
            except ValueError as exc:
                _problem(report, number, origin, mapping, "on_hand", str(exc))
                bad = True
            if not values.get("storeroom"):
                _problem(
                    report,
                    number,
                    origin,
                    mapping,
                    "storeroom",
                    "a quantity on hand needs its storeroom",
                )
                bad = True
        if not bad:
            planned.append((values, wanted, on_hand))
    if not report.clean:
        return
    writing = not report.dry_run
    for values, wanted, on_hand in planned:
        item = items.get(values["code"])
        if item is None:
            report.created += 1
            item = StockItem(site=site, code=values["code"][:40], **wanted)
            if writing:
                item.save()
            items[item.code] = item
            changed_level = on_hand is not None
        else:
            changed = [n for n, v in wanted.items() if getattr(item, n) != v]
            store = stores.get(values.get("storeroom", ""))
            old_qty = levels.get((item.pk, store.pk)) if store else None
            changed_level = on_hand is not None and (old_qty is None or old_qty != on_hand)
            if changed or changed_level:
                report.updated += 1
                for n in changed:
                    setattr(item, n, wanted[n])
                if writing and changed:
                    item.save()
            else:
                report.unchanged += 1
        if on_hand is not None and changed_level and writing:
            code = values["storeroom"]
            if code not in stores:
                stores[code] = Storeroom.objects.create(site=site, code=code[:40], name=code[:120])
            count_stock(actor=actor, stock_item=item, storeroom=stores[code], on_hand=on_hand)


__all__ = ["ASSET_FIELDS", "STOCK_FIELDS", "import_rows"]
