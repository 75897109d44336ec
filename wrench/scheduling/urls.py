from django.urls import path

from wrench.scheduling.views import actions, board, people, printing

urlpatterns = [
    path("schedule/", board.board, name="schedule"),
    path("schedule/new/", actions.create_week, name="schedule-create"),
    path("schedule/<int:schedule_id>/place/", actions.place, name="schedule-place"),
    path("schedule/<int:schedule_id>/remove/", actions.remove, name="schedule-remove"),
    path("schedule/<int:schedule_id>/optimise/", actions.optimise, name="schedule-optimise"),
    path("schedule/<int:schedule_id>/freeze/", actions.freeze, name="schedule-freeze"),
    path("schedule/<int:schedule_id>/cell/<str:code>/", board.cell, name="schedule-cell"),
    path(
        "schedule/<int:schedule_id>/crew/<str:code>.pdf",
        printing.crew_pdf,
        name="schedule-crew-pdf",
    ),
    path("schedule/people/", people.people_page, name="schedule-people"),
    path("schedule/people/absence/", people.add_absence, name="schedule-absence"),
    path(
        "schedule/people/absence/<int:pk>/remove/",
        people.remove_absence,
        name="schedule-absence-remove",
    ),
    path(
        "schedule/people/absence/<int:pk>/change/",
        people.change_absence,
        name="schedule-absence-change",
    ),
    path(
        "schedule/people/shutdown/<int:pk>/change/",
        people.change_shutdown,
        name="schedule-shutdown-change",
    ),
    path("schedule/people/calendar/", people.set_calendar, name="schedule-calendar"),
    path("schedule/people/shutdown/", people.add_shutdown, name="schedule-shutdown"),
    path(
        "schedule/people/shutdown/<int:pk>/remove/",
        people.remove_shutdown,
        name="schedule-shutdown-remove",
    ),
]
