"""Who brokers: members of one permission group (created by a migration), never by being
superuser. Staff outside the group see no enquiry, like anybody else."""

from django.contrib.auth.models import AnonymousUser

from profiles.models import User

BROKER_GROUP = "brokers"


def is_broker(user: User | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated and user.is_active and user.groups.filter(name=BROKER_GROUP).exists()
    )
