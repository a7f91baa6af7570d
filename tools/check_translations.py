"""CI check: the French catalogue covers every marked string, has nothing fuzzy or missing,
follows French typography (a narrow no-break space before : ; ? ! and inside « »), and the
committed .mo file is the compilation of the committed .po file."""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
sys.path.insert(0, str(ROOT / "tools"))

from french_typography import untypeset_entries  # noqa: E402


def msgids(path: Path) -> set[tuple[str, str]]:
    return {(e.msgctxt or "", e.msgid) for e in polib.pofile(str(path)) if not e.obsolete}


def main() -> int:
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        backup = Path(tmp) / "django.po"
        shutil.copy(PO, backup)
        try:
            subprocess.run(
                [
                    sys.executable,
                    "manage.py",
                    "makemessages",
                    "-l",
                    "fr",
                    "--ignore=.venv",
                    "--ignore=var",
                    "--ignore=tests",
                    "--no-obsolete",
                    "-v",
                    "0",
                ],
                cwd=ROOT,
                check=True,
            )
            missing = msgids(PO) - msgids(backup)
        finally:
            shutil.copy(backup, PO)
        if missing:
            problems.append(
                f"{len(missing)} strings are not in the catalogue: run `make translations`"
            )
            problems += [f"  missing: {msgid!r}" for _, msgid in sorted(missing)[:30]]

        catalogue = polib.pofile(str(PO))
        untranslated = catalogue.untranslated_entries()
        fuzzy = catalogue.fuzzy_entries()
        problems += [f"  untranslated: {e.msgid!r}" for e in untranslated]
        problems += [f"  fuzzy: {e.msgid!r}" for e in fuzzy]
        untypeset = untypeset_entries(PO)
        if untypeset:
            problems.append(
                f"{len(untypeset)} French translations lack a narrow no-break space before"
                " : ; ? ! or inside « »: run `.venv/bin/python tools/french_typography.py"
                " locale/fr/LC_MESSAGES/django.po`"
            )
            problems += [f"  typography: {e.msgid!r}" for e in untypeset[:30]]

        compiled = Path(tmp) / "django.mo"
        subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(PO)], check=True)
        if not MO.exists() or compiled.read_bytes() != MO.read_bytes():
            problems.append("locale/fr/LC_MESSAGES/django.mo is stale: run `make translations`")

    if problems:
        print("Translation check failed:\n" + "\n".join(problems))
        return 1
    print(f"French catalogue complete: {len(catalogue.translated_entries())} messages.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
