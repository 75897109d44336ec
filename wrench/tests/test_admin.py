"""The admin role configures the plant in Django admin; work orders stay read-only there."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from wrench.coding.models import CodeValue
from wrench.testing import factories

pytestmark = pytest.mark.django_db

PAGES = [
    "/admin/assets/site/",
    "/admin/assets/asset/",
    "/admin/assets/area/",
    "/admin/assets/costcentre/",
    "/admin/assets/trade/",
    "/admin/assets/crew/",
    "/admin/coding/characteristic/",
    "/admin/coding/codevalue/",
    "/admin/accounts/user/",
]


@pytest.fixture
def admin_client(client, people):
    people["admin"].is_staff = True
    people["admin"].save()
    client.force_login(people["admin"])
    return client


@pytest.mark.parametrize("page", PAGES)
def test_the_admin_role_opens_every_configuration_page(admin_client, page):
    assert admin_client.get(page).status_code == 200


def test_the_admin_edits_a_definition_and_the_change_is_kept_in_history(admin_client, site):
    value = CodeValue.objects.get(
        characteristic__site=site, characteristic__key="timing", abbreviation="D"
    )
    page = admin_client.get(f"/admin/coding/codevalue/{value.pk}/change/")
    assert "Deadline" in page.content.decode()
    form = {
        "characteristic": value.characteristic_id,
        "abbreviation": "D",
        "value": "Deadline",
        "definition": "Must be complete by a regulatory or event date.",
        "process_effect": value.process_effect,
        "effect_keys": "[]",
        "is_default": "",
        "active": "on",
        "position": value.position,
    }
    answer = admin_client.post(f"/admin/coding/codevalue/{value.pk}/change/", form)
    assert answer.status_code == 302, answer.content.decode()[:2000]
    value.refresh_from_db()
    assert value.definition.startswith("Must be complete")
    assert value.history.count() == 2


def test_deleting_a_used_value_in_admin_is_refused_with_advice(admin_client, site, people):
    wo = factories.work_order(site, people["supervisor"], codes={"reason": "QU"})
    answer = admin_client.post(
        f"/admin/coding/codevalue/{wo.reason_id}/delete/", {"post": "yes"}, follow=True
    )
    # Django admin refuses and lists the work orders that protect the value
    assert "Cannot delete code value" in answer.content.decode()
    assert CodeValue.objects.filter(pk=wo.reason_id).exists()


def test_work_orders_are_read_only_in_admin(admin_client, site, people):
    wo = factories.work_order(site, people["supervisor"])
    people["admin"].user_permissions.add(Permission.objects.get(codename="view_workorder"))
    answer = admin_client.get(f"/admin/workorders/workorder/{wo.pk}/change/")
    assert answer.status_code in (200, 403)
    assert "Save" not in answer.content.decode() or answer.status_code == 403
