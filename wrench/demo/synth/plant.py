"""The synthetic equipment tree: areas → lines → machines → motors/gearboxes.

Assets are inserted level by level with bulk_create; each level's materialised path is then
set exactly as Asset.save does (parent path + own id + "/"), so subtree filters work.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from wrench.assets.models import Area, Asset, CostCentre, Criticality, EquipmentType, Site
from wrench.demo.equipment import EQUIPMENT_TYPES
from wrench.demo.jobs import JOBS

MACHINE_TYPES = [code for code in JOBS if code not in {"AREA", "LINE", "MOTOR", "GEAR"}]
PREFIX = "SY"  # synthetic asset codes: SY03-L07-PUMP012, never clash with a real tag


@dataclass(frozen=True)
class PlantAsset:
    id: int
    code: str
    type_code: str
    path: str


def _shape(total: int) -> tuple[int, int, int]:
    """Areas, lines per area, machines per line so that the tree holds about `total` items."""
    areas = max(1, min(12, round(total ** (1 / 3) / 2)))
    lines = max(1, min(20, round((total / areas) ** 0.5 / 3)))
    machines = max(1, round(total / (areas * lines) / 2.2))  # a machine + ~1.2 children
    return areas, lines, machines


def build_assets(site: Site, total: int, rng: random.Random) -> list[PlantAsset]:
    """Create (or reuse, when present) about `total` synthetic assets at `site`."""
    existing = list(
        Asset.objects.filter(site=site, code__startswith=PREFIX).values_list(
            "id", "code", "equipment_type__code", "path"
        )
    )
    if existing or total <= 0:
        return [PlantAsset(*row) for row in existing]
    types = {
        code: EquipmentType.objects.get_or_create(site=site, code=code, defaults={"name": name})[0]
        for code, name in EQUIPMENT_TYPES
    }
    n_areas, n_lines, n_machines = _shape(total)
    crit_weights = [(Criticality.A, 0.2), (Criticality.B, 0.5), (Criticality.C, 0.3)]

    def level(rows: Sequence[tuple[Asset, Asset | None]]) -> list[Asset]:
        objs = Asset.objects.bulk_create([a for a, _ in rows], batch_size=2000)
        if any(a.pk is None for a in objs):  # a backend without RETURNING: read them back
            ids = dict(
                Asset.objects.filter(site=site, code__in=[a.code for a in objs]).values_list(
                    "code", "id"
                )
            )
            for a in objs:
                a.pk = a.id = ids[a.code]
        for obj, (_, parent) in zip(objs, rows, strict=True):
            obj.path = f"{parent.path if parent else '/'}{obj.pk}/"
        Asset.objects.bulk_update(objs, ["path"], batch_size=2000)
        return objs

    areas_rows = []
    for a in range(1, n_areas + 1):
        area, _ = Area.objects.get_or_create(
            site=site, code=f"{PREFIX}{a:02d}", defaults={"name": f"Synthetic area {a}"}
        )
        centre, _ = CostCentre.objects.get_or_create(
            site=site, code=f"CC-{PREFIX}{a:02d}", defaults={"name": f"Synthetic area {a}"}
        )
        asset = Asset(
            site=site,
            code=f"{PREFIX}{a:02d}",
            name=f"Synthetic area {a}",
            area=area,
            cost_centre=centre,
            equipment_type=types["AREA"],
            criticality=Criticality.A,
        )
        areas_rows.append((asset, None))
    areas = level(areas_rows)
    lines = level(
        [
            (
                Asset(
                    site=site,
                    code=f"{root.code}-L{n:02d}",
                    name=f"{root.name}, line {n}",
                    parent=root,
                    area_id=root.area_id,
                    cost_centre_id=root.cost_centre_id,
                    equipment_type=types["LINE"],
                    criticality=Criticality.A,
                ),
                root,
            )
            for root in areas
            for n in range(1, n_lines + 1)
        ]
    )
    machine_rows = []
    for line in lines:
        for n in range(1, n_machines + 1):
            kind = rng.choice(MACHINE_TYPES)
            crit = rng.choices([c for c, _ in crit_weights], [w for _, w in crit_weights])[0]
            machine = Asset(
                site=site,
                code=f"{line.code}-{kind}{n:03d}",
                name=f"{dict(EQUIPMENT_TYPES)[kind]} {n} of {line.name}",
                parent=line,
                area_id=line.area_id,
                cost_centre_id=line.cost_centre_id,
                equipment_type=types[kind],
                criticality=crit,
            )
            machine_rows.append((machine, line))
    machines = level(machine_rows)
    child_rows = []
    for machine in machines:
        kinds = ["MOTOR"] + (["GEAR"] if rng.random() < 0.25 else [])
        for kind in kinds:
            child = Asset(
                site=site,
                code=f"{machine.code}-{kind[0]}",
                name=f"{machine.name}, {kind.lower()}",
                parent=machine,
                area_id=machine.area_id,
                cost_centre_id=machine.cost_centre_id,
                equipment_type=types[kind],
                criticality=machine.criticality,
            )
            child_rows.append((child, machine))
    children = level(child_rows)
    type_of = {t.pk: code for code, t in types.items()}
    return [
        PlantAsset(a.pk, a.code, type_of[a.equipment_type_id], a.path)  # type: ignore[index]
        for a in [*areas, *lines, *machines, *children]
    ]
