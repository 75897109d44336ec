"""What the demo's steps share: the site, the demo people and what earlier steps built."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from wrench.accounts.models import User
from wrench.assets.models import Asset, Site


@dataclass
class Demo:
    site: Site
    users: dict[str, User]  # username (= role) → the demo person
    say: Callable[[str], Any] = print
    assets: dict[str, Asset] = field(default_factory=dict)  # code → asset, from the plant step


Step = Callable[[Demo], None]
