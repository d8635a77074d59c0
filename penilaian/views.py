"""Evaluation pages: the evaluator's worklist and form, the ASN's acknowledgement, reopening and the history of an
evaluation. The OPD's summary, the follow-up (rewards, certificates and their public check), training and work plans
have their own modules (views_opd.py, views_tindak_lanjut.py, views_pelatihan.py, views_rencana.py); an ASN's Kinerja
page is views_kinerja.py.

Each view: access (a scoped selector: out of scope is a 404; may read but not change is a 403) → form → one service
→ redirect with a message, or render.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from opd import masukan
from opd.lingkup import get_lingkup

from . import selectors, selectors_keberatan, selectors_opd, services
from .aturan import predikat
from .forms import AlasanForm, PenilaianForm
from .models import LABEL_BERAKHLAK, Penilaian, PredikatKinerja, Rating

TAHUN_MIN, TAHUN_MAX = 2000, 2100


def _tahun_valid(tahun: int) -> None:
    if not TAHUN_MIN <= tahun <= TAHUN_MAX:
        raise Http404


def _periode(kode: str) -> selectors.PeriodePenilaian:
    periode = selectors.PeriodePenilaian.dari_kode(kode)
    if periode is None:
        raise Http404
    return periode


def _pilihan_periode(request) -> tuple[int, selectors.PeriodePenilaian]:
    """`?tahun=&periode=` when valid, else the period due for evaluation today."""
    tahun, periode = selectors.periode_bawaan(timezone.localdate())
    tahun = masukan.tahun(request.GET.get("tahun"), bawaan=tahun, dari=TAHUN_MIN, sampai=TAHUN_MAX)
    periode = selectors.PeriodePenilaian.dari_kode(request.GET.get("periode", "")) or periode
    return tahun, periode


def _tambah_error(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def _nama(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _boleh_kalibrasi(lingkup) -> bool:
    return lingkup.superuser or bool(lingkup.admin_instansi or lingkup.bkn_instansi or lingkup.opd_penuh)


# -- worklist ------------------------------------------------------------------------------------------------------


@login_required
@require_safe
def daftar(request):
    """Everyone the user evaluates in the chosen period, with status and figures; the user's own evaluations; and
    the OPD summaries the user may open."""
    tahun, periode = _pilihan_periode(request)
    rows = selectors.daftar_kerja(user=request.user, tahun=tahun, periode=periode)
    status = {}
    for row in rows:
        status[row.status] = status.get(row.status, 0) + 1
    return render(
        request,
        "penilaian/daftar.html",
        {
            "tahun": tahun,
            "periode": periode,
            "semua_periode": selectors.SEMUA_PERIODE,
            "tahun_pilihan": list(range(tahun + 1, tahun - 4, -1)),
            "rows": rows,
            "jumlah_status": [(kode, label, status.get(kode, 0)) for kode, label in selectors.LABEL_STATUS.items()],
            "penilaian_saya": selectors.penilaian_saya(user=request.user),
            "keberatan_menunggu": selectors_keberatan.keberatan_menunggu(user=request.user),
            "boleh_kalibrasi": _boleh_kalibrasi(get_lingkup(request.user)),
            "opd_ringkasan": list(
                selectors_opd.opd_ringkasan_for_user(user=request.user).order_by("instansi__nama", "nama")
            ),
        },
    )


# -- one evaluation ------------------------------------------------------------------------------------------------


def _initial(penilaian: Penilaian | None, figur: selectors.Figur) -> dict:
    if penilaian is None:
        return {"hasil_kerja": figur.saran.rating.value if figur.saran.rating else "", "versi": 0}
    data = {
        "hasil_kerja": penilaian.hasil_kerja,
        "alasan_hasil_kerja": penilaian.alasan_hasil_kerja,
        "perilaku": penilaian.perilaku,
        "alasan_perilaku": penilaian.alasan_perilaku,
        "umpan_balik": penilaian.umpan_balik,
        "versi": penilaian.versi,
    }
    for nama in LABEL_BERAKHLAK:
        data[nama] = getattr(penilaian, nama)
    for ub in penilaian.umpan_balik_indikator.all():
        data[f"ub_{ub.indikator_id}"] = ub.isi
    return data


def _render_nilai(request, *, pegawai, tahun, periode, figur, penilaian, form, status=200, boleh_menilai=False):
    lingkup = get_lingkup(request.user)
    umpan_balik = {}
    if penilaian is not None:
        umpan_balik = {u.indikator_id: u.isi for u in penilaian.umpan_balik_indikator.all()}
    for baris in figur.baris:
        baris.umpan_balik = umpan_balik.get(baris.indikator.pk, "")
        if form is not None:
            baris.field = form[f"ub_{baris.indikator.pk}"]
    perilaku = []
    if penilaian is not None:
        perilaku = [(label, getattr(penilaian, nama)) for nama, label in LABEL_BERAKHLAK.items()]
    return render(
        request,
        "penilaian/nilai.html",
        {
            "pegawai": pegawai,
            "tahun": tahun,
            "periode": periode,
            "semua_periode": selectors.SEMUA_PERIODE,
            "figur": figur,
            "penilaian": penilaian,
            "perilaku": perilaku,
            "form": form,
            "boleh_menilai": boleh_menilai,
            "boleh_akui": penilaian is not None
            and penilaian.status == Penilaian.Status.FINAL
            and lingkup.pegawai_id == pegawai.pk,
            "boleh_keberatan": penilaian is not None and penilaian.sudah_final and lingkup.pegawai_id == pegawai.pk,
            "boleh_buka_ulang": penilaian is not None
            and penilaian.sudah_final
            and lingkup.is_admin_instansi(pegawai.opd.instansi_id),
            "pembukaan": list(penilaian.pembukaan_set.select_related("oleh")) if penilaian else [],
            "matriks": _matriks(),
            "penilai": _nama(penilaian.penilai) if penilaian else "",
        },
        status=status,
    )


def _matriks() -> list[tuple[str, list[str]]]:
    """The predikat matrix for the page's reference table: rows hasil kerja (Di Atas first), columns perilaku."""
    urutan_hasil = [Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH]
    urutan_perilaku = [Rating.DI_BAWAH, Rating.SESUAI, Rating.DI_ATAS]
    return [
        (str(hasil.label), [str(PredikatKinerja(predikat(hasil, p).value).label) for p in urutan_perilaku])
        for hasil in urutan_hasil
    ]


@login_required
def nilai(request, pegawai_pk: int, tahun: int, periode: str):
    """One ASN's evaluation of one period: the figures and suggestions; the form for their evaluator while it is not
    final; read-only for everyone else who may read it (the ASN sees it once final, and acknowledges it)."""
    _tahun_valid(tahun)
    periode_obj = _periode(periode)
    pegawai = selectors.pegawai_penilaian_get(user=request.user, pk=pegawai_pk)
    lingkup = get_lingkup(request.user)
    boleh = selectors.boleh_menilai(lingkup, pegawai)
    penilaian = selectors.penilaian_periode(pegawai=pegawai, tahun=tahun, periode=periode_obj)
    if penilaian is not None and not penilaian.sudah_final and not boleh and lingkup.pegawai_id == pegawai.pk:
        penilaian = None  # the ASN does not read the evaluator's draft
    figur = selectors.figur_penilaian(pegawai=pegawai, tahun=tahun, triwulan=periode_obj.triwulan)
    indikator = [b.indikator for b in figur.baris]
    dapat_diubah = boleh and (penilaian is None or not penilaian.sudah_final)
    konteks = {"pegawai": pegawai, "tahun": tahun, "periode": periode_obj, "figur": figur}

    if request.method == "POST":
        if not boleh:
            raise PermissionDenied
        form = PenilaianForm(request.POST, indikator=indikator)
        aksi = request.POST.get("aksi", "simpan")
        if aksi not in ("simpan", "finalkan"):
            raise Http404
        if not form.is_valid():
            messages.error(request, _("Periksa isian yang ditandai."))
            return _render_nilai(request, **konteks, penilaian=penilaian, form=form, status=422, boleh_menilai=boleh)
        data = form.cleaned_data
        try:
            hasil = services.penilaian_simpan(
                actor=request.user,
                pegawai=pegawai,
                tahun=tahun,
                periode=periode_obj,
                versi=data["versi"],
                finalkan=aksi == "finalkan",
                data=services.DataPenilaian(
                    hasil_kerja=data["hasil_kerja"],
                    alasan_hasil_kerja=data["alasan_hasil_kerja"],
                    perilaku_skor={nama: data.get(nama) for nama in LABEL_BERAKHLAK},
                    perilaku=data["perilaku"],
                    alasan_perilaku=data["alasan_perilaku"],
                    umpan_balik=data["umpan_balik"],
                    umpan_balik_indikator=form.umpan_balik_indikator(),
                ),
            )
        except services.Kedaluwarsa:
            messages.error(
                request,
                _("Tidak disimpan: penilaian ini sudah diubah orang lain. Muat ulang halaman untuk melihat versinya."),
            )
            return _render_nilai(request, **konteks, penilaian=penilaian, form=form, status=409, boleh_menilai=boleh)
        except ValidationError as exc:
            _tambah_error(form, exc)
            messages.error(request, _("Tidak disimpan. Periksa isian yang ditandai."))
            return _render_nilai(request, **konteks, penilaian=penilaian, form=form, status=422, boleh_menilai=boleh)
        if hasil.sudah_final:
            messages.success(
                request,
                _("Penilaian %(nama)s difinalkan dengan predikat %(predikat)s.")
                % {"nama": pegawai.nama_lengkap, "predikat": hasil.get_predikat_display()},
            )
        else:
            messages.success(request, _("Draf penilaian %(nama)s disimpan.") % {"nama": pegawai.nama_lengkap})
        return redirect(request.path)

    form = PenilaianForm(initial=_initial(penilaian, figur), indikator=indikator) if dapat_diubah else None
    return _render_nilai(request, **konteks, penilaian=penilaian, form=form, boleh_menilai=boleh)


def _next_aman(request, default: str) -> str:
    target = request.POST.get("next", "")
    # Only a path of this site: redirect() would take any other word for the name of a URL pattern.
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def _url_nilai(penilaian: Penilaian) -> str:
    return reverse("penilaian:nilai", args=[penilaian.pegawai_id, penilaian.tahun, penilaian.kode_periode])


@login_required
@require_POST
def akui(request, pk: int):
    """The ASN acknowledges a final evaluation (from "Kinerja saya" or the evaluation page)."""
    penilaian = selectors.penilaian_get(user=request.user, pk=pk)
    try:
        services.penilaian_akui(actor=request.user, penilaian=penilaian)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Terima kasih. Penilaian %(periode)s sudah Anda akui.") % {"periode": penilaian.label_periode}
        )
    return redirect(_next_aman(request, _url_nilai(penilaian)))


@login_required
def buka_ulang(request, pk: int):
    """The Admin Instansi reopens a final evaluation, with a reason that is recorded."""
    penilaian = selectors.penilaian_get(user=request.user, pk=pk)
    if not get_lingkup(request.user).is_admin_instansi(penilaian.instansi_id):
        raise PermissionDenied
    form = AlasanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.penilaian_buka_ulang(actor=request.user, penilaian=penilaian, alasan=form.cleaned_data["alasan"])
        except ValidationError as exc:
            _tambah_error(form, exc)
        else:
            messages.success(request, _("Penilaian dibuka ulang sebagai draf. Alasannya dicatat."))
            return redirect(_url_nilai(penilaian))
    return render(
        request,
        "penilaian/buka_ulang.html",
        {"penilaian": penilaian, "form": form},
        status=422 if form.errors else 200,
    )


RIWAYAT_FIELD = [
    "status",
    "hasil_kerja_saran",
    "hasil_kerja",
    "alasan_hasil_kerja",
    *LABEL_BERAKHLAK,
    "perilaku_saran",
    "perilaku",
    "alasan_perilaku",
    "predikat",
    "umpan_balik",
]


@login_required
@require_safe
def riwayat(request, pk: int):
    """Every change to the evaluation's ratings: who, when, old → new."""
    penilaian = selectors.penilaian_get(user=request.user, pk=pk)
    records = list(penilaian.history.select_related("history_user").order_by("history_date", "history_id"))
    entries, sebelumnya = [], None
    for record in records:
        changes = []
        for nama in RIWAYAT_FIELD:
            lama = getattr(sebelumnya, nama) if sebelumnya else None
            baru = getattr(record, nama)
            if lama != baru and not (sebelumnya is None and baru in ("", None)):
                field = Penilaian._meta.get_field(nama)
                pilihan = dict(field.choices or [])
                changes.append(
                    {"field": field.verbose_name, "lama": pilihan.get(lama, lama), "baru": pilihan.get(baru, baru)}
                )
        entries.append({"record": record, "changes": changes, "oleh": _nama(record.history_user)})
        sebelumnya = record
    entries.reverse()
    return render(
        request,
        "penilaian/riwayat.html",
        {"penilaian": penilaian, "entries": entries, "pembukaan": list(penilaian.pembukaan_set.select_related("oleh"))},
    )
