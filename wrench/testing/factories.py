"""Factories for tests and benchmarks: real rows through real services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import factory
from django.contrib.auth.models import Group

from wrench.accounts.models import User
from wrench.assets.models import Area, Asset, CostCentre, EquipmentType, Site
from wrench.coding.services import load_default_coding
from wrench.workorders import services
from wrench.workorders.models import WorkOrder


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"S{n}")
    name = factory.LazyAttribute(lambda o: f"Plant {o.code}")


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    site = factory.SubFactory(SiteFactory)
    code = factory.Sequence(lambda n: f"{100 + n}")
    name = factory.Sequence(lambda n: f"Area {n}")


class AssetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Asset

    site = factory.SubFactory(SiteFactory)
    code = factory.Sequence(lambda n: f"P-{100 + n}")
    name = factory.Sequence(lambda n: f"Pump {n}")
    area = factory.LazyAttribute(
        lambda o: Area.objects.get_or_create(
            site=o.site, code="100", defaults={"name": "Crushing"}
        )[0]
    )
    cost_centre = factory.LazyAttribute(
        lambda o: CostCentre.objects.get_or_create(
            site=o.site, code="CC-100", defaults={"name": "Crushing maintenance"}
        )[0]
    )
    equipment_type = factory.LazyAttribute(
        lambda o: EquipmentType.objects.get_or_create(
            site=o.site, code="PUMP", defaults={"name": "Pump"}
        )[0]
    )


def coded_site(code: str) -> Site:
    site: Site = SiteFactory(code=code)  # type: ignore[assignment]
    load_default_coding(site=site)
    return site


def user(role: str, site: Site, *, username: str | None = None, **extra: Any) -> User:
    person = User.objects.create_user(username=username or role, password="pw", **extra)
    person.groups.add(Group.objects.get(name=role))
    person.sites.add(site)
    return person


FULL_CODING = {
    "urgency": "#",
    "timing": "R",
    "reason": "OP",
    "action": "RE",
    "funding": "R",
    "initiated_by": "O",
}


def work_order(
    site: Site, actor: User, *, codes: dict[str, str] | None = None, **fields: Any
) -> WorkOrder:
    """A request entered by `actor`, fully coded unless `codes` says otherwise."""
    fields.setdefault("title", "Seal leaking on P-101")
    fields.setdefault("description", "Steady drip from the mechanical seal.")
    fields.setdefault("estimated_cost", Decimal("1200"))
    return services.create_work_order(
        actor=actor, site=site, codes={**FULL_CODING, **(codes or {})}, **fields
    )


def approved_work_order(site: Site, people: dict[str, User], **fields: Any) -> WorkOrder:
    """A request the supervisor sent for approval (WA) and the manager approved (BL), through
    the approvals service, which records the approved amount (the estimate)."""
    from wrench.approvals.services import approve

    wo = work_order(site, people["requester"], **fields)
    services.transition(wo, "WA", actor=people["supervisor"])
    return approve(wo, actor=people["manager"])


def storeroom(site: Site, code: str = "MAIN") -> Any:
    from wrench.materials.models import Storeroom

    return Storeroom.objects.get_or_create(site=site, code=code, defaults={"name": "Main store"})[0]


def stock_item(site: Site, code: str = "BRG-6310", unit_cost: str = "85.00", **extra: Any) -> Any:
    from wrench.materials.models import StockItem

    return StockItem.objects.get_or_create(
        site=site,
        code=code,
        defaults={"name": extra.pop("name", f"Bearing {code}"), "unit_cost": Decimal(unit_cost)},
    )[0]


def trade(site: Site, code: str = "MECH", rate: str = "95") -> Any:
    from wrench.assets.models import Trade

    found = Trade.objects.get(site=site, code=code)
    found.hourly_rate = Decimal(rate)
    found.save(update_fields=["hourly_rate"])
    return found
