"""`wrench createuser`: a person with one role at one site, from the console."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from wrench.accounts.models import User

pytestmark = pytest.mark.django_db


def test_createuser_gives_the_role_and_site(site):
    call_command(
        "createuser",
        "ana",
        "--role",
        "planner",
        "--site",
        "NORTH",
        "--password",
        "pw-long-enough",
        stdout=io.StringIO(),
    )
    ana = User.objects.get(username="ana")
    assert ana.role_names == ["planner"]
    assert ana.site_ids() == {site.pk}
    assert ana.check_password("pw-long-enough")
    with pytest.raises(CommandError, match="no site 'EAST'; known sites: NORTH"):
        call_command("createuser", "bo", "--role", "planner", "--site", "EAST")
