"""For `make run`, so a newcomer reaches the admin with no further step. Does nothing
when DJANGO_DEBUG is false or any superuser exists: deployed sites use createsuperuser.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.urls import reverse

USERNAME = "admin"


class Command(BaseCommand):
    help = "Create a local superuser on first run (DEBUG only) and print its password."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            self.stdout.write("No local admin created: DJANGO_DEBUG is false.")
            return
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(USERNAME, password=password)
        self.stdout.write(
            self.style.SUCCESS(
                "\nCreated a local admin account. This is shown only once:\n"
                f"  http://127.0.0.1:8000{reverse('admin:index')}  user: {USERNAME}  "
                f"password: "
                f"{password}\n"
                "Forgot it? Run: .venv/bin/python manage.py changepassword "
                f"{USERNAME}\n"
            )
        )
