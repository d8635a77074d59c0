"""Calibration sessions: per OPD and period, one screen with the staff's draft ratings, the distribution of their
predikat against the organisation predikat's rules (domain.md rules 6 and 7), a reason per changed row; closed, the
session is read-only with every change recorded.

Each view: access (a scoped selector: out of scope is a 404; may read but not change is a 403) → form → one service
→ redirect with a message, or render.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from opd.lingkup import get_lingkup

from . import selectors, selectors_keberatan, services_keberatan
from .forms import BarisKalibrasiForm, SesiKalibrasiForm, TutupKalibrasiForm
from .views_opd import _teks_aturan

BarisFormSet = forms.formset_factory(BarisKalibrasiForm, extra=0)


def _form_sesi(request, data=None):
    return SesiKalibrasiForm(
        data,
        opd_qs=selectors_keberatan.opd_kalibrasi_for_user(user=request.user, ubah=True).order_by("nama"),
        initial={
            "tahun": selectors.periode_bawaan_hari_ini()[0],
            "periode": selectors.periode_bawaan_hari_ini()[1].kode,
        },
    )


@login_required
@require_safe
def kalibrasi_daftar(request):
    """The calibration sessions the user may read, and the form to open one for those who run them."""
    form = _form_sesi(request)
    return render(
        request,
        "penilaian/kalibrasi_daftar.html",
        {
            "sesi": selectors_keberatan.sesi_daftar(user=request.user),
            "form": form if form.fields["opd"].queryset.exists() else None,
        },
    )


@login_required
@require_POST
def kalibrasi_buka(request):
    form = _form_sesi(request, request.POST)
    if not form.fields["opd"].queryset.exists():
        raise PermissionDenied
    if not form.is_valid():
        return render(
            request,
            "penilaian/kalibrasi_daftar.html",
            {"sesi": selectors_keberatan.sesi_daftar(user=request.user), "form": form},
            status=422,
        )
    periode = selectors.PeriodePenilaian.dari_kode(form.cleaned_data["periode"])
    sesi = services_keberatan.sesi_kalibrasi_buka(
        actor=request.user, opd=form.cleaned_data["opd"], tahun=form.cleaned_data["tahun"], periode=periode
    )
    return redirect("penilaian:kalibrasi_sesi", pk=sesi.pk)


def _baris(data, formset=None):
    """Pair each staff row with its form (editable rows only, in the formset's order)."""
    forms_by_id = {}
    if formset is not None:
        for f in formset.forms:
            # A row posted beyond those shown has no evaluation of its own: it is not drawn.
            if f.initial.get("penilaian") is not None:
                forms_by_id[int(f.initial["penilaian"])] = f
    rows = []
    for b in data.ringkasan.baris:
        p = b.penilaian
        rows.append({"pegawai": b.pegawai, "penilaian": p, "form": forms_by_id.get(p.pk) if p else None})
    return rows


def _initial(data) -> list[dict]:
    return [
        {"penilaian": b.penilaian.pk, "hasil_kerja": b.penilaian.hasil_kerja, "perilaku": b.penilaian.perilaku}
        for b in data.ringkasan.baris
        if selectors_keberatan.dapat_dikalibrasi(b.penilaian)
    ]


def _render_sesi(request, sesi, data, formset, status=200):
    boleh = sesi.terbuka and selectors_keberatan.boleh_kalibrasi(get_lingkup(request.user), sesi.opd)
    return render(
        request,
        "penilaian/kalibrasi_sesi.html",
        {
            "sesi": sesi,
            "data": data,
            "formset": formset if boleh else None,
            "rows": _baris(data, formset if boleh else None),
            "pemeriksaan": [(h, _teks_aturan(h)) for h in data.pemeriksaan],
            "tutup_form": TutupKalibrasiForm() if boleh else None,
            "boleh": boleh,
        },
        status=status,
    )


@login_required
def kalibrasi_sesi(request, pk: int):
    """One screen: the staff's ratings of the period (a formset of the draft ones), the distribution against the
    organisation predikat's rules, and the changes recorded so far."""
    sesi = selectors_keberatan.sesi_get(user=request.user, pk=pk)
    data = selectors_keberatan.data_sesi(sesi=sesi)
    if request.method == "POST":
        if not selectors_keberatan.boleh_kalibrasi(get_lingkup(request.user), sesi.opd):
            raise PermissionDenied
        if not sesi.terbuka:
            messages.error(request, _("Sesi kalibrasi sudah ditutup dan tidak dapat diubah."))
            return redirect("penilaian:kalibrasi_sesi", pk=sesi.pk)
        awal = _initial(data)
        formset = BarisFormSet(request.POST, initial=awal)
        if formset.is_valid() and (
            formset.total_form_count() != len(awal)
            or any(f.cleaned_data["penilaian"] != f.initial.get("penilaian") for f in formset.forms)
        ):
            # The rows changed since the screen was loaded (an evaluation was finalised meanwhile).
            messages.error(request, _("Daftar penilaian berubah sejak halaman dimuat. Periksa lagi lalu simpan."))
            return redirect("penilaian:kalibrasi_sesi", pk=sesi.pk)
        if formset.is_valid():
            baris = [
                services_keberatan.UbahRating(
                    penilaian_id=f.initial["penilaian"],
                    hasil_kerja=f.cleaned_data["hasil_kerja"],
                    perilaku=f.cleaned_data["perilaku"],
                    alasan=f.cleaned_data["alasan"],
                )
                for f in formset.forms
            ]
            try:
                hasil = services_keberatan.kalibrasi_simpan(actor=request.user, sesi=sesi, baris=baris)
            except ValidationError as exc:
                galat = (exc.params or {}).get("baris", {}) if hasattr(exc, "params") else {}
                for f in formset.forms:
                    for field, errors in galat.get(f.initial["penilaian"], {}).items():
                        for e in errors:
                            f.add_error(field, e)
                if not galat:
                    messages.error(request, " ".join(exc.messages))
            else:
                messages.success(
                    request,
                    _("%(n)s perubahan rating disimpan dan dicatat bersama alasannya.") % {"n": len(hasil)},
                )
                return redirect("penilaian:kalibrasi_sesi", pk=sesi.pk)
        messages.error(request, _("Perubahan belum disimpan: periksa baris yang ditandai."))
        return _render_sesi(request, sesi, data, formset, status=422)
    return _render_sesi(request, sesi, data, BarisFormSet(initial=_initial(data)))


@login_required
@require_POST
def kalibrasi_tutup(request, pk: int):
    sesi = selectors_keberatan.sesi_get(user=request.user, pk=pk)
    form = TutupKalibrasiForm(request.POST)
    form.is_valid()
    try:
        services_keberatan.sesi_kalibrasi_tutup(
            actor=request.user, sesi=sesi, catatan=form.cleaned_data.get("catatan", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Sesi kalibrasi ditutup. Semua perubahan tercatat; sesi kini hanya dapat dibaca."))
    return redirect("penilaian:kalibrasi_sesi", pk=sesi.pk)
