"""A site's admin (not a superuser) manages their own sites only, through real HTTP to /admin/:
no superuser, staff or raw permissions granted, roles from the role list, and another site's
people, assets, coding, approval rules and stock neither listed nor reachable."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission

from wrench.accounts.models import User
from wrench.approvals.models import ApprovalRule
from wrench.assets.models import Area, Asset, Site
from wrench.coding.models import Characteristic, CodeValue
from wrench.core.adminscope import SiteScoped, site_path_of
from wrench.materials.models import StockItem
from wrench.testing import factories
from wrench.testing.admin_http import AdminSession

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def north_admin(live_server, people):
    people["admin"].is_staff = True
    people["admin"].save()
    session = AdminSession(live_server.url)
    assert session.login("admin").status_code == 302
    return session


@pytest.fixture
def south(other_site, make_user):
    """Another site with a person, an asset, a rule and a stock item of its own."""
    person = make_user("supervisor", other_site, username="south_sup")
    area = Area.objects.create(site=other_site, code="S-AREA", name="South area")
    asset = Asset.objects.create(site=other_site, code="S-PUMP", name="South pump", area=area)
    rule = ApprovalRule.objects.create(site=other_site, approver_role="manager")
    stock = factories.stock_item(other_site, code="S-BRG")
    return {"person": person, "area": area, "asset": asset, "rule": rule, "stock": stock}


def test_another_sites_people_are_neither_listed_nor_reachable(north_admin, south, people):
    listing = north_admin.get("/admin/accounts/user/").text
    assert "planner" in listing
    assert "south_sup" not in listing
    page = north_admin.get(f"/admin/accounts/user/{south['person'].pk}/change/")
    assert page.status_code == 302  # Django admin's "does not exist" redirect
    password = north_admin.get(f"/admin/accounts/user/{south['person'].pk}/password/")
    assert password.status_code in (302, 404)


def test_a_site_admin_cannot_make_anyone_superuser_staff_or_give_raw_permissions(
    north_admin, people
):
    planner = people["planner"]
    path = f"/admin/accounts/user/{planner.pk}/change/"
    delete_all = Permission.objects.get(codename="delete_workorder")
    answer = north_admin.submit(
        path, {"is_superuser": "on", "is_staff": "on", "user_permissions": [delete_all.pk]}
    )
    assert answer.status_code == 302, answer.text[:2000]
    planner.refresh_from_db()
    assert not planner.is_superuser
    assert not planner.is_staff
    assert not planner.user_permissions.exists()


def test_a_site_admin_grants_roles_from_the_role_list_only(north_admin, people):
    powerful = Group.objects.create(name="everything")
    powerful.permissions.set(Permission.objects.all())
    planner = people["planner"]
    path = f"/admin/accounts/user/{planner.pk}/change/"
    answer = north_admin.submit(path, {"groups": [powerful.pk]})
    assert answer.status_code == 200
    assert "Select a valid choice" in answer.text
    assert not planner.groups.filter(name="everything").exists()
    # The admin role is on the list; granting it makes the person staff (admin access).
    admin_role = Group.objects.get(name="admin")
    answer = north_admin.submit(path, {"groups": [admin_role.pk]})
    assert answer.status_code == 302, answer.text[:2000]
    planner.refresh_from_db()
    assert planner.is_staff
    assert list(planner.groups.values_list("name", flat=True)) == ["admin"]


def test_a_site_admin_cannot_put_a_person_on_another_site(north_admin, people, other_site):
    path = f"/admin/accounts/user/{people['planner'].pk}/change/"
    answer = north_admin.submit(path, {"sites": [other_site.pk]})
    assert answer.status_code == 200
    assert "Select a valid choice" in answer.text
    assert list(people["planner"].sites.values_list("code", flat=True)) == ["NORTH"]


def test_someone_who_also_works_at_another_site_is_out_of_reach(north_admin, people, other_site):
    both = people["manager"]
    both.sites.add(other_site)
    assert (
        f"/admin/accounts/user/{both.pk}/change/"
        not in north_admin.get("/admin/accounts/user/").text
    )
    assert north_admin.get(f"/admin/accounts/user/{both.pk}/change/").status_code == 302


def test_superusers_are_out_of_reach(north_admin, site):
    root = User.objects.create_superuser("root", password="pw")
    root.sites.add(site)
    assert north_admin.get(f"/admin/accounts/user/{root.pk}/change/").status_code == 302


@pytest.mark.parametrize(
    ("model", "key"),
    [
        (Asset, "asset"),
        (ApprovalRule, "rule"),
        (StockItem, "stock"),
        (Area, "area"),
    ],
)
def test_another_sites_rows_are_not_listed_nor_editable(north_admin, south, model, key):
    row = south[key]
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    assert north_admin.get(base).status_code == 200
    assert f"/{row.pk}/change/" not in north_admin.get(base).text
    assert north_admin.get(f"{base}{row.pk}/change/").status_code == 302
    assert north_admin.post(f"{base}{row.pk}/delete/", {"post": "yes"}).status_code == 302
    assert model.objects.filter(pk=row.pk).exists()


def test_another_sites_coding_is_not_listed(north_admin, other_site):
    south_urgency = Characteristic.objects.get(site=other_site, key="urgency")
    south_value = CodeValue.objects.filter(characteristic=south_urgency).first()
    assert south_value is not None
    listing = north_admin.get("/admin/coding/characteristic/").text
    assert f"/{south_urgency.pk}/change/" not in listing
    values = north_admin.get("/admin/coding/codevalue/").text
    assert f"/{south_value.pk}/change/" not in values
    assert north_admin.get(f"/admin/coding/codevalue/{south_value.pk}/change/").status_code == 302


def test_an_asset_cannot_be_pointed_at_another_sites_area(north_admin, site, south):
    area = Area.objects.create(site=site, code="N-AREA", name="North area")
    asset = Asset.objects.create(site=site, code="N-PUMP", name="North pump", area=area)
    path = f"/admin/assets/asset/{asset.pk}/change/"
    form = dict(north_admin.form(path))
    assert f'value="{south["area"].pk}"' not in north_admin.get(path).text
    answer = north_admin.submit(path, {"area": south["area"].pk})
    assert answer.status_code == 200, form
    asset.refresh_from_db()
    assert asset.area_id == area.pk


def test_roles_are_read_only_to_a_site_admin(north_admin):
    role = Group.objects.get(name="requester")
    before = role.permissions.count()
    answer = north_admin.post(
        f"/admin/auth/group/{role.pk}/change/",
        {"name": "requester", "permissions": list(Permission.objects.values_list("pk", flat=True))},
    )
    assert answer.status_code == 403
    assert role.permissions.count() == before


def test_a_site_added_in_admin_gets_the_default_coding_and_its_maker(north_admin, people):
    answer = north_admin.submit("/admin/assets/site/add/", {"code": "EAST", "name": "East plant"})
    assert answer.status_code == 302, answer.text[:2000]
    east = Site.objects.get(code="EAST")
    assert Characteristic.objects.filter(site=east, key="urgency").exists()
    assert CodeValue.objects.filter(characteristic__site=east, abbreviation="E").exists()
    assert east.members.filter(pk=people["admin"].pk).exists()


def test_every_admin_is_limited_to_the_sites_of_its_user():
    """A new ModelAdmin must say how its rows reach their site (or be for superusers only)."""
    superuser_only = {
        "auth.group",
        "django_tasks_database.dbtaskresult",
        "axes.accessattempt",
        "axes.accesslog",
        "axes.accessfailurelog",
    }
    for model, model_admin in admin.site._registry.items():
        if model._meta.label_lower in superuser_only:
            continue
        assert isinstance(model_admin, SiteScoped), model._meta.label
        assert site_path_of(model), model._meta.label
