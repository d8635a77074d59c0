"""Pages for staff: the complaint list and handling. Each view checks access, validates a form, calls one service,
then redirects or renders."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from opd import selectors as opd_selectors
from opd.lingkup import get_lingkup

from . import akses, selectors, services
from .forms import (
    AlasanForm,
    CatatanForm,
    DisposisiForm,
    FilterForm,
    JawabanForm,
    PrivasiForm,
    TanggapanForm,
    VerifikasiForm,
)
from .models import Lampiran, Pengaduan
from .services import S
from .views_publik import _unduh

PER_PAGE = 25


# -- complaints ------------------------------------------------------------------------------------------------------


@login_required
def daftar(request):
    if not selectors.boleh_membuka_daftar(request.user):
        raise Http404
    qs = selectors.pengaduan_for_user(user=request.user)
    opd_qs = opd_selectors.opd_for_user(user=request.user).order_by("nama")
    form = FilterForm(request.GET or None, opd_qs=opd_qs)
    filter_data = form.cleaned_data if form.is_valid() else {}
    hasil = selectors.pengaduan_filter(
        qs,
        q=filter_data.get("q", ""),
        status=filter_data.get("status", ""),
        opd=filter_data.get("opd"),
        terlambat=filter_data.get("terlambat", False),
    )
    page = Paginator(hasil, PER_PAGE).get_page(request.GET.get("page"))
    hari_ini = selectors.hari_ini_zona()
    for p in page.object_list:
        tenggat = p.tenggat_aktif
        p.terlambat = tenggat is not None and tenggat < hari_ini[p.instansi.zona_waktu]
    return render(
        request,
        "pengaduan/daftar.html",
        {"page_obj": page, "form": form, "ringkasan": selectors.ringkasan_status(qs), "status_choices": S},
    )


@dataclass
class Aksi:
    nama: str
    label: str
    form_class: type
    oleh: str  # "petugas" or "opd"
    status: tuple
    tombol: str = "btn-primary"
    konfirmasi: str = ""


AKSI = [
    Aksi("verifikasi", gettext_lazy("Verifikasi"), VerifikasiForm, "petugas", (S.DITERIMA,)),
    Aksi(
        "disposisi", gettext_lazy("Disposisikan ke OPD"), DisposisiForm, "petugas", (S.DIVERIFIKASI, S.DIDISPOSISIKAN)
    ),
    Aksi(
        "tanggapi",
        gettext_lazy("Tanggapi"),
        TanggapanForm,
        "opd",
        (S.DIDISPOSISIKAN, S.DITINDAKLANJUTI, S.DIBUKA_KEMBALI),
    ),
    Aksi(
        "selesai",
        gettext_lazy("Jawab dan selesaikan"),
        JawabanForm,
        "opd",
        (S.DIDISPOSISIKAN, S.DITINDAKLANJUTI, S.DIBUKA_KEMBALI),
        "btn-success",
    ),
    Aksi(
        "kembalikan",
        gettext_lazy("Kembalikan: bukan wewenang OPD ini"),
        AlasanForm,
        "opd",
        (S.DIDISPOSISIKAN,),
        "btn-outline-secondary",
    ),
    Aksi("tunda", gettext_lazy("Tunda"), AlasanForm, "petugas", services.BISA_DITUNDA, "btn-outline-warning"),
    Aksi("lanjutkan", gettext_lazy("Lanjutkan"), CatatanForm, "petugas", (S.DITUNDA,)),
    Aksi(
        "tolak",
        gettext_lazy("Tolak"),
        AlasanForm,
        "petugas",
        (S.DITERIMA, S.DIVERIFIKASI),
        "btn-outline-danger",
        gettext_lazy("Tolak pengaduan ini?"),
    ),
    Aksi(
        "bukan_wewenang",
        gettext_lazy("Bukan wewenang pemda"),
        AlasanForm,
        "petugas",
        (S.DITERIMA, S.DIVERIFIKASI),
        "btn-outline-danger",
        gettext_lazy("Nyatakan pengaduan ini bukan wewenang pemda?"),
    ),
    Aksi(
        "privasi",
        gettext_lazy("Atur kerahasiaan"),
        PrivasiForm,
        "petugas",
        (S.DIVERIFIKASI, S.DIDISPOSISIKAN, S.DITINDAKLANJUTI, S.DITUNDA, S.SELESAI),
        "btn-outline-secondary",
    ),
]
AKSI_MAP = {a.nama: a for a in AKSI}


def _boleh(aksi: Aksi, lingkup, pengaduan: Pengaduan) -> bool:
    if aksi.oleh == "petugas":
        return akses.petugas(lingkup, pengaduan.instansi_id)
    return akses.tim_opd(lingkup, pengaduan.opd_id)


def _form(aksi: Aksi, pengaduan: Pengaduan, data=None):
    kwargs = {"pengaduan": pengaduan} if aksi.form_class in (VerifikasiForm, DisposisiForm) else {}
    initial = {"versi": pengaduan.versi}
    if aksi.nama == "privasi":
        initial.update(anonim=pengaduan.anonim, rahasia=pengaduan.rahasia)
    if aksi.nama == "verifikasi":
        initial.update(anonim=pengaduan.anonim, rahasia=pengaduan.rahasia)
        if pengaduan.pegawai_terlapor_id:
            initial["nip_terlapor"] = pengaduan.pegawai_terlapor.nip
    form = aksi.form_class(data, initial=initial, prefix=aksi.nama, **kwargs)
    return form


def _jalankan(aksi: Aksi, actor, pengaduan: Pengaduan, data: dict) -> None:
    """One service call per action."""
    kunci = {"actor": actor, "pengaduan": pengaduan, "versi": data["versi"]}
    if aksi.nama == "verifikasi":
        services.pengaduan_verify(
            **kunci,
            catatan=data["catatan"],
            anonim=data["anonim"],
            rahasia=data["rahasia"],
            pegawai_terlapor=data["nip_terlapor"],
        )
    elif aksi.nama == "disposisi":
        services.pengaduan_route(**kunci, opd=data["opd"], catatan=data["catatan"])
    elif aksi.nama == "tanggapi":
        services.pengaduan_respond(**kunci, tanggapan=data["tanggapan"])
    elif aksi.nama == "selesai":
        services.pengaduan_answer(**kunci, jawaban=data["jawaban"])
    elif aksi.nama == "kembalikan":
        services.pengaduan_return(**kunci, alasan=data["alasan"])
    elif aksi.nama == "tunda":
        services.pengaduan_hold(**kunci, alasan=data["alasan"])
    elif aksi.nama == "lanjutkan":
        services.pengaduan_resume(**kunci, catatan=data["catatan"])
    elif aksi.nama == "tolak":
        services.pengaduan_reject(**kunci, alasan=data["alasan"])
    elif aksi.nama == "bukan_wewenang":
        services.pengaduan_not_authority(**kunci, alasan=data["alasan"])
    elif aksi.nama == "privasi":
        services.pengaduan_set_privacy(**kunci, anonim=data["anonim"], rahasia=data["rahasia"])
    else:  # pragma: no cover
        raise Http404


def _konteks_detail(request, pengaduan: Pengaduan, *, form_gagal=None) -> dict:
    lingkup = get_lingkup(request.user)
    aksi_list = []
    for aksi in AKSI:
        if pengaduan.status in aksi.status and _boleh(aksi, lingkup, pengaduan):
            if form_gagal is not None and form_gagal.prefix == aksi.nama:
                form = form_gagal
            else:
                form = _form(aksi, pengaduan)
            aksi_list.append((aksi, form))
    hari_ini = selectors.hari_ini_zona()[pengaduan.instansi.zona_waktu]
    tenggat = pengaduan.tenggat_aktif
    return {
        "pengaduan": pengaduan,
        "lihat_pelapor": akses.boleh_lihat_pelapor(lingkup, pengaduan),
        "riwayat": selectors.riwayat(pengaduan),
        "lampiran": list(pengaduan.lampiran_set.all()),
        "jeda": list(pengaduan.jeda_set.all()),
        "aksi_list": aksi_list,
        "terlambat": tenggat is not None and tenggat < hari_ini,
        "hari_ini": hari_ini,
        "zona": pengaduan.instansi.zona_waktu,
    }


@login_required
def detail(request, pk: int):
    pengaduan = selectors.pengaduan_get_for_user(user=request.user, pk=pk)
    return render(request, "pengaduan/detail.html", _konteks_detail(request, pengaduan))


@login_required
@require_POST
def aksi(request, pk: int):
    pengaduan = selectors.pengaduan_get_for_user(user=request.user, pk=pk)
    aksi_ = AKSI_MAP.get(request.POST.get("aksi", ""))
    if aksi_ is None:
        raise Http404
    if not _boleh(aksi_, get_lingkup(request.user), pengaduan):
        raise PermissionDenied
    form = _form(aksi_, pengaduan, request.POST)
    if form.is_valid():
        try:
            _jalankan(aksi_, request.user, pengaduan, form.cleaned_data)
        except services.KonflikVersi as exc:
            messages.error(request, str(exc))
            return redirect("pengaduan:detail", pk=pk)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("%(aksi)s: tersimpan.") % {"aksi": aksi_.label})
            return redirect("pengaduan:detail", pk=pk)
    pengaduan.refresh_from_db()
    return render(request, "pengaduan/detail.html", _konteks_detail(request, pengaduan, form_gagal=form), status=422)


@login_required
def lampiran(request, pk: int, lampiran_pk: int):
    pengaduan = selectors.pengaduan_get_for_user(user=request.user, pk=pk)
    berkas = get_object_or_404(Lampiran, pk=lampiran_pk, pengaduan=pengaduan)
    if akses.boleh_lihat_pelapor(get_lingkup(request.user), pengaduan):
        nama = berkas.nama_asli
    else:
        # The file's own name may carry the reporter's name ("KTP_Budi.jpg").
        nama = f"lampiran-{berkas.pk}.{berkas.berkas.name.rsplit('.', 1)[-1]}"
    return _unduh(berkas, nama)
