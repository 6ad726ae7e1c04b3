from django.urls import URLPattern, URLResolver

app_name = "chapters"

urlpatterns: list[URLPattern | URLResolver] = []
