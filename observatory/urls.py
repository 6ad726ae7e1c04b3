from django.urls import URLPattern, URLResolver

app_name = "observatory"

urlpatterns: list[URLPattern | URLResolver] = []
