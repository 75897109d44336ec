from django.urls import path

from wrench.materials import views as materials
from wrench.planning import views as planning
from wrench.planning import views_checklist as checklist

urlpatterns = [
    path("wo/<str:number>/plan/labour/", planning.add_estimate, name="plan-estimate"),
    path(
        "wo/<str:number>/plan/labour/<int:pk>/remove/",
        planning.remove_estimate,
        name="plan-estimate-remove",
    ),
    path("wo/<str:number>/plan/job-plan/", planning.apply_plan, name="plan-apply"),
    path("wo/<str:number>/plan/material/", planning.add_material, name="plan-material"),
    path("wo/<str:number>/plan/requisition/", planning.raise_requisition, name="plan-requisition"),
    path("wo/<str:number>/plan/finish/", planning.finish, name="plan-finish"),
    path("wo/<str:number>/follow-up/", planning.follow_up, name="follow-up"),
    path("wo/<str:number>/time/", planning.charge_time, name="charge-time"),
    path("wo/<str:number>/checklist/<int:item>/", checklist.record_check, name="check-record"),
    path("requisitions/", materials.requisitions, name="requisitions"),
    path("requisitions/<str:number>/approve/", materials.approve, name="requisition-approve"),
    path("requisitions/<str:number>/reject/", materials.reject, name="requisition-reject"),
    path("receiving/", materials.receiving, name="receiving"),
    path("receiving/<int:pk>/", materials.receive, name="receive"),
]
