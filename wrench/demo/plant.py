"""Demo step: the plant itself: areas, cost centres, equipment types, the equipment tree."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from wrench.assets.models import Area, Asset, CostCentre, EquipmentType, Site, Trade
from wrench.demo.context import Demo
from wrench.demo.equipment import AREAS, EQUIPMENT_TYPES, LINES

RATES = {"MECH": 95, "ELEC": 105, "INST": 110, "WELD": 98, "ENG": 140, "OPER": 70}
NO_MOTOR = {"TANK", "TRUCK", "LOADER", "DOZER", "LV", "XFMR", "MCC"}


def load(demo: Demo) -> None:
    demo.assets = build_plant(demo.site)
    demo.say(f"Site {demo.site}: {len(demo.assets)} equipment items.")


def build_plant(site: Site) -> dict[str, Asset]:
    areas = {
        code: Area.objects.get_or_create(site=site, code=code, defaults={"name": name})[0]
        for code, name in AREAS
    }
    centres = {
        code: CostCentre.objects.get_or_create(
            site=site, code=f"CC-{code}", defaults={"name": f"{name} maintenance"}
        )[0]
        for code, name in AREAS
    }
    types = {
        code: EquipmentType.objects.get_or_create(site=site, code=code, defaults={"name": name})[0]
        for code, name in EQUIPMENT_TYPES
    }
    for trade in Trade.objects.filter(site=site):
        trade.hourly_rate = Decimal(RATES.get(trade.code, 120))
        trade.save(update_fields=["hourly_rate"])
    assets: dict[str, Asset] = {}

    def add(
        code: str, name: str, parent: Asset | None, area: str, kind: str, crit: str = "B"
    ) -> Asset:
        asset, _ = Asset.objects.get_or_create(
            site=site,
            code=code,
            defaults={
                "name": name,
                "parent": parent,
                "area": areas[area],
                "equipment_type": types[kind],
                "cost_centre": centres[area],
                "criticality": crit,
            },
        )
        assets[code] = asset
        return asset

    for area_code, area_name in AREAS:
        root = add(f"A{area_code}", f"{area_name} area", None, area_code, "AREA", "A")
        for line_code, line_name, units in LINES[area_code]:
            line = add(line_code, line_name, root, area_code, "LINE", "A")
            for unit in units:
                machine = add(unit.code, unit.name, line, area_code, unit.type, unit.criticality)
                if unit.type not in NO_MOTOR:
                    add(
                        f"{unit.code}-M",
                        f"{unit.name} motor",
                        machine,
                        area_code,
                        "MOTOR",
                        unit.criticality,
                    )
                if unit.type in ("MILL", "CRUSH"):
                    add(
                        f"{unit.code}-L",
                        f"{unit.name} lube oil system",
                        machine,
                        area_code,
                        "PUMP",
                        "A",
                    )
                if unit.gearbox:
                    add(
                        f"{unit.code}-G",
                        f"{unit.name} gearbox",
                        machine,
                        area_code,
                        "GEAR",
                        unit.criticality,
                    )
    # Recent purchases still under the supplier's warranty.
    today = timezone.now().date()
    for code in ("CP-403", "HT-508", "P-404"):
        Asset.objects.filter(site=site, code=code).update(
            warranty_end=today + dt.timedelta(days=300)
        )
    return assets
