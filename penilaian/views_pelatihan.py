"""The training catalogue, its participants and their achievement on the related indicators before and after a
training.

Each view: access (a scoped selector: out of scope is a 404; may read but not change is a 403) → form → one service
→ redirect with a message, or render.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from evaluasi.charts import sparkline_svg
from indikator.models import Indikator
from opd.lingkup import get_lingkup
from opd.masukan import angka
from opd.models import Instansi, Pegawai

from . import selectors_pelatihan, services_pelatihan
from .aturan import KelompokTriwulan
from .forms import PelatihanForm, PesertaTambahForm, PesertaUbahForm
from .models import RekomendasiPelatihan
from .views import _tambah_error


@login_required
@require_safe
def pelatihan_list(request):
    lingkup = get_lingkup(request.user)
    daftar_pelatihan = list(selectors_pelatihan.pelatihan_for_user(user=request.user).select_related("instansi")[:300])
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
    if angka(raw) in lingkup.admin_instansi:
        pilihan = [angka(raw)]
    if not pilihan:
        raise PermissionDenied
    return Instansi.objects.get(pk=pilihan[0])


@login_required
def pelatihan_tambah(request):
    instansi = _instansi_admin(request)
    form = PelatihanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            obj = services_pelatihan.pelatihan_simpan(actor=request.user, instansi=instansi, data=form.cleaned_data)
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
    obj = selectors_pelatihan.pelatihan_get(user=request.user, pk=pk)
    if not get_lingkup(request.user).is_admin_instansi(obj.instansi_id):
        raise PermissionDenied
    awal = {nama: getattr(obj, nama) for nama in services_pelatihan.FIELD_PELATIHAN}
    form = PelatihanForm(request.POST or None, initial=awal)
    if request.method == "POST" and form.is_valid():
        try:
            services_pelatihan.pelatihan_simpan(
                actor=request.user, instansi=obj.instansi, data=form.cleaned_data, pelatihan=obj
            )
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


def _grafik(item: selectors_pelatihan.PerbandinganIndikator):
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


def _dengan_grafik(
    perbandingan: list[selectors_pelatihan.PerbandinganPeserta],
) -> list[selectors_pelatihan.PerbandinganPeserta]:
    for peserta in perbandingan:
        for item in peserta.indikator:
            item.grafik = _grafik(item)
    return perbandingan


@login_required
@require_safe
def pelatihan_detail(request, pk: int):
    """A training with its participants (those the user may see) and their achievement on the related indicators in
    the quarters before and after it."""
    obj = selectors_pelatihan.pelatihan_get(user=request.user, pk=pk)
    admin = get_lingkup(request.user).is_admin_instansi(obj.instansi_id)
    perbandingan = _dengan_grafik(
        selectors_pelatihan.perbandingan(selectors_pelatihan.peserta_for_user(user=request.user).filter(pelatihan=obj))
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
    obj = selectors_pelatihan.pelatihan_get(user=request.user, pk=pk)
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
        peserta = services_pelatihan.peserta_tambah(
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
    peserta = selectors_pelatihan.peserta_get(user=request.user, pk=pk)
    perbandingan = _dengan_grafik(
        selectors_pelatihan.perbandingan(selectors_pelatihan.peserta_for_user(user=request.user).filter(pk=pk))
    )
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
    peserta = selectors_pelatihan.peserta_get(user=request.user, pk=pk)
    if not get_lingkup(request.user).is_admin_instansi(peserta.pelatihan.instansi_id):
        raise PermissionDenied
    form = PesertaUbahForm(request.POST, indikator_qs=_indikator_peserta(peserta))
    if form.is_valid():
        services_pelatihan.peserta_ubah(
            actor=request.user,
            peserta=peserta,
            kehadiran=form.cleaned_data["kehadiran"],
            indikator_ids=[i.pk for i in form.cleaned_data["indikator"]],
        )
        messages.success(request, _("Kehadiran dan indikator terkait disimpan."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("penilaian:peserta_detail", pk=peserta.pk)
