"""Pages people read: the procedure page and the catalogue, with pinned query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.catalogue import ProcedurePageFactory, SectorFactory

# Pinned: raise only with a reason (a new feature), never because of rows.
PROCEDURE_PAGE_MAX_QUERIES = 30
CATALOGUE_PAGE_MAX_QUERIES = 30


def count_queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), response.content.decode()


def test_query_counts(site_tree, client):
    _, catalogue = site_tree
    sector = SectorFactory()
    small = ProcedurePageFactory(parent=catalogue, sector=sector, documents=2, steps=2)
    large = ProcedurePageFactory(parent=catalogue, sector=sector, documents=20, steps=20, fees=5)
    client.get(small.url)  # warm caches (site root paths, content types)
    n_small, _ = count_queries(client, small.url)
    n_large, _ = count_queries(client, large.url)
    n_cat, _ = count_queries(client, catalogue.url)
    print("procedure", n_small, n_large, "catalogue", n_cat)
    with CaptureQueriesContext(connection) as ctx:
        client.get(large.url)
    open("/tmp/q.txt", "w").write("\n".join(q["sql"][:300] for q in ctx.captured_queries))
    assert False, (n_small, n_large, n_cat)
