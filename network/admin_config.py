"""Django's admin, on network.admin_site.NetworkAdminSite (INSTALLED_APPS names this instead of
"django.contrib.admin"). Kept apart from the site class: an app config module is imported
before models are ready."""

from django.contrib.admin.apps import AdminConfig


class NetworkAdminConfig(AdminConfig):
    default_site = "network.admin_site.NetworkAdminSite"
