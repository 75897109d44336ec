"""The board page stays small at size: a cell draws its first items and the rest on demand,
one remove form per cell, and the queries do not grow with the items."""

from __future__ import annotations

import datetime as dt

import pytest

from wrench.scheduling import services
from wrench.scheduling.tests.conftest import MONDAY, WEEK
from wrench.scheduling.views.board import SHOWN

pytestmark = pytest.mark.django_db
TUE, WED = MONDAY + dt.timedelta(days=1), MONDAY + dt.timedelta(days=2)


@pytest.fixture
def week(plant):
    return services.create_schedule(actor=plant.people["scheduler"], site=plant.site, week=WEEK)


def _place(plant, week, day, n, start=0):
    for k in range(n):
        wo = plant.ready(f"Job {start + k}", hours=1)
        services.place(
            actor=plant.people["scheduler"], schedule=week, work_order=wo, crew=plant.mechs, day=day
        )


def _board(client, plant):
    client.force_login(plant.people["scheduler"])
    return client.get(f"/schedule/?week={WEEK}").content.decode()


def test_a_full_cell_draws_its_first_items_and_the_rest_on_demand(client, plant, week):
    _place(plant, week, TUE, SHOWN + 2)
    html = _board(client, plant)
    assert html.count('<li class="chip') == SHOWN
    assert "+ 2 more" in html
    assert html.count(f'action="/schedule/{week.pk}/remove/"') == 1  # one form per cell
    cell = client.get(f"/schedule/{week.pk}/cell/{plant.mechs.code}/?day={TUE}")
    assert cell.status_code == 200
    assert cell.content.decode().count('<li class="chip') == SHOWN + 2
    # Without JavaScript: the crew's row opened in full
    opened = client.get(f"/schedule/?week={WEEK}&open={plant.mechs.code}").content.decode()
    assert opened.count('<li class="chip') == SHOWN + 2


def test_a_cell_that_is_not_there_is_404_and_a_bad_day_400(client, plant, week):
    client.force_login(plant.people["scheduler"])
    assert client.get(f"/schedule/{week.pk}/cell/NOPE/?day={TUE}").status_code == 404
    assert client.get(f"/schedule/{week.pk}/cell/{plant.mechs.code}/?day=x").status_code == 400


def test_the_board_queries_do_not_grow_with_the_items(
    client, plant, week, django_assert_max_num_queries
):
    _place(plant, week, TUE, 2)
    _board(client, plant)  # warm the per-process caches
    with django_assert_max_num_queries(40) as few:
        _board(client, plant)
    _place(plant, week, WED, 8, start=10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        _board(client, plant)
