"""Pages of the enquiries app: the public intake and the requester's page (`public`), the
brokers' queue, enquiry page and workload (`brokers`)."""

from django.http import HttpRequest

from profiles.models import User


class AuthenticatedRequest(HttpRequest):
    """The request of a `login_required` view: its user is logged in."""

    user: User
