"""Domain events of the work order, for cross-cutting listeners (notifications, reports).

Sent inside the transaction that made the change, so an outbox row a listener writes
commits or rolls back with it.
"""

from django.dispatch import Signal

# kwargs: work_order, event (WorkOrderEvent)
work_order_transitioned = Signal()
# kwargs: work_order, actor
work_order_created = Signal()
# kwargs: work_order, actor: an edit gave the work order to a (new) person
work_order_assigned = Signal()
