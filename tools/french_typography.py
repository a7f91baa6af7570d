"""Give the French translations of a catalogue French typography: a narrow no-break space
(U+202F) before : ; ? ! and inside « ». Idempotent: a second run changes nothing.

    .venv/bin/python tools/french_typography.py locale/fr/LC_MESSAGES/django.po var/po-pending/*.po
    .venv/bin/python tools/french_typography.py --check locale/fr/LC_MESSAGES/django.po

Only msgstr is touched (msgid stays English); HTML in a translation keeps its tags and
attributes as they are; URLs, times, entities and %(name)s placeholders are left alone.
Recompile afterwards: `.venv/bin/python manage.py compilemessages --ignore=.venv`.
"""

import argparse
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gtr_portal.core.typography import french_typography  # noqa: E402


def typeset_entry(entry: polib.POEntry) -> bool:
    """Typeset the entry's translations in place; True if one of them changed."""
    changed = False
    if entry.msgstr:
        typeset = french_typography(entry.msgstr)
        changed |= typeset != entry.msgstr
        entry.msgstr = typeset
    for index, text in entry.msgstr_plural.items():
        typeset = french_typography(text)
        changed |= typeset != text
        entry.msgstr_plural[index] = typeset
    return changed


def untypeset_entries(path: Path) -> list[polib.POEntry]:
    """The entries of a French catalogue whose translation lacks French typography."""
    catalogue = polib.pofile(str(path))
    return [e for e in catalogue if not e.obsolete and typeset_entry(e)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("catalogues", nargs="+", type=Path)
    parser.add_argument("--check", action="store_true", help="change nothing; fail if needed")
    args = parser.parse_args(argv)
    status = 0
    for path in args.catalogues:
        catalogue = polib.pofile(str(path))
        changed = [e for e in catalogue if not e.obsolete and typeset_entry(e)]
        if args.check:
            if changed:
                status = 1
                print(f"{path}: {len(changed)} translations lack French typography:")
                for entry in changed[:30]:
                    print(f"  {entry.msgid!r}")
        else:
            if changed:
                catalogue.save(str(path))
            print(f"{path}: {len(changed)} translations typeset.")
    return status


if __name__ == "__main__":
    sys.exit(main())
