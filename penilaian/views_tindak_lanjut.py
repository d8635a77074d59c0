"""The follow-up of final evaluations: reward and training recommendations, the Admin Instansi's decision on a
reward, the certificate PDF, and the public check of a certificate's code.

Each view: access (a scoped selector: out of scope is a 404; may read but not change is a 403) → form → one service
→ redirect with a message, or render.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from opd.lingkup import get_lingkup

from . import selectors_tindak_lanjut, services_tindak_lanjut
from .forms import PenghargaanPutusanForm, VerifikasiForm
from .models import Penghargaan


@login_required
@require_safe
def tindak_lanjut(request):
    """Reward and training recommendations the user may see; the Admin Instansi decides the rewards here."""
    lingkup = get_lingkup(request.user)
    penghargaan = list(
        selectors_tindak_lanjut.penghargaan_for_user(user=request.user).order_by("status", "-dibuat_pada", "-pk")[:200]
    )
    rekomendasi = list(
        selectors_tindak_lanjut.rekomendasi_pelatihan_for_user(user=request.user).order_by("status", "-dibuat_pada")[
            :200
        ]
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
    penghargaan = selectors_tindak_lanjut.penghargaan_get(user=request.user, pk=pk)
    if not get_lingkup(request.user).is_admin_instansi(penghargaan.instansi_id):
        raise PermissionDenied
    form = PenghargaanPutusanForm(request.POST)
    if form.is_valid():
        try:
            hasil = services_tindak_lanjut.penghargaan_putuskan(
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
    penghargaan = selectors_tindak_lanjut.penghargaan_get(user=request.user, pk=pk)
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


@login_not_required
@require_safe
def verifikasi(request):
    """Public: type the code printed on a certificate."""
    form = VerifikasiForm(request.GET or None)
    if request.GET and form.is_valid():
        kode = selectors_tindak_lanjut.normalisasi_kode(form.cleaned_data["kode"]) or "-"
        return redirect("penilaian:verifikasi_kode", kode=kode)
    return _tanpa_indeks(render(request, "penilaian/verifikasi.html", {"form": form}))


@login_not_required
@require_safe
def verifikasi_kode(request, kode: str):
    """Public: confirm a real certificate, staff evaluation document or organisation predikat determination; any
    other code gets the same answer, whatever the reason."""
    dokumen = selectors_tindak_lanjut.dokumen_dari_kode(kode)
    if dokumen is None:
        response = render(
            request, "penilaian/verifikasi.html", {"form": VerifikasiForm(), "tidak_valid": True}, status=404
        )
        return _tanpa_indeks(response)
    pegawai = getattr(dokumen.objek, "pegawai", None)
    return _tanpa_indeks(
        render(
            request,
            "penilaian/verifikasi.html",
            {
                "form": VerifikasiForm(),
                "dokumen": dokumen,
                dokumen.jenis: dokumen.objek,
                "nip_samar": _nip_samar(pegawai.nip) if pegawai else "",
            },
        )
    )
