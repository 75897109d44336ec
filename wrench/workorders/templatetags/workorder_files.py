"""The attachments section of the work order page, of My work's cards and of an asset's page
(which belongs to assets, below this app: it shows the section by this tag)."""

from __future__ import annotations

from typing import Any

from django import template

from wrench.workorders.attachments import Attachment
from wrench.workorders.services.attach import may_file_on_asset
from wrench.workorders.views.attachments import ERROR_KEY

register = template.Library()


def _error(request: Any, where: str) -> str:
    found = request.session.get(ERROR_KEY)
    if found and found.get("where") == where:
        del request.session[ERROR_KEY]
        return str(found.get("message", ""))
    return ""


def _rows(qs: Any) -> list[Attachment]:
    return list(qs.present().select_related("uploaded_by").order_by("uploaded_at", "id"))


@register.inclusion_tag("workorders/_attachments.html", takes_context=True)
def work_order_attachments(
    context: template.Context, wo: Any, view: str = "page"
) -> dict[str, Any]:
    """Photos and documents of the work order (its request's included), with the upload."""
    request = context["request"]
    user = request.user
    return {
        "csrf_token": context.get("csrf_token"),
        "rows": _rows(wo.attachments.all()),
        "action": f"/wo/{wo.number}/attach/",
        # A card on My work may have been swapped in by a move (HTMX): come back to My work.
        "back": f"/my/work/#card-{wo.number}"
        if view == "job"
        else f"{wo.get_absolute_url()}#files-{wo.number}",
        "view": view,
        "can_add": wo.site_id in user.site_ids(),
        "user": user,
        "may_remove_others": user.has_perm("workorders.change_workorder"),
        "closed": wo.status == "CL",
        "error": _error(request, f"wo:{wo.number}"),
        "anchor": f"files-{wo.number}",
    }


@register.inclusion_tag("workorders/_attachments.html", takes_context=True)
def asset_documents(context: template.Context, asset: Any) -> dict[str, Any]:
    """Documents and photos filed on the asset, with the upload for those who may file."""
    request = context["request"]
    user = request.user
    return {
        "csrf_token": context.get("csrf_token"),
        "rows": _rows(asset.attachments.all()),
        "action": f"/assets/{asset.code}/attach/",
        "back": f"{request.path}#documents",
        "view": "asset",
        "can_add": may_file_on_asset(user),
        "user": user,
        "may_remove_others": user.has_perm("assets.change_asset"),
        "closed": False,
        "error": _error(request, f"asset:{asset.pk}"),
        "anchor": "documents",
    }
