"""OpenAPI of the work order list: its query parameters come from WorkOrderFilter itself.

The handler reads `request.GET` through `WorkOrderFilter.from_query` (one filter for the
API, the pages and the exports); this module only describes those parameters.
"""

from __future__ import annotations

from typing import Any

from wrench.core.filters import paging_parameters
from wrench.workorders.exports import XLSX_TYPE
from wrench.workorders.filters import MAX_LIMIT, WorkOrderFilter


def _parameters() -> list[dict[str, Any]]:
    schema = WorkOrderFilter.model_json_schema()
    params = []
    for name, prop in schema["properties"].items():
        if name == "extra_codes":
            continue
        # Optional fields are anyOf[T, null]; a query string has no null, keep T.
        options = [p for p in prop.get("anyOf", [prop]) if p.get("type") != "null"]
        spec = {k: v for k, v in options[0].items() if k != "title"}
        if "default" in prop and prop["default"] is not None:
            spec["default"] = prop["default"]
        params.append(
            {
                "in": "query",
                "name": name,
                "required": False,
                "description": prop.get("description", name.replace("_", " ")),
                "schema": spec,
            }
        )
    params += [
        *paging_parameters(default_limit=50, max_limit=MAX_LIMIT),
        {
            "in": "query",
            "name": "format",
            "required": False,
            "description": "json (default), csv or xlsx; or send the Accept header",
            "schema": {"type": "string", "enum": ["json", "csv", "xlsx"]},
        },
    ]
    return params


LIST_PARAMETERS = _parameters()
LIST_RESPONSES = {
    200: {
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}},
        }
    }
}
