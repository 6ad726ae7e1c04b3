"""Who counts as a member of the network (for members-only visibility and the directory)."""


def is_network_member(user: object) -> bool:
    """An onboarded expert, a member of a verified institution, or platform staff."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff:
        return True
    cached = getattr(user, "_is_network_member", None)
    if cached is None:
        from profiles.models import ExpertProfile, Institution

        cached = (
            ExpertProfile.objects.filter(user=user, onboarded_at__isnull=False).exists()
            or Institution.objects.verified().filter(memberships__user=user).exists()
        )
        user._is_network_member = cached
    return cached
