"""Objections to a final predikat (keberatan): the ASN files one from their evaluation or "Kinerja saya"; the
evaluator's superior, the OPD's Pimpinan or the Admin Instansi decides it.

Each view: access (a scoped selector: out of scope is a 404; may read but not change is a 403) → form → one service
→ redirect with a message, or render.
"""

from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from opd.lingkup import get_lingkup

from . import selectors, selectors_keberatan, services_keberatan
from .forms import KeberatanForm, KeberatanPutusanForm
from .views import _tambah_error


@login_required
@require_safe
def keberatan_daftar(request):
    """Objections the user must decide, their own, and the latest they may read."""
    return render(
        request,
        "penilaian/keberatan_daftar.html",
        {
            "menunggu": selectors_keberatan.keberatan_menunggu(user=request.user),
            "saya": selectors_keberatan.keberatan_saya(user=request.user),
            "terbaca": selectors_keberatan.keberatan_terbaca(user=request.user),
        },
    )


@login_required
def keberatan_ajukan(request, penilaian_pk: int):
    """The ASN objects to the predikat of their own final evaluation while the window is open."""
    penilaian = selectors.penilaian_get(user=request.user, pk=penilaian_pk)
    if get_lingkup(request.user).pegawai_id != penilaian.pegawai_id:
        raise PermissionDenied
    jendela = selectors_keberatan.jendela_keberatan(penilaian=penilaian)
    form = KeberatanForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                keberatan = services_keberatan.keberatan_ajukan(
                    actor=request.user,
                    penilaian=penilaian,
                    alasan=form.cleaned_data["alasan"],
                    bukti=form.cleaned_data.get("bukti"),
                )
            except ValidationError as exc:
                _tambah_error(form, exc)
            else:
                messages.success(request, _("Keberatan Anda diajukan. Anda akan melihat keputusannya di sini."))
                return redirect("penilaian:keberatan_detail", pk=keberatan.pk)
        status = 422
    return render(
        request,
        "penilaian/keberatan_ajukan.html",
        {"penilaian": penilaian, "jendela": jendela, "form": form},
        status=status,
    )


def _render_detail(request, keberatan, form, status=200):
    lingkup = get_lingkup(request.user)
    boleh = keberatan.terbuka and selectors_keberatan.boleh_putuskan(lingkup, keberatan)
    return render(
        request,
        "penilaian/keberatan_detail.html",
        {
            "keberatan": keberatan,
            "penilaian": keberatan.penilaian,
            "form": form if boleh else None,
            "riwayat": list(keberatan.history.select_related("history_user").order_by("history_date", "history_id")),
        },
        status=status,
    )


@login_required
@require_safe
def keberatan_detail(request, pk: int):
    """The objection, the predikat before and after, the decision, and its history; the decision form for whoever
    decides while it is open."""
    keberatan = selectors_keberatan.keberatan_get(user=request.user, pk=pk)
    return _render_detail(request, keberatan, KeberatanPutusanForm())


@login_required
@require_POST
def keberatan_putuskan(request, pk: int):
    keberatan = selectors_keberatan.keberatan_get(user=request.user, pk=pk)
    if not selectors_keberatan.boleh_putuskan(get_lingkup(request.user), keberatan):
        raise PermissionDenied
    form = KeberatanPutusanForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            hasil = services_keberatan.keberatan_putuskan(
                actor=request.user,
                keberatan=keberatan,
                kabulkan=data["keputusan"] == "kabulkan",
                alasan=data["alasan_keputusan"],
                hasil_kerja=data["hasil_kerja"],
                perilaku=data["perilaku"],
            )
        except ValidationError as exc:
            _tambah_error(form, exc)
        else:
            messages.success(
                request,
                _("Keberatan diputuskan: %(status)s. Predikat: %(predikat)s.")
                % {"status": hasil.get_status_display(), "predikat": hasil.get_predikat_sesudah_display()},
            )
            return redirect(reverse("penilaian:keberatan_detail", args=[keberatan.pk]))
    return _render_detail(request, keberatan, form, status=422)


JENIS_KONTEN = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
}


@login_required
@require_safe
def keberatan_bukti(request, pk: int):
    """The objection's evidence file, to whoever may read the objection."""
    keberatan = selectors_keberatan.keberatan_get(user=request.user, pk=pk)
    if not keberatan.bukti:
        raise Http404
    try:
        handle = keberatan.bukti.open("rb")
    except FileNotFoundError:
        raise Http404
    akhiran = PurePosixPath(keberatan.bukti.name).suffix.lower()
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"bukti-keberatan-{keberatan.pk}{akhiran}",
        content_type=JENIS_KONTEN.get(akhiran, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
