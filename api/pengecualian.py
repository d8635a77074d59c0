"""Errors of the API: DRF's JSON answers, and every refusal (401, 403, 404, 429) recorded in the audit log with the
token's instansi when the token is known."""

from django.http import Http404
from rest_framework import exceptions
from rest_framework.views import exception_handler

from opd import audit
from opd.models import JenisAudit

from .models import TokenApi

DITOLAK = {401, 403, 404, 429}


def tangani(exc, context):
    if isinstance(exc, Http404):
        # Django's message names the model; the client needs only to know there is nothing here for it.
        exc = exceptions.NotFound()
    response = exception_handler(exc, context)
    if response is not None and response.status_code in DITOLAK:
        request = context["request"]
        token = request.auth if isinstance(request.auth, TokenApi) else getattr(request, "token_ditolak", None)
        audit.catat(
            jenis=JenisAudit.DITOLAK,
            username=str(token) if token is not None else "",
            instansi=token.instansi_id if token is not None else None,
            keterangan=f"API {response.status_code}",
            request=request._request,
        )
    return response
