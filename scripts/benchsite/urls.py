from django.http import HttpResponse
from django.urls import path

from alt_portal.urls import urlpatterns as site_urlpatterns


def bare(request):
    """The floor: what Django and this project's middleware cost on their own."""
    return HttpResponse("ok")


urlpatterns = [path("__bench__/bare/", bare), *site_urlpatterns]
