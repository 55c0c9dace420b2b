"""The demo content is a package of its own: production code never imports it.

Only the `load_demo` command names the demo steps (by dotted path), so a
production deployment could ship without `demo/` at all.
"""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PRODUCTION_PACKAGES = ("portal", "cms_pages", "search")
LOADER = ROOT / "portal" / "management" / "commands" / "load_demo.py"


def demo_references(path: Path, root: Path = ROOT) -> list[str]:
    """Imports of `demo` in one module, and dotted strings naming a demo module."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            # import_string("demo.site.load_site") is an import too.
            names = [node.value] if node.value.startswith("demo.") else []
        else:
            names = []
        found += [
            f"{path.relative_to(root)}:{node.lineno} {name}"
            for name in names
            if name == "demo" or name.startswith("demo.")
        ]
    return found


def production_modules() -> list[Path]:
    return sorted(
        path
        for package in PRODUCTION_PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    )


def test_no_production_module_imports_demo():
    modules = production_modules()
    assert len(modules) > 50, "the walk found too few modules: wrong BASE_DIR?"
    offenders = [
        reference
        for path in modules
        if path != LOADER
        for reference in demo_references(path)
    ]
    assert offenders == [], "production code imports the demo package"


def test_load_demo_names_every_demo_step():
    """The loader is the one door into `demo/`, and each step it names exists."""
    from django.utils.module_loading import import_string

    from portal.management.commands.load_demo import DEMO_STEPS

    assert demo_references(LOADER), "load_demo no longer loads the demo package"
    assert all(step.startswith("demo.") for step in DEMO_STEPS)
    for step in DEMO_STEPS:
        assert callable(import_string(step))


def test_the_check_sees_an_import(tmp_path):
    """The walk itself can fail: an import of demo is reported."""
    module = tmp_path / "offender.py"
    module.write_text(
        "from demo.site import load_site\nimport demo\nSTEP = 'demo.site.load_site'\n"
    )
    assert len(demo_references(module, root=tmp_path)) == 3
