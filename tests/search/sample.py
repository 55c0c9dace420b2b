"""Catalogues for search tests, loaded with the project's own importer.

`load_catalogue(path)` creates the bare site and imports a catalogue file with
`import_procedures`, so the tests search exactly what an import produces.
"""

from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

# The shared sample catalogue exactly as the judged sample queries were written
# against it (demo/sample-procedures.json has since gained English text for the
# demo, which changes what an English query should find).
SAMPLE = (
    Path(settings.BASE_DIR) / "tests" / "search" / "data" / "sample-procedures.json"
)
QUERIES = Path(settings.BASE_DIR) / "demo" / "sample-queries.json"
EVAL_CATALOGUE = Path(settings.BASE_DIR) / "benchmarks" / "evalset" / "procedures.json"
EVAL_QUERIES = Path(settings.BASE_DIR) / "benchmarks" / "evalset" / "queries.json"


def load_catalogue(path: Path = SAMPLE) -> None:
    """The demo site tree (home and catalogue pages) and the procedures of `path`."""
    from demo.site import load_site

    quiet = StringIO()
    load_site(quiet)
    call_command("import_procedures", str(path), stdout=quiet)


def load_sample_catalogue() -> None:
    """The 45 sample procedures."""
    load_catalogue(SAMPLE)
