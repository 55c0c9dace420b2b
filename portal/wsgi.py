"""WSGI entry point (gunicorn portal.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

# Each worker connects to the search cluster and reads the thesaurus now, not
# on its first visitor's search (SEARCH_WARM_UP; see search/service.py).
from search.service import warm_up  # noqa: E402

warm_up()
