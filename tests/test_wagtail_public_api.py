"""The code base stays on Wagtail's (and treebeard's) public API.

Private helpers change between releases without notice; code that calls them
can corrupt the page tree after an upgrade (issue 9). This test reads every
Python module of the project's packages and fails on any of those names.
"""

import re
from pathlib import Path

from django.conf import settings

PACKAGES = ("portal", "cms_pages", "search", "demo")
#: Private names of Wagtail, treebeard, modelcluster and wagtail-localize that
#: have been (or could be) reached for to go faster than the public API.
PRIVATE_NAMES = (
    # treebeard's materialised path internals
    "_get_path",
    "_inc_path",
    "_get_basepath",
    "_get_lastpos_in_path",
    "_get_parent_path_from_path",
    "_get_children_path_interval",
    "_str2int",
    "_int2str",
    "_cached_parent_obj",
    # Wagtail's page and reference index internals
    "_get_content_path_hash",
    "_slug_is_available",
    "_update_descendant_url_paths",
    "_copy_m2m_relations",
    "_get_relevant_site_root_paths",
    # wagtail-localize internals
    "_get_segments_for_translation",
    "_get_data_hash",
    "_get_path_id",
)
PATTERN = re.compile(r"\b(" + "|".join(map(re.escape, PRIVATE_NAMES)) + r")\b")


def _modules():
    root = Path(settings.BASE_DIR)
    for package in PACKAGES:
        folder = root / package
        if folder.is_dir():
            yield from sorted(folder.rglob("*.py"))


def test_no_private_wagtail_or_treebeard_name_is_used():
    modules = list(_modules())
    assert len(modules) > 20, "the packages were not found"
    found = [
        f"{path.relative_to(settings.BASE_DIR)}:{number}: {match.group(1)}"
        for path in modules
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for match in [PATTERN.search(line)]
        if match
    ]
    assert found == []


def test_the_check_finds_what_it_looks_for():
    assert PATTERN.search("path = Page._get_path(parent.path, depth, 1)")
    assert PATTERN.search("page._cached_parent_obj = parent")
    assert not PATTERN.search("parent.add_child(instance=page)")
