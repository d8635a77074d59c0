"""The English catalogue: pages switch language, and locale/en is complete and compiled.

Every user-facing string is an Indonesian msgid; English lives in locale/en/LC_MESSAGES/django.po and its compiled
django.mo (committed, so `make run` works without GNU gettext). The workflow after adding or changing a string is:

    make messages      # makemessages -l en (same ignores as below) + compilemessages
    # translate every entry with an empty msgstr or a `#, fuzzy` flag in locale/en/LC_MESSAGES/django.po
    make messages      # again, to compile the .mo from the translated .po
    git add locale/en/LC_MESSAGES/django.po locale/en/LC_MESSAGES/django.mo

The catalogue tests below fail while any msgstr is empty or fuzzy, while a translation drops or renames a
%(placeholder)s, or while the committed .mo does not match the .po (a forgotten compile). A new string that was never
extracted is caught as soon as someone runs `make messages`.
"""

import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

LC_MESSAGES = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO = LC_MESSAGES / "django.po"
MO = LC_MESSAGES / "django.mo"

# -- a minimal .po reader (polib is not a dependency) -----------------------------------------------------------------


@dataclass
class Entry:
    line: int
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        return self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"

    def translations(self) -> list[str]:
        return list(self.msgstr_plural.values()) if self.msgid_plural is not None else [self.msgstr]


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def _unquote(text: str) -> str:
    text = text.strip()
    assert text.startswith('"') and text.endswith('"'), text
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), text[1:-1])


def read_po(path: Path) -> list[Entry]:
    """Entries of a .po file as gettext writes it (one blank line between entries), header (msgid "") first.

    Obsolete entries (#~) are left out.
    """
    entries: list[Entry] = []
    text = path.read_text(encoding="utf-8")
    for start, block in _blocks(text):
        entry = Entry(start)
        target: tuple[str, int | None] | None = None
        for offset, raw in enumerate(block):
            line = raw.strip()
            where = f"{path.name}:{start + offset}"
            if line.startswith("#~"):
                continue
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
                continue
            if line.startswith("#"):
                continue
            if line.startswith('"'):
                assert target is not None, f"{where}: continuation line without a keyword"
                name, index = target
                if index is None:
                    setattr(entry, name, getattr(entry, name) + _unquote(line))
                else:
                    entry.msgstr_plural[index] += _unquote(line)
                continue
            keyword, _, rest = line.partition(" ")
            plural = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            if plural:
                target = ("msgstr_plural", int(plural.group(1)))
                entry.msgstr_plural[target[1]] = _unquote(rest)
            elif keyword in ("msgctxt", "msgid", "msgid_plural", "msgstr"):
                target = (keyword, None)
                setattr(entry, keyword, _unquote(rest))
            else:
                raise AssertionError(f"{where}: cannot read {raw!r}")
        if target is not None:  # a block with only comments or obsolete entries has no keyword
            entries.append(entry)
    return entries


def _blocks(text: str):
    block: list[str] = []
    start = 1
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


@pytest.fixture(scope="module")
def catalogue() -> list[Entry]:
    assert PO.exists(), "locale/en/LC_MESSAGES/django.po is missing: run `make messages`"
    entries = read_po(PO)
    assert entries and entries[0].msgid == "", "the .po has no header entry"
    return entries


PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")


# -- the catalogue ----------------------------------------------------------------------------------------------------


def test_reader_understands_plurals_contexts_and_continuations(tmp_path):
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#: a.py:1\n#, python-format\nmsgid "Satu %(n)s"\nmsgid_plural "Banyak %(n)s"\nmsgstr[0] "One %(n)s"\n'
        'msgstr[1] ""\n"Many %(n)s"\n\n'
        'msgctxt "bulan"\nmsgid "Mei"\nmsgstr "May"\n\n'
        '#, fuzzy\nmsgid ""\n"Kata \\"kutip\\"\\n"\nmsgstr ""\n\n'
        '#~ msgid "Lama"\n#~ msgstr "Old"\n',
        encoding="utf-8",
    )
    header, plural, context, fuzzy = read_po(po)
    assert header.msgid == "" and "charset=UTF-8" in header.msgstr
    assert plural.msgid_plural == "Banyak %(n)s" and plural.msgstr_plural == {0: "One %(n)s", 1: "Many %(n)s"}
    assert "python-format" in plural.flags
    assert context.key == "bulan\x04Mei" and context.msgstr == "May"
    assert fuzzy.msgid == 'Kata "kutip"\n' and fuzzy.msgstr == "" and "fuzzy" in fuzzy.flags


def test_catalogue_header_is_not_fuzzy_and_declares_utf8_and_plurals(catalogue):
    header = catalogue[0]
    assert "fuzzy" not in header.flags, "remove the `#, fuzzy` flag from the .po header, or msgfmt skips it"
    assert "charset=UTF-8" in header.msgstr
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header.msgstr
    assert "Language: en" in header.msgstr


def test_every_entry_is_translated_and_none_is_fuzzy(catalogue):
    untranslated = [e.msgid for e in catalogue[1:] if not all(t.strip() for t in e.translations())]
    fuzzy = [e.msgid for e in catalogue[1:] if "fuzzy" in e.flags]
    assert not untranslated, (
        f"{len(untranslated)} untranslated entries in {PO.name} (translate, then `make messages`): {untranslated[:10]}"
    )
    assert not fuzzy, f"{len(fuzzy)} fuzzy entries in {PO.name} (check the translation, drop the flag): {fuzzy[:10]}"
    assert all(len(e.msgstr_plural) == 2 for e in catalogue[1:] if e.msgid_plural is not None)


def test_translations_keep_placeholders_and_markup(catalogue):
    wrong = []
    for e in catalogue[1:]:
        sources = [e.msgid] if e.msgid_plural is None else [e.msgid, e.msgid_plural]
        wanted = {tuple(sorted(PLACEHOLDER.findall(s))) for s in sources} if "python-format" in e.flags else None
        for text in e.translations():
            if wanted is not None and tuple(sorted(PLACEHOLDER.findall(text))) not in wanted:
                wrong.append((e.msgid, text))
            if sorted(re.findall(r"<[^>]+>", text)) != sorted(re.findall(r"<[^>]+>", e.msgid)):
                wrong.append((e.msgid, text))
    assert not wrong, f"translations that change placeholders or HTML: {wrong[:10]}"


def test_compiled_catalogue_matches_the_po(catalogue):
    """A .po edited without `make messages` (compilemessages) afterwards leaves a stale .mo: fail here, not in use."""
    assert MO.exists(), "locale/en/LC_MESSAGES/django.mo is missing: run `make messages` and commit it"
    with MO.open("rb") as handle:
        mo = gettext.GNUTranslations(handle)
    stale = []
    for e in catalogue[1:]:
        if e.msgid_plural is None:
            if mo.gettext(e.key) != e.msgstr:
                stale.append(e.msgid)
        elif mo.ngettext(e.key, e.msgid_plural, 1) != e.msgstr_plural[0] or (
            mo.ngettext(e.key, e.msgid_plural, 2) != e.msgstr_plural[1]
        ):
            stale.append(e.msgid)
    assert not stale, (
        f"django.mo is older than django.po ({len(stale)} entries differ): run `make messages`. {stale[:5]}"
    )
    assert len(mo._catalog) >= len(catalogue) - 1, "django.mo holds fewer messages than django.po: run `make messages`"


# -- the pages --------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_login_page_is_indonesian_by_default(client):
    html = client.get(reverse("login")).content.decode()
    assert "Masuk ke Kinerja" in html
    assert 'lang="id"' in html
    assert "Log in to Kinerja" not in html


@pytest.mark.django_db
def test_an_english_browser_with_no_choice_made_gets_the_indonesian_page(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    html = response.content.decode()
    assert response.headers["Content-Language"] == "id"
    assert 'lang="id"' in html
    assert "Masuk ke Kinerja" in html
    assert "Log in to Kinerja" not in html


@pytest.mark.django_db
def test_english_is_the_users_choice_kept_in_the_language_cookie(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="id")
    html = response.content.decode()
    assert response.headers["Content-Language"] == "en"
    assert 'lang="en"' in html
    assert "Log in to Kinerja" in html
    assert "Forgot your password?" in html
    assert "Submit a complaint" in html
    assert "Masuk ke Kinerja" not in html


@pytest.mark.django_db
def test_an_unknown_language_in_the_cookie_falls_back_to_indonesian(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert "Masuk ke Kinerja" in client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()


@pytest.mark.django_db
def test_language_chosen_in_the_footer_sticks(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert response.status_code == 302
    assert "Log in to Kinerja" in client.get(reverse("login")).content.decode()

    client.post(reverse("set_language"), {"language": "id", "next": reverse("login")})
    assert "Masuk ke Kinerja" in client.get(reverse("login")).content.decode()


def nav_labels(html: str) -> list[str]:
    return re.findall(r'class="nav-link[^"]*"[^>]*>([^<]+)</a>', html)


def test_logged_in_navigation_in_english(client, world):
    client.force_login(world.users["tim_evaluasi"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/").content.decode()
    labels = nav_labels(html)
    for label in ("Home", "OPD", "Staff", "Realisation", "Appraisals", "Dashboard", "Downloads", "Complaints"):
        assert label in labels, (label, labels)
    assert not {"Beranda", "Pegawai", "Realisasi", "Dasbor"} & set(labels)
    assert "OPD evaluation team" in html  # the role, in the account menu
    assert ">Log out</button>" in html
    assert "Welcome, " in html


def test_logged_in_navigation_in_indonesian_by_default(client, world):
    client.force_login(world.users["tim_evaluasi"])
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    labels = nav_labels(html)
    for label in ("Beranda", "OPD", "Pegawai", "Realisasi", "Penilaian", "Dasbor", "Unduhan", "Pengaduan"):
        assert label in labels, (label, labels)
    assert "Tim Evaluasi OPD" in html
    assert ">Keluar</button>" in html
    assert ">Log out<" not in html
