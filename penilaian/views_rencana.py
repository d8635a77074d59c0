"""Work plans: the ASN's plan for a triwulan beside the realisations of each indicator, drafted and submitted by the
ASN, approved or returned by the superior (or the OPD's Tim Evaluasi).

Each view: access (a scoped selector: out of scope is a 404; may read but not change is a 403) → form → one service
→ redirect with a message, or render.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from evaluasi import selectors_kinerja
from indikator.models import ROMAWI
from opd.lingkup import get_lingkup

from . import selectors, selectors_rencana, services, services_rencana
from .forms import RencanaKerjaForm, RencanaPutusanForm
from .models import RencanaKerja
from .views import _tahun_valid, _tambah_error


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
    obj = selectors_rencana.rencana_get(pegawai=pegawai, tahun=tahun, triwulan=triwulan)
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
                services_rencana.rencana_simpan(
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
    obj = selectors_rencana.rencana_get_for_user(user=request.user, pk=pk)
    if not selectors.boleh_menilai(get_lingkup(request.user), obj.pegawai):
        raise PermissionDenied
    form = RencanaPutusanForm(request.POST)
    url = reverse("penilaian:rencana", args=[obj.pegawai_id, obj.tahun, obj.triwulan])
    if not form.is_valid():
        messages.error(request, _("Formulir tidak lengkap; muat ulang halaman."))
        return redirect(url)
    setuju = request.POST.get("aksi") == "setujui"
    try:
        services_rencana.rencana_putuskan(
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
