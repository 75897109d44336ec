from django.urls import path

from wrench.coding import views as coding
from wrench.workorders.views import attachments, backlog, detail, lists, manual, queues, request

urlpatterns = [
    path("request/", request.request_work, name="request"),
    path("request/asset/", request.asset_pick, name="asset-pick"),
    path("request/assets/", request.asset_pick, name="asset-results"),
    path("request/<str:number>/done/", request.request_done, name="request-done"),
    path("r/<str:code>", request.request_work, name="request-for-asset"),
    path("my/requests/", request.my_requests, name="my-requests"),
    path("my/work/", lists.my_work, name="my-work"),
    path("wo/<str:number>/", detail.work_order, name="wo"),
    path("wo/<str:number>/move/", detail.move, name="wo-move"),
    path("wo/<str:number>/comment/", detail.comment, name="wo-comment"),
    path("wo/<str:number>/attach/", attachments.attach_to_work_order, name="wo-attach"),
    path("assets/<str:code>/attach/", attachments.attach_to_asset, name="asset-attach"),
    path("attachments/<int:pk>/", attachments.serve, name="attachment"),
    path("attachments/<int:pk>/thumbnail/", attachments.serve_thumbnail, name="attachment-thumb"),
    path("attachments/<int:pk>/remove/", attachments.remove, name="attachment-remove"),
    path("backlog/", backlog.backlog, name="backlog"),
    path("backlog/views/", backlog.save_view, name="save-view"),
    path("backlog/views/<int:pk>/delete/", backlog.delete_view, name="delete-view"),
    path("review/", queues.review_queue, name="review-queue"),
    path("review/bulk/", queues.review_bulk, name="review-bulk"),
    path("approvals/", queues.approval_queue, name="approval-queue"),
    path("approvals/bulk/", queues.approval_bulk, name="approval-bulk"),
    path("wo/<str:number>/card/", queues.card, name="wo-card"),
    path("coding/", manual.coding_manual, name="coding"),
    path("coding/explain/<int:site_id>/<slug:key>/", coding.explain, name="coding-explain"),
]
