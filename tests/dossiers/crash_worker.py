"""A worker process for test_crash_safety.py: submits drafts one after another
until it is killed. Usage: crash_worker.py MEDIA_ROOT DRAFT_PK...

Runs against the test database named by DATABASE_URL and the private storage
at MEDIA_ROOT (the test's), printing "submitted <pk>" after each commit.
"""

import os
import sys
from pathlib import Path


def main(media: str, draft_pks: list[str]) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    import portal.settings.test as test_settings

    # The test's private storage, not a fresh temporary one.
    test_settings.PRIVATE_MEDIA_ROOT = Path(media)
    test_settings.STORAGES["private"]["OPTIONS"]["location"] = Path(media)
    import django

    django.setup()
    from portal.dossiers.models import DossierDraft
    from portal.dossiers.services import submit_dossier
    from tests.dossiers.test_submission import answers

    for pk in draft_pks:
        submit_dossier(DossierDraft.objects.get(pk=int(pk)), answers())
        print(f"submitted {pk}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
