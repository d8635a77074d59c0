"""Evaluation pages: the evaluator's worklist and form, the ASN's acknowledgement, reopening, the OPD's summary with
its organisation predikat and distribution check, rewards and their certificates (with the public check), the
training catalogue with before/after figures, and work plans.

Each view: access (a scoped selector: out of scope is a 404; may read but not change is a 403) → form → one service
→ redirect with a message, or render.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from evaluasi import selectors_kinerja
from evaluasi.charts import sparkline_svg
from indikator.models import ROMAWI, Indikator
from opd.lingkup import get_lingkup
from opd.models import Instansi, Pegawai

from . import selectors, services
from .aturan import KelompokTriwulan, predikat
from .forms import (
    AlasanForm,
    PelatihanForm,
    PenghargaanPutusanForm,
    PenilaianForm,
    PesertaTambahForm,
    PesertaUbahForm,
    PredikatOpdForm,
    RencanaKerjaForm,
    RencanaPutusanForm,
    VerifikasiForm,
)
from .models import (
    LABEL_BERAKHLAK,
    Penghargaan,
    Penilaian,
    PredikatKinerja,
    Rating,
    RekomendasiPelatihan,
    RencanaKerja,
)

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
    raw = request.GET.get("tahun", "")
    if raw.isdigit() and TAHUN_MIN <= int(raw) <= TAHUN_MAX:
        tahun = int(raw)
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
            "opd_ringkasan": list(
                selectors.opd_ringkasan_for_user(user=request.user).order_by("instansi__nama", "nama")
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
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
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


# -- OPD summary ---------------------------------------------------------------------------------------------------

LABEL_ATURAN = {
    "paling_banyak": gettext_lazy("paling banyak %(batas)s%%"),
    "paling_sedikit": gettext_lazy("paling sedikit %(batas)s%%"),
    "minimal_satu": gettext_lazy("minimal satu orang"),
    "tidak_ada": gettext_lazy("tidak boleh ada"),
}


def _teks_aturan(hasil) -> str:
    nama = _(" atau ").join(str(PredikatKinerja(p.value).label) for p in hasil.predikat)
    return f"{nama}: {LABEL_ATURAN[hasil.aturan.value] % {'batas': f'{hasil.batas:g}'}}"


@login_required
@require_safe
def opd(request, opd_pk: int, tahun: int):
    """The OPD's evaluation summary: staff and their predikat for the period, the actual distribution, the
    organisation predikat (suggested from the OPD score, set by the Admin Instansi) and the distribution check."""
    _tahun_valid(tahun)
    obj = selectors.opd_ringkasan_get(user=request.user, pk=opd_pk)
    periode = selectors.PeriodePenilaian.dari_kode(request.GET.get("periode", "")) or selectors.SEMUA_PERIODE[4]
    data = selectors.ringkasan_opd(opd=obj, tahun=tahun, periode=periode)
    admin = get_lingkup(request.user).is_admin_instansi(obj.instansi_id)
    form = None
    if admin:
        awal = data.predikat_opd.predikat if data.predikat_opd else (data.saran_organisasi or "")
        form = PredikatOpdForm(
            initial={"predikat": awal, "catatan": data.predikat_opd.catatan if data.predikat_opd else ""}
        )
    return render(
        request,
        "penilaian/opd.html",
        {
            "opd": obj,
            "tahun": tahun,
            "periode": periode,
            "semua_periode": selectors.SEMUA_PERIODE,
            "tahun_pilihan": list(range(tahun + 1, tahun - 4, -1)),
            "data": data,
            "pemeriksaan": [(h, _teks_aturan(h)) for h in data.pemeriksaan],
            "form": form,
        },
    )


@login_required
@require_POST
def predikat_opd(request, opd_pk: int, tahun: int):
    _tahun_valid(tahun)
    obj = selectors.opd_ringkasan_get(user=request.user, pk=opd_pk)
    if not get_lingkup(request.user).is_admin_instansi(obj.instansi_id):
        raise PermissionDenied
    form = PredikatOpdForm(request.POST)
    url = reverse("penilaian:opd", args=[obj.pk, tahun])
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(url)
    hasil = services.predikat_opd_tetapkan(
        actor=request.user,
        opd=obj,
        tahun=tahun,
        predikat=form.cleaned_data["predikat"],
        catatan=form.cleaned_data["catatan"],
    )
    messages.success(
        request,
        _("Predikat organisasi %(opd)s tahun %(tahun)s ditetapkan: %(predikat)s.")
        % {"opd": obj.nama, "tahun": tahun, "predikat": hasil.get_predikat_display()},
    )
    return redirect(url)


# -- follow-up -----------------------------------------------------------------------------------------------------


@login_required
@require_safe
def tindak_lanjut(request):
    """Reward and training recommendations the user may see; the Admin Instansi decides the rewards here."""
    lingkup = get_lingkup(request.user)
    penghargaan = list(
        selectors.penghargaan_for_user(user=request.user).order_by("status", "-dibuat_pada", "-pk")[:200]
    )
    rekomendasi = list(
        selectors.rekomendasi_pelatihan_for_user(user=request.user).order_by("status", "-dibuat_pada")[:200]
    )
    for p in penghargaan:
        p.boleh_putuskan = p.status == Penghargaan.Status.DIREKOMENDASIKAN and lingkup.is_admin_instansi(p.instansi_id)
    return render(
        request,
        "penilaian/tindak_lanjut.html",
        {
            "penghargaan": penghargaan,
            "rekomendasi": rekomendasi,
            "form_putusan": PenghargaanPutusanForm(),
            "admin": lingkup.is_admin_instansi(),
        },
    )


@login_required
@require_POST
def penghargaan_putuskan(request, pk: int):
    penghargaan = selectors.penghargaan_get(user=request.user, pk=pk)
    if not get_lingkup(request.user).is_admin_instansi(penghargaan.instansi_id):
        raise PermissionDenied
    form = PenghargaanPutusanForm(request.POST)
    if form.is_valid():
        try:
            hasil = services.penghargaan_putuskan(
                actor=request.user,
                penghargaan=penghargaan,
                setuju=form.cleaned_data["keputusan"] == "setuju",
                bentuk=form.cleaned_data["bentuk"],
                catatan=form.cleaned_data["catatan"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if hasil.status == Penghargaan.Status.DISETUJUI:
                messages.success(
                    request,
                    _("Penghargaan untuk %(nama)s disetujui.") % {"nama": penghargaan.pegawai.nama_lengkap}
                    + (" " + _("Sertifikat sedang dibuat.") if hasil.dengan_sertifikat else ""),
                )
            else:
                messages.success(request, _("Rekomendasi penghargaan ditolak; alasannya dicatat."))
    else:
        messages.error(request, _("Pilih keputusan."))
    return redirect(f"{reverse('penilaian:tindak_lanjut')}#penghargaan-{penghargaan.pk}")


@login_required
@require_safe
def sertifikat(request, pk: int):
    """The certificate PDF, only to the ASN, their evaluators and the admins (the selector's scope)."""
    penghargaan = selectors.penghargaan_get(user=request.user, pk=pk)
    if penghargaan.status != Penghargaan.Status.DISETUJUI or not penghargaan.berkas:
        raise Http404
    try:
        handle = penghargaan.berkas.open("rb")
    except FileNotFoundError:
        raise Http404
    nama = (
        f"sertifikat-{penghargaan.pegawai.nip}-{penghargaan.penilaian.kode_periode}-{penghargaan.penilaian.tahun}.pdf"
    )
    response = FileResponse(handle, as_attachment=True, filename=nama, content_type="application/pdf")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _nip_samar(nip: str) -> str:
    """Enough of the NIP to compare with the paper, not the birth date it starts with."""
    return "•" * (len(nip) - 4) + nip[-4:]


def _tanpa_indeks(response):
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def verifikasi(request):
    """Public: type the code printed on a certificate."""
    form = VerifikasiForm(request.GET or None)
    if request.GET and form.is_valid():
        kode = selectors.normalisasi_kode(form.cleaned_data["kode"]) or "-"
        return redirect("penilaian:verifikasi_kode", kode=kode)
    return _tanpa_indeks(render(request, "penilaian/verifikasi.html", {"form": form}))


@require_safe
def verifikasi_kode(request, kode: str):
    """Public: confirm a real certificate; any other code gets the same answer, whatever the reason."""
    penghargaan = selectors.penghargaan_dari_kode(kode)
    if penghargaan is None:
        response = render(
            request, "penilaian/verifikasi.html", {"form": VerifikasiForm(), "tidak_valid": True}, status=404
        )
        return _tanpa_indeks(response)
    return _tanpa_indeks(
        render(
            request,
            "penilaian/verifikasi.html",
            {
                "form": VerifikasiForm(),
                "penghargaan": penghargaan,
                "nip_samar": _nip_samar(penghargaan.pegawai.nip),
            },
        )
    )


# -- training ------------------------------------------------------------------------------------------------------


@login_required
@require_safe
def pelatihan_list(request):
    lingkup = get_lingkup(request.user)
    daftar_pelatihan = list(selectors.pelatihan_for_user(user=request.user).select_related("instansi")[:300])
    return render(
        request,
        "penilaian/pelatihan_list.html",
        {"pelatihan": daftar_pelatihan, "admin": bool(lingkup.admin_instansi) or lingkup.superuser},
    )


def _instansi_admin(request):
    """The instansi an Admin Instansi manages the catalogue of (`?instansi=` when they manage several)."""
    lingkup = get_lingkup(request.user)
    pilihan = sorted(lingkup.admin_instansi)
    raw = request.GET.get("instansi", "")
    if raw.isdigit() and int(raw) in lingkup.admin_instansi:
        pilihan = [int(raw)]
    if not pilihan:
        raise PermissionDenied
    return Instansi.objects.get(pk=pilihan[0])


@login_required
def pelatihan_tambah(request):
    instansi = _instansi_admin(request)
    form = PelatihanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            obj = services.pelatihan_simpan(actor=request.user, instansi=instansi, data=form.cleaned_data)
        except ValidationError as exc:
            _tambah_error(form, exc)
        else:
            messages.success(request, _("Pelatihan %(topik)s ditambahkan ke katalog.") % {"topik": obj.topik})
            return redirect("penilaian:pelatihan_detail", pk=obj.pk)
    return render(
        request,
        "penilaian/pelatihan_form.html",
        {"form": form, "instansi": instansi, "pelatihan": None},
        status=422 if form.errors else 200,
    )


@login_required
def pelatihan_ubah(request, pk: int):
    obj = selectors.pelatihan_get(user=request.user, pk=pk)
    if not get_lingkup(request.user).is_admin_instansi(obj.instansi_id):
        raise PermissionDenied
    awal = {nama: getattr(obj, nama) for nama in services.FIELD_PELATIHAN}
    form = PelatihanForm(request.POST or None, initial=awal)
    if request.method == "POST" and form.is_valid():
        try:
            services.pelatihan_simpan(actor=request.user, instansi=obj.instansi, data=form.cleaned_data, pelatihan=obj)
        except ValidationError as exc:
            _tambah_error(form, exc)
        else:
            messages.success(request, _("Pelatihan disimpan."))
            return redirect("penilaian:pelatihan_detail", pk=obj.pk)
    return render(
        request,
        "penilaian/pelatihan_form.html",
        {"form": form, "instansi": obj.instansi, "pelatihan": obj},
        status=422 if form.errors else 200,
    )


def _grafik(item: selectors.PerbandinganIndikator):
    label_kelompok = {
        KelompokTriwulan.SEBELUM: _("sebelum"),
        KelompokTriwulan.SELAMA: _("selama"),
        KelompokTriwulan.SESUDAH: _("sesudah"),
    }
    titik = [
        _("%(tw)s (%(kelompok)s): %(nilai)s")
        % {
            "tw": t.label,
            "kelompok": label_kelompok[t.kelompok],
            "nilai": f"{t.capaian:.2f}%".replace(".", ",") if t.capaian is not None else _("belum ada"),
        }
        for t in item.titik
    ]
    label = _("Capaian per triwulan %(kode)s: %(titik)s") % {"kode": item.indikator.kode, "titik": "; ".join(titik)}
    return sparkline_svg(
        [t.capaian for t in item.titik], width=160, height=40, reference=100, label=label, point_labels=titik
    )


def _dengan_grafik(perbandingan: list[selectors.PerbandinganPeserta]) -> list[selectors.PerbandinganPeserta]:
    for peserta in perbandingan:
        for item in peserta.indikator:
            item.grafik = _grafik(item)
    return perbandingan


@login_required
@require_safe
def pelatihan_detail(request, pk: int):
    """A training with its participants (those the user may see) and their achievement on the related indicators in
    the quarters before and after it."""
    obj = selectors.pelatihan_get(user=request.user, pk=pk)
    admin = get_lingkup(request.user).is_admin_instansi(obj.instansi_id)
    perbandingan = _dengan_grafik(
        selectors.perbandingan(selectors.peserta_for_user(user=request.user).filter(pelatihan=obj))
    )
    form = None
    if admin:
        form = PesertaTambahForm(
            pegawai_qs=Pegawai.objects.filter(opd__instansi=obj.instansi, aktif=True).select_related("opd"),
            rekomendasi_qs=RekomendasiPelatihan.objects.filter(
                instansi=obj.instansi, status=RekomendasiPelatihan.Status.DIREKOMENDASIKAN
            ).select_related("pegawai", "penilaian"),
        )
    return render(
        request,
        "penilaian/pelatihan_detail.html",
        {"pelatihan": obj, "perbandingan": perbandingan, "admin": admin, "form": form},
    )


@login_required
@require_POST
def peserta_tambah(request, pk: int):
    obj = selectors.pelatihan_get(user=request.user, pk=pk)
    if not get_lingkup(request.user).is_admin_instansi(obj.instansi_id):
        raise PermissionDenied
    form = PesertaTambahForm(
        request.POST,
        pegawai_qs=Pegawai.objects.filter(opd__instansi=obj.instansi, aktif=True).select_related("opd"),
        rekomendasi_qs=RekomendasiPelatihan.objects.filter(
            instansi=obj.instansi, status=RekomendasiPelatihan.Status.DIREKOMENDASIKAN
        ),
    )
    url = reverse("penilaian:pelatihan_detail", args=[obj.pk])
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(url)
    try:
        peserta = services.peserta_tambah(
            actor=request.user,
            pelatihan=obj,
            pegawai=form.cleaned_data["pegawai"],
            rekomendasi=form.cleaned_data.get("rekomendasi"),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(url)
    messages.success(request, _("%(nama)s didaftarkan sebagai peserta.") % {"nama": peserta.pegawai.nama_lengkap})
    return redirect("penilaian:peserta_detail", pk=peserta.pk)


def _indikator_peserta(peserta):
    tahun = peserta.pelatihan.tanggal_mulai.year
    return Indikator.objects.filter(
        pegawai=peserta.pegawai, jenis=Indikator.Jenis.IKI, tahun__in=[tahun - 1, tahun]
    ).order_by("-tahun", "kode")


@login_required
@require_safe
def peserta_detail(request, pk: int):
    """A participant's page: their attendance and the before/after figures of their related indicators."""
    peserta = selectors.peserta_get(user=request.user, pk=pk)
    perbandingan = _dengan_grafik(selectors.perbandingan(selectors.peserta_for_user(user=request.user).filter(pk=pk)))
    form = None
    if get_lingkup(request.user).is_admin_instansi(peserta.pelatihan.instansi_id):
        form = PesertaUbahForm(
            initial={"kehadiran": peserta.kehadiran, "indikator": list(peserta.indikator.values_list("pk", flat=True))},
            indikator_qs=_indikator_peserta(peserta),
        )
    return render(
        request,
        "penilaian/peserta_detail.html",
        {"peserta": peserta, "perbandingan": perbandingan[0] if perbandingan else None, "form": form},
    )


@login_required
@require_POST
def peserta_ubah(request, pk: int):
    peserta = selectors.peserta_get(user=request.user, pk=pk)
    if not get_lingkup(request.user).is_admin_instansi(peserta.pelatihan.instansi_id):
        raise PermissionDenied
    form = PesertaUbahForm(request.POST, indikator_qs=_indikator_peserta(peserta))
    if form.is_valid():
        services.peserta_ubah(
            actor=request.user,
            peserta=peserta,
            kehadiran=form.cleaned_data["kehadiran"],
            indikator_ids=[i.pk for i in form.cleaned_data["indikator"]],
        )
        messages.success(request, _("Kehadiran dan indikator terkait disimpan."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("penilaian:peserta_detail", pk=peserta.pk)


# -- work plans ----------------------------------------------------------------------------------------------------


@login_required
def rencana(request, pegawai_pk: int, tahun: int, triwulan: int):
    """The ASN's work plan for a triwulan beside the realisations of each indicator; the ASN drafts and submits it,
    the superior (or the OPD's Tim Evaluasi) approves or returns it."""
    _tahun_valid(tahun)
    if triwulan not in ROMAWI:
        raise Http404
    pegawai = selectors.pegawai_penilaian_get(user=request.user, pk=pegawai_pk)
    lingkup = get_lingkup(request.user)
    pemilik = lingkup.pegawai_id == pegawai.pk
    data = selectors_kinerja.kinerja_pegawai(pegawai=pegawai, tahun=tahun)
    obj = selectors.rencana_get(pegawai=pegawai, tahun=tahun, triwulan=triwulan)
    indikator = [item.indikator for item in data.indikator]
    dapat_diubah = pemilik and (obj is None or obj.dapat_diubah)
    form, status = None, 200
    if request.method == "POST":
        if not dapat_diubah:
            raise PermissionDenied
        form = RencanaKerjaForm(request.POST, indikator=indikator)
        if form.is_valid():
            ajukan = request.POST.get("aksi") == "ajukan"
            try:
                services.rencana_simpan(
                    actor=request.user,
                    pegawai=pegawai,
                    tahun=tahun,
                    triwulan=triwulan,
                    versi=form.cleaned_data["versi"],
                    aksi=form.aksi(),
                    ajukan=ajukan,
                )
            except services.Kedaluwarsa:
                form.add_error(None, _("Tidak disimpan: rencana ini sudah diubah di tempat lain. Muat ulang halaman."))
                status = 409
            except ValidationError as exc:
                _tambah_error(form, exc)
                status = 422
            else:
                messages.success(
                    request, _("Rencana kerja diajukan kepada atasan.") if ajukan else _("Draf rencana kerja disimpan.")
                )
                return redirect(request.path)
        else:
            status = 422
    elif dapat_diubah:
        awal = {"versi": obj.versi if obj else 0}
        if obj is not None:
            for a in obj.aksi_set.all():
                awal[f"aksi_{a.indikator_id}"] = a.aksi
                awal[f"jadwal_{a.indikator_id}"] = a.jadwal
        form = RencanaKerjaForm(initial=awal, indikator=indikator)
    aksi = {a.indikator_id: a for a in obj.aksi_set.all()} if obj else {}
    baris = []
    for item in data.indikator:
        baris.append(
            {
                "item": item,
                "tw": item.triwulan[triwulan - 1],
                "aksi": aksi.get(item.indikator.pk),
                "field_aksi": form[f"aksi_{item.indikator.pk}"] if form else None,
                "field_jadwal": form[f"jadwal_{item.indikator.pk}"] if form else None,
            }
        )
    boleh_putuskan = (
        obj is not None
        and obj.status in (RencanaKerja.Status.DIAJUKAN, RencanaKerja.Status.DISETUJUI)
        and selectors.boleh_menilai(lingkup, pegawai)
    )
    return render(
        request,
        "penilaian/rencana.html",
        {
            "pegawai": pegawai,
            "tahun": tahun,
            "triwulan": triwulan,
            "romawi": ROMAWI[triwulan],
            "navigasi": [(q, ROMAWI[q]) for q in ROMAWI],
            "rencana": obj,
            "baris": baris,
            "form": form,
            "pemilik": pemilik,
            "boleh_putuskan": boleh_putuskan,
            "form_putusan": RencanaPutusanForm(initial={"versi": obj.versi}) if boleh_putuskan else None,
        },
        status=status,
    )


@login_required
@require_POST
def rencana_putuskan(request, pk: int):
    obj = selectors.rencana_get_for_user(user=request.user, pk=pk)
    if not selectors.boleh_menilai(get_lingkup(request.user), obj.pegawai):
        raise PermissionDenied
    form = RencanaPutusanForm(request.POST)
    url = reverse("penilaian:rencana", args=[obj.pegawai_id, obj.tahun, obj.triwulan])
    if not form.is_valid():
        messages.error(request, _("Formulir tidak lengkap; muat ulang halaman."))
        return redirect(url)
    setuju = request.POST.get("aksi") == "setujui"
    try:
        services.rencana_putuskan(
            actor=request.user,
            rencana=obj,
            versi=form.cleaned_data["versi"],
            setuju=setuju,
            catatan=form.cleaned_data["catatan"],
        )
    except services.Kedaluwarsa:
        messages.error(request, _("Tidak disimpan: rencana ini sudah diubah. Periksa versi terbarunya."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Rencana kerja disetujui.") if setuju else _("Rencana kerja dikembalikan dengan catatan.")
        )
    return redirect(url)
