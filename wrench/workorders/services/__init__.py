"""Every state change of a work order. Callers validate nothing themselves; they call these.

Each function takes keyword-only arguments and an explicit actor, runs in one transaction,
locks the row it changes and writes the event row in the same transaction:
- `create_work_order`, `create_work_orders` (services/create.py): enter requests;
- `update_work_order`, `add_comment` (services/edit.py): fields and coding, comments;
- `transition`, `transition_number`, `recheck_approval` (services/move.py): every status
  change, with the guards and effects the lifecycle table names;
- `transition_many` (services/bulk_move.py): the same rules for many rows, writes in bulk.
"""

from wrench.workorders.drafts import EDITABLE, REQUESTER_EDITABLE
from wrench.workorders.lifecycle import SYSTEM, System
from wrench.workorders.services.bulk_move import transition_many
from wrench.workorders.services.common import check_site
from wrench.workorders.services.create import MAX_ROWS, create_work_order, create_work_orders
from wrench.workorders.services.edit import add_comment, update_work_order
from wrench.workorders.services.move import recheck_approval, transition, transition_number

__all__ = [
    "EDITABLE",
    "MAX_ROWS",
    "REQUESTER_EDITABLE",
    "SYSTEM",
    "System",
    "add_comment",
    "check_site",
    "create_work_order",
    "create_work_orders",
    "recheck_approval",
    "transition",
    "transition_many",
    "transition_number",
    "update_work_order",
]
