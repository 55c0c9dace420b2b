#!/usr/bin/env python
"""Compile every locale/*/LC_MESSAGES/*.po to .mo with polib (no system gettext needed)."""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    failures = 0
    found = [
        *ROOT.glob("**/locale/*/LC_MESSAGES/*.po"),
        *ROOT.glob("locale_*/*/LC_MESSAGES/*.po"),
    ]
    for po_path in sorted(found):
        if ".venv" in po_path.parts or "node_modules" in po_path.parts:
            continue
        try:
            catalog = polib.pofile(str(po_path))
        except (OSError, ValueError) as exc:
            print(f"{po_path}: {exc}", file=sys.stderr)
            failures += 1
            continue
        catalog.save_as_mofile(str(po_path.with_suffix(".mo")))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
