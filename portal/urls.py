from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("site-logo/", views.site_logo, name="site_logo"),
]
