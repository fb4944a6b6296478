"""WSGI entry point for app servers (waitress, gunicorn, uWSGI)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medpath.settings")
application = get_wsgi_application()
