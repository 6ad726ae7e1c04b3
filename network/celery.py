"""The Celery app and its transaction-aware task base.

Configuration comes from Django settings (CELERY_* names). Every task of the project uses
`TransactionAwareTask` (it is the app's task class, so `@shared_task` picks it up): a task
queued inside an open transaction is sent when that transaction commits, and never when it
rolls back. Nobody writes `transaction.on_commit` by hand to enqueue.
"""

import os
from typing import Any

from celery import Celery, Task
from django.db import transaction

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings")


class TransactionAwareTask(Task):
    """`delay()` / `apply_async()` inside `transaction.atomic()` waits for the commit.

    Outside a transaction the task is sent at once and its AsyncResult returned; inside one
    the call returns None, because nothing has been sent yet. A failure to reach the broker
    after the commit is logged by Django (`robust=True`): the data is already committed and
    the periodic sweepers pick up what was not sent.
    """

    abstract = True

    def apply_async(self, args: Any = None, kwargs: Any = None, **options: Any) -> Any:
        connection = transaction.get_connection()
        if connection.in_atomic_block:
            transaction.on_commit(
                lambda: super(TransactionAwareTask, self).apply_async(args, kwargs, **options),
                robust=True,
            )
            return None
        return super().apply_async(args, kwargs, **options)


app = Celery("network", task_cls=TransactionAwareTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
