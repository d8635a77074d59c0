"""The Admin Instansi's pages for API tokens: the list of the instansi's tokens, creating one (its key is shown once)
and revoking one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import TokenForm

KUNCI_BARU = "api_token_kunci_baru"


@login_required
def token_list(request):
    instansi_qs = selectors.instansi_token_for_user(user=request.user)
    if not instansi_qs.exists():
        raise Http404
    if request.method == "POST":
        form = TokenForm(request.POST, instansi_qs=instansi_qs)
        if form.is_valid():
            try:
                token, kunci = services.token_create(
                    actor=request.user, instansi=form.cleaned_data["instansi"], nama=form.cleaned_data["nama"]
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                # Shown on the next page once, then gone: only its hash is kept.
                request.session[KUNCI_BARU] = {"id": token.pk, "kunci": kunci}
                messages.success(
                    request, _("Token dibuat. Salin kuncinya sekarang: kunci tidak akan ditampilkan lagi.")
                )
                return redirect("api:token_list")
        status = 422
    else:
        form = TokenForm(instansi_qs=instansi_qs, initial={"instansi": instansi_qs.first()})
        status = 200
    baru = request.session.pop(KUNCI_BARU, None)
    daftar = list(selectors.token_for_user(user=request.user))
    return render(request, "api/token_list.html", {"form": form, "daftar": daftar, "baru": baru}, status=status)


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = selectors.token_get_for_user(user=request.user, pk=pk)
    services.token_revoke(actor=request.user, token=token)
    messages.success(request, _("Token %(nama)s dicabut: kuncinya tidak dapat dipakai lagi.") % {"nama": token.nama})
    return redirect("api:token_list")
