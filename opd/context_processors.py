from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .lingkup import get_lingkup
from .models import Peran


def navigation(request) -> dict:
    """The navigation follows the user's roles: each entry appears only for those who may open it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    lingkup = get_lingkup(user)
    items = [(_("Beranda"), reverse("home"), "home")]
    for entry in NAV_ENTRIES:
        if entry["when"](lingkup):
            items.append((str(entry["label"]), reverse(entry["url"]), entry["url"]))
    return {"nav_items": items, "lingkup": lingkup, "peran_labels": [Peran(p).label for p in sorted(lingkup.peran)]}


def _staff(lingkup) -> bool:
    return lingkup.is_staff_user


NAV_ENTRIES: list[dict] = [
    {"label": gettext_lazy("Kinerja saya"), "url": "kinerja:saya", "when": lambda lk: bool(lk.pegawai_id)},
    {
        "label": gettext_lazy("OPD"),
        "url": "opd:opd_list",
        "when": lambda lk: lk.superuser or bool(lk.instansi_penuh or lk.opd_penuh),
    },
    {
        "label": gettext_lazy("Pegawai"),
        "url": "opd:pegawai_list",
        "when": lambda lk: lk.superuser or bool(lk.instansi_penuh or lk.opd_penuh),
    },
    {
        "label": gettext_lazy("Indikator"),
        "url": "indikator:index",
        "when": lambda lk: lk.superuser or bool(lk.instansi_penuh or lk.opd_penuh),
    },
    {
        "label": gettext_lazy("Realisasi"),
        "url": "evaluasi:grid_index",
        "when": lambda lk: lk.superuser or bool(lk.instansi_penuh or lk.opd_penuh),
    },
    {"label": gettext_lazy("Periode"), "url": "indikator:periode_list", "when": lambda lk: lk.is_admin_instansi()},
    {
        "label": gettext_lazy("Penilaian"),
        "url": "penilaian:daftar",
        "when": lambda lk: lk.superuser or bool(lk.pegawai_id or lk.opd_penuh or lk.admin_instansi or lk.bkn_instansi),
    },
    {
        "label": gettext_lazy("Kalibrasi"),
        "url": "penilaian:kalibrasi_daftar",
        "when": lambda lk: lk.superuser or bool(lk.admin_instansi or lk.bkn_instansi or lk.opd_penuh),
    },
    {"label": gettext_lazy("Dasbor"), "url": "dasbor:index", "when": lambda lk: lk.superuser or bool(lk.peran)},
    {"label": gettext_lazy("Unduhan"), "url": "laporan:index", "when": lambda lk: lk.superuser or bool(lk.peran)},
    {
        "label": gettext_lazy("Pengaduan"),
        "url": "pengaduan:daftar",
        "when": lambda lk: lk.superuser or bool(lk.instansi_penuh or lk.opd_penuh),
    },
    {"label": gettext_lazy("Impor pegawai"), "url": "opd:pegawai_import", "when": lambda lk: lk.is_admin_instansi()},
    {
        "label": gettext_lazy("Akun terkunci"),
        "url": "opd:lockout_list",
        "when": lambda lk: lk.is_admin_instansi() or bool(lk.bkn_instansi),
    },
    {"label": gettext_lazy("Token API"), "url": "api:token_list", "when": lambda lk: lk.is_admin_instansi()},
    {
        "label": gettext_lazy("Ekspor SIASN"),
        "url": "laporan:siasn",
        "when": lambda lk: lk.superuser or bool(lk.admin_instansi or lk.bkn_instansi),
    },
    {
        "label": gettext_lazy("Log audit"),
        "url": "opd:audit",
        "when": lambda lk: lk.superuser or bool(lk.admin_instansi or lk.bkn_instansi),
    },
]
