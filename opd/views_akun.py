"""The account's security page (the second factor: set up, recovery codes, turn off) and the second sign-in step."""

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import dua_langkah
from .dua_langkah import Hasil
from .forms import KodeDuaLangkahForm

# The recovery codes just made, kept in the session until the security page has shown them once.
KODE_BARU = "kinerja_kode_pemulihan_baru"


def _pesan_tunggu() -> str:
    return _("Terlalu banyak kode salah. Tunggu beberapa detik, lalu coba lagi.")


def _tujuan(request) -> str:
    tujuan = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME) or ""
    aman = url_has_allowed_host_and_scheme(
        tujuan, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    # Only a path of this site: redirect() would take any other word for the name of a URL pattern.
    return tujuan if aman and tujuan.startswith("/") else settings.LOGIN_REDIRECT_URL


def _konteks_keamanan(request, **extra) -> dict:
    user = request.user
    aktif = dua_langkah.aktif(user)
    return {
        "aktif": aktif,
        "wajib": dua_langkah.wajib(user),
        "sisa_kode": dua_langkah.sisa_kode_pemulihan(user) if aktif else 0,
        "kode_baru": request.session.pop(KODE_BARU, None),
        "form_matikan": KodeDuaLangkahForm(auto_id="matikan_%s"),
        **extra,
    }


@login_required
def keamanan(request):
    """Whether the second factor is on, the recovery codes just made (shown once), and the ways to change it."""
    return render(request, "opd/akun_keamanan.html", _konteks_keamanan(request))


@login_required
def pasang(request):
    """Set up an authenticator: scan the QR code (or type the key), then confirm with the first code."""
    user = request.user
    perangkat = dua_langkah.perangkat_baru(user=user)
    form = KodeDuaLangkahForm(request.POST or None, pemulihan=False)
    if request.method == "POST" and form.is_valid():
        hasil, kode = dua_langkah.dua_langkah_aktifkan(user=user, perangkat=perangkat, kode=form.cleaned_data["kode"])
        if hasil is Hasil.BENAR:
            dua_langkah.tandai(request, dua_langkah.OK)
            request.session.cycle_key()
            request.session[KODE_BARU] = kode
            messages.success(request, _("Verifikasi dua langkah aktif."))
            return redirect("opd:akun_keamanan")
        form.add_error(
            "kode",
            _pesan_tunggu()
            if hasil is Hasil.TUNGGU
            else _("Kode tidak cocok. Periksa jam ponsel Anda dan masukkan kode yang sedang tampil."),
        )
    return render(
        request,
        "opd/dua_langkah_pasang.html",
        {
            "form": form,
            "qr": dua_langkah.qr_data_uri(perangkat),
            "kunci": dua_langkah.kunci_teks(perangkat),
            "wajib": dua_langkah.status(request) == dua_langkah.PASANG,
        },
    )


@require_POST
@login_required
def kode_pemulihan(request):
    """Ten new recovery codes (the old ones stop working), shown once on the security page."""
    kode = dua_langkah.kode_pemulihan_buat_ulang(user=request.user)
    if kode:
        request.session[KODE_BARU] = kode
        messages.success(request, _("Kode pemulihan baru dibuat; kode lama tidak berlaku lagi."))
    return redirect("opd:akun_keamanan")


@require_POST
@login_required
def matikan(request):
    """Turn the second factor off, with a current code. Where it is required, a new authenticator is asked for at
    once."""
    user = request.user
    form = KodeDuaLangkahForm(request.POST, auto_id="matikan_%s")
    if form.is_valid():
        hasil = dua_langkah.dua_langkah_matikan(user=user, kode=form.cleaned_data["kode"])
        if hasil in (Hasil.BENAR, Hasil.PEMULIHAN):
            if dua_langkah.wajib(user):
                dua_langkah.tandai(request, dua_langkah.PASANG)
                messages.warning(request, _("Verifikasi dua langkah wajib untuk peran Anda: pasang aplikasi baru."))
                return redirect("opd:dua_langkah_pasang")
            messages.success(request, _("Verifikasi dua langkah dimatikan."))
            return redirect("opd:akun_keamanan")
        form.add_error("kode", _pesan_tunggu() if hasil is Hasil.TUNGGU else _("Kode tidak cocok."))
    return render(request, "opd/akun_keamanan.html", _konteks_keamanan(request, form_matikan=form))


@login_required
def verifikasi(request):
    """The second sign-in step: the code from the authenticator app, or a recovery code. A wrong code counts as a
    failed sign-in (the lockout of django-axes, the audit log)."""
    if dua_langkah.status(request) != dua_langkah.VERIFIKASI:
        return redirect(_tujuan(request))
    user = request.user
    form = KodeDuaLangkahForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        kredensial = {"username": user.get_username(), "dua_langkah": True}
        if not AxesProxyHandler.is_allowed(request, kredensial):
            # Locked out by failures from this address: the session ends, and django-axes answers with its page.
            request.axes_locked_out = True
            request.axes_credentials = kredensial
            logout(request)
            return redirect("login")
        hasil = dua_langkah.dua_langkah_periksa(user=user, kode=form.cleaned_data["kode"])
        if hasil in (Hasil.BENAR, Hasil.PEMULIHAN):
            tujuan = _tujuan(request)
            dua_langkah.tandai(request, dua_langkah.OK)
            request.session.cycle_key()
            if hasil is Hasil.PEMULIHAN:
                messages.warning(
                    request,
                    _("Anda masuk dengan kode pemulihan. Sisa kode pemulihan: %(n)d.")
                    % {"n": dua_langkah.sisa_kode_pemulihan(user)},
                )
            return redirect(tujuan)
        if hasil is Hasil.TUNGGU:
            form.add_error("kode", _pesan_tunggu())
        else:
            user_login_failed.send(sender=__name__, credentials=kredensial, request=request)
            if getattr(request, "axes_locked_out", False):
                logout(request)
                return redirect("login")
            form.add_error("kode", _("Kode tidak cocok."))
    return render(
        request,
        "opd/dua_langkah_verifikasi.html",
        {"form": form, "next": request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")},
    )
