"""Pages of the projects app: projects (list, detail, edit, workflow), collaboration requests
(interests and invitations), engagements and the dashboard."""

from django.http import HttpRequest

from profiles.models import User


class AuthenticatedRequest(HttpRequest):
    """The request of a `login_required` view: its user is logged in."""

    user: User
