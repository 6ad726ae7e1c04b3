from django.urls import URLPattern, URLResolver

app_name = "prefill"

urlpatterns: list[URLPattern | URLResolver] = []
