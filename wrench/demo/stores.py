"""Demo step: the main store, its stock items and a counted quantity on hand of each."""

from __future__ import annotations

from decimal import Decimal

from wrench.demo.context import Demo
from wrench.materials import services as materials
from wrench.materials.models import StockItem, Storeroom

STOCK = (
    ("BRG-6310", "Ball bearing 6310-2RS", "EA", "85.00", 24),
    ("BRG-22220", "Spherical roller bearing 22220", "EA", "410.00", 6),
    ("SEAL-50", "Mechanical seal 50 mm cartridge", "EA", "620.00", 3),
    ("VB-B68", "V-belt B68", "EA", "18.50", 40),
    ("OIL-ISO220", "Gear oil ISO VG 220", "L", "6.20", 800),
    ("GR-EP2", "Grease EP2", "KG", "9.80", 120),
    ("FLT-HYD10", "Hydraulic filter element 10 µm", "EA", "72.00", 12),
    ("LINER-SP", "Slurry pump throat bush", "EA", "1350.00", 2),
    ("IDLER-CV", "Conveyor carry idler 1200 mm", "EA", "145.00", 10),
    ("FUSE-100", "Fuse 100 A gG", "EA", "12.00", 60),
)


def load(demo: Demo) -> None:
    site, planner = demo.site, demo.users["planner"]
    main = Storeroom.objects.get_or_create(site=site, code="MAIN", defaults={"name": "Main store"})[
        0
    ]
    for code, name, unit, cost, on_hand in STOCK:
        item = StockItem.objects.get_or_create(
            site=site, code=code, defaults={"name": name, "unit": unit, "unit_cost": Decimal(cost)}
        )[0]
        materials.count_stock(actor=planner, stock_item=item, storeroom=main, on_hand=on_hand)
