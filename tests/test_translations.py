"""Everything a person reads is Simplified Chinese: the catalogs are complete."""

import gettext
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = sorted(ROOT.glob("*/locale/zh_Hans/LC_MESSAGES/django.po")) + sorted(
    ROOT.glob("locale/zh_Hans/LC_MESSAGES/django.po")
)


def _key(entry):
    return (entry.msgctxt, entry.msgid)


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalog_is_translated_and_compiled(path):
    catalog = polib.pofile(str(path))
    with path.with_suffix(".mo").open("rb") as file:
        compiled = gettext.GNUTranslations(file)

    untranslated = [e.msgid for e in catalog.untranslated_entries()]
    fuzzy = [e.msgid for e in catalog.fuzzy_entries()]
    stale = [
        e.msgid
        for e in catalog.translated_entries()
        if not e.msgid_plural
        and (
            compiled.pgettext(e.msgctxt, e.msgid)
            if e.msgctxt
            else compiled.gettext(e.msgid)
        )
        != e.msgstr
    ]

    assert untranslated == []
    assert fuzzy == []
    assert stale == [], "run `make messages` to compile the catalog"


def test_every_string_in_the_code_is_in_a_catalog(tmp_path):
    copy = tmp_path / "tree"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", "var", ".git", "__pycache__", "node_modules"
        ),
    )
    before = {
        p.relative_to(copy): {_key(e) for e in polib.pofile(str(p))} for p in _pos(copy)
    }

    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "zh_Hans",
            "--ignore=.venv",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )

    after = {
        p.relative_to(copy): {_key(e) for e in polib.pofile(str(p))} for p in _pos(copy)
    }
    missing = {str(p): sorted(after[p] - before.get(p, set()), key=str) for p in after}
    assert {p: keys for p, keys in missing.items() if keys} == {}, "run `make messages`"


def _pos(root):
    return list(root.glob("*/locale/zh_Hans/LC_MESSAGES/django.po")) + list(
        root.glob("locale/zh_Hans/LC_MESSAGES/django.po")
    )


def test_one_message_has_one_translation_across_catalogs():
    # Django merges every catalog into one; where two apps translate the same
    # message differently, one of them silently loses.
    seen = {}
    for path in CATALOGS:
        for entry in polib.pofile(str(path)).translated_entries():
            seen.setdefault(_key(entry), set()).add(entry.msgstr)

    assert {key: sorted(texts) for key, texts in seen.items() if len(texts) > 1} == {}


# The names under which makemessages finds strings (xgettext keywords).
EXTRACTED = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}


def test_translation_functions_keep_names_that_makemessages_extracts():
    # Importing gettext_lazy under another name (``_lazy``) hides every string
    # marked with it from the catalogs: the page shows the English source text.
    hidden = []
    for path in ROOT.glob("*/**/*.py"):
        if ".venv" in path.parts or "var" in path.parts:
            continue
        for name, alias in re.findall(
            r"\b(n?p?gettext(?:_lazy|_noop)?) as (\w+)", path.read_text()
        ):
            if alias not in EXTRACTED:
                hidden.append(f"{path.relative_to(ROOT)}: {name} as {alias}")

    assert hidden == []
