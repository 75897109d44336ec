"""Importing the plant: the equipment tree (parents by code) and stock with its quantities."""

from __future__ import annotations

import io
from typing import Any

from wrench.accounts.models import User
from wrench.assets.models import Asset, CostCentre, Site
from wrench.imports.services import import_file
from wrench.imports.tests.conftest import table_counts
from wrench.materials.models import StockLevel

ASSETS = """Tag;Description;Parent;Cost centre;Crit;Warranty
P-900;Slurry pump 900;L-9;CC-900;A;31/12/2030
M-900;Pump motor 900;P-900;CC-900;B;
L-9;Line 9;;CC-900;A;
"""
ASSET_MAPPING = """
kind = "assets"
site = "MILL"
[options]
date_format = "%d/%m/%Y"
[columns]
code = "Tag"
name = "Description"
parent = "Parent"
cost_centre = "Cost centre"
criticality = "Crit"
warranty_end = "Warranty"
"""


def run(actor: User, kind: str, data: str, mapping: str, *, dry_run: bool = False) -> Any:
    return import_file(
        actor=actor,
        kind=kind,
        stream=io.BytesIO(data.encode("utf-8")),
        file_name=f"{kind}.csv",
        mapping_text=mapping,
        mapping_name="map.toml",
        dry_run=dry_run,
    )


def test_assets_import_with_their_hierarchy_whatever_the_order(mill: Site, importer: User) -> None:
    before = table_counts()
    dry = run(importer, "assets", ASSETS, ASSET_MAPPING, dry_run=True)
    assert dry.clean and dry.created == 3 and table_counts() == before
    done = run(importer, "assets", ASSETS, ASSET_MAPPING)
    assert done.clean and done.written and done.created == 3, done.as_text()
    motor = Asset.objects.get(site=mill, code="M-900")
    line = Asset.objects.get(site=mill, code="L-9")
    assert motor.parent is not None and motor.parent.code == "P-900"
    assert motor.path.startswith(line.path)  # the subtree of L-9 holds the motor
    pump = Asset.objects.get(site=mill, code="P-900")
    assert (pump.criticality, str(pump.warranty_end)) == ("A", "2030-12-31")
    assert CostCentre.objects.get(site=mill, code="CC-900").name == "CC-900"
    again = run(importer, "assets", ASSETS, ASSET_MAPPING)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    moved = ASSETS.replace("M-900;Pump motor 900;P-900", "M-900;Pump motor 900;L-9")
    assert run(importer, "assets", moved, ASSET_MAPPING).updated == 1
    assert Asset.objects.get(site=mill, code="M-900").parent == line


def test_a_loop_or_an_unknown_parent_is_named_and_nothing_is_written(
    mill: Site, importer: User
) -> None:
    before = table_counts()
    looped = "Tag;Description;Parent\nA-1;One;A-2\nA-2;Two;A-1\nA-3;Three;NOPE\n"
    report = run(
        importer,
        "assets",
        looped,
        ASSET_MAPPING.replace(
            'cost_centre = "Cost centre"\ncriticality = "Crit"\nwarranty_end = "Warranty"\n', ""
        ),
    )
    assert not report.clean and not report.written
    assert {(p.row, p.column) for p in report.problems} == {(4, "Parent")}
    assert table_counts() == before


def test_stock_items_import_with_their_counted_quantities(mill: Site, importer: User) -> None:
    data = 'Part,Text,UOM,Price,Store,Qty\nBRG-1,Bearing 6310,EA,85.50,MAIN,12\nBLT-2,V-belt,EA,"1,200.00",MAIN,3\n'
    mapping = """
kind = "stock-items"
site = "MILL"
[columns]
code = "Part"
name = "Text"
unit = "UOM"
unit_cost = "Price"
storeroom = "Store"
on_hand = "Qty"
"""
    report = run(importer, "stock-items", data, mapping)
    assert report.clean and report.created == 2, report.as_text()
    levels = {
        lv.stock_item.code: lv.on_hand for lv in StockLevel.objects.select_related("stock_item")
    }
    assert levels == {"BRG-1": 12, "BLT-2": 3}
    again = run(importer, "stock-items", data, mapping)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    recount = run(importer, "stock-items", data.replace("MAIN,12", "MAIN,10"), mapping)
    assert recount.updated == 1
    assert StockLevel.objects.get(stock_item__code="BRG-1").on_hand == 10
