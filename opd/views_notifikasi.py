"""Notifications in the application: the bell's count, the list, marking read, the preferences, and the signed
unsubscribe link of the emails (which works without signing in)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from . import notifikasi
from .models_notifikasi import JenisNotifikasi, PreferensiNotifikasi

PER_PAGE = 25


@login_required
@require_safe
def jumlah(request):
    """The bell's unread count, loaded by the navigation after the page (one query, on its own request)."""
    return render(
        request, "opd/_notifikasi_lonceng.html", {"jumlah": notifikasi.jumlah_belum_dibaca(user=request.user)}
    )


@login_required
@require_safe
def daftar(request):
    page = Paginator(notifikasi.notifikasi_for_user(user=request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "opd/notifikasi.html", {"page_obj": page})


@login_required
@require_POST
def baca(request, pk: int):
    """Mark one read and follow its link (a link inside this site only)."""
    obj = notifikasi.notifikasi_for_user(user=request.user).filter(pk=pk).first()
    if obj is None:
        raise Http404
    notifikasi.tandai_dibaca(user=request.user, pk=pk)
    if obj.tautan and url_has_allowed_host_and_scheme(obj.tautan, allowed_hosts={request.get_host()}):
        return redirect(obj.tautan)
    return redirect("opd:notifikasi")


@login_required
@require_POST
def baca_semua(request):
    n = notifikasi.tandai_dibaca(user=request.user)
    messages.success(request, _("%(n)s pemberitahuan ditandai sudah dibaca.") % {"n": n})
    return redirect("opd:notifikasi")


class PreferensiForm(forms.Form):
    def __init__(self, *args, awal: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for jenis in JenisNotifikasi:
            self.fields[jenis.value] = forms.ChoiceField(
                label=jenis.label,
                choices=PreferensiNotifikasi.Saluran.choices,
                initial=awal[jenis.value],
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": gettext_lazy("Pilih salah satu pilihan yang tersedia.")},
            )


@login_required
def preferensi(request):
    awal = notifikasi.preferensi_for_user(user=request.user)
    form = PreferensiForm(request.POST or None, awal=awal)
    if request.method == "POST" and form.is_valid():
        notifikasi.preferensi_simpan(user=request.user, pilihan=form.cleaned_data)
        messages.success(request, _("Pilihan pemberitahuan disimpan."))
        return redirect("opd:notifikasi_preferensi")
    return render(request, "opd/notifikasi_preferensi.html", {"form": form})


@login_not_required
def berhenti(request, token: str):
    """Stop the emails of one kind from the link of a digest: no sign-in needed, the signed token names the user and
    the kind. A GET only asks (mail scanners open links); the button's POST applies it."""
    data = notifikasi.baca_token_berhenti(token)
    if data is None:
        raise Http404
    user_id, jenis = data
    label = JenisNotifikasi(jenis).label
    if request.method == "POST":
        notifikasi.berhenti_email(user_id=user_id, jenis=jenis)
        return render(request, "opd/notifikasi_berhenti.html", {"label": label, "selesai": True})
    return render(request, "opd/notifikasi_berhenti.html", {"label": label, "selesai": False})
