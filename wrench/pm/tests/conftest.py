"""What the PM tests share: a pump with a fully coded site, and a plan maker."""

from __future__ import annotations

from typing import Any

import pytest

from wrench.pm import services
from wrench.testing import factories

CODING = {"urgency": "#", "timing": "R", "reason": "OP", "action": "SE", "funding": "R"}


@pytest.fixture
def pump(site: Any) -> Any:
    return factories.AssetFactory(site=site, code="P-101")


@pytest.fixture
def make_plan(site: Any, people: dict[str, Any], pump: Any) -> Any:
    def make(**data: Any) -> Any:
        data.setdefault("title", "Lubricate P-101 bearings")
        data.setdefault("coding", CODING)
        return services.create_plan(actor=people["planner"], site=site, asset=pump, **data)

    return make
