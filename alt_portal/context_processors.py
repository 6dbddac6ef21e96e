from django.conf import settings


def portal(request):
    """Add the hospital's details that every page shows."""
    return {"hospital_name": settings.PORTAL_HOSPITAL_NAME}
