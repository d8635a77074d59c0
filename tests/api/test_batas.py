"""Rate limit per token, a cache that is down, and the audit log of tokens and of the API's refusals."""

import logging

import pytest

from api import services
from api.auth import TokenRateThrottle
from api.models import TokenApi, hash_kunci
from opd.models import CatatanAudit, JenisAudit

pytestmark = pytest.mark.django_db


def test_a_token_over_its_rate_gets_429_and_another_token_does_not(world, token, api, settings):
    settings.API_RATE_LIMIT = "2/min"
    _t, kunci = token()
    _t2, kunci2 = token(nama="e-Kinerja BKN")
    assert [api("/api/v1/opd/", kunci).status_code for _ in range(3)] == [200, 200, 429]
    assert api("/api/v1/opd/", kunci2).status_code == 200
    entri = CatatanAudit.objects.get(keterangan="API 429")
    assert (entri.jenis, entri.instansi_id, entri.path) == (JenisAudit.DITOLAK, world.instansi.pk, "/api/v1/opd/")


class CacheMati:
    def get(self, *args, **kwargs):
        raise ConnectionError("Redis tidak dapat dihubungi")

    set = get


def test_the_rate_limit_lets_requests_through_when_the_cache_is_down(world, token, api, settings, monkeypatch, caplog):
    settings.API_RATE_LIMIT = "1/min"
    monkeypatch.setattr(TokenRateThrottle, "cache", CacheMati())
    _t, kunci = token()
    with caplog.at_level(logging.WARNING, logger="api.auth"):
        assert [api("/api/v1/opd/", kunci).status_code for _ in range(2)] == [200, 200]
    assert "API throttle: cache unavailable, request allowed" in caplog.text


def test_only_the_hash_of_a_key_is_kept_and_the_key_is_given_once(world):
    token, kunci = services.token_create(actor=world.users["admin_instansi"], instansi=world.instansi, nama=" SIASN ")
    token.refresh_from_db()
    assert kunci.startswith("knj_") and len(kunci) > 40
    assert token.kunci_hash == hash_kunci(kunci) and len(token.kunci_hash) == 64
    assert token.awalan == kunci[:12] and token.nama == "SIASN"
    assert not TokenApi.objects.filter(kunci_hash=kunci).exists()
    assert kunci not in str(list(TokenApi.objects.values()))


def test_creating_and_revoking_a_token_are_in_the_audit_log(world):
    admin = world.users["admin_instansi"]
    token, _kunci = services.token_create(actor=admin, instansi=world.instansi, nama="SIASN")
    services.token_revoke(actor=admin, token=token)
    services.token_revoke(actor=admin, token=token)  # twice changes nothing
    entri = CatatanAudit.objects.filter(objek_id=token.pk, content_type__model="tokenapi").order_by("id")
    assert [(e.jenis, e.aksi, e.keterangan, e.instansi_id, e.user_id) for e in entri] == [
        (JenisAudit.KONFIGURASI, "dibuat", "token API dibuat", world.instansi.pk, admin.pk),
        (JenisAudit.KONFIGURASI, "diubah", "token API dicabut", world.instansi.pk, admin.pk),
    ]
    token.refresh_from_db()
    assert token.dicabut_oleh == admin and token.dicabut_pada is not None


def test_the_apis_refusals_are_in_the_audit_log(world, token, api):
    t, kunci = token()
    assert api(f"/api/v1/opd/{world.opd_instansi_lain.pk}/", kunci).status_code == 404
    assert api("/api/v1/opd/").status_code == 401
    services.token_revoke(actor=world.users["admin_instansi"], token=t)
    assert api("/api/v1/opd/", kunci).status_code == 401
    entri = CatatanAudit.objects.filter(jenis=JenisAudit.DITOLAK).order_by("id")
    assert [(e.keterangan, e.instansi_id, e.username, e.path) for e in entri] == [
        ("API 404", world.instansi.pk, str(t), f"/api/v1/opd/{world.opd_instansi_lain.pk}/"),
        ("API 401", None, "", "/api/v1/opd/"),
        ("API 401", world.instansi.pk, str(t), "/api/v1/opd/"),
    ]


def test_a_token_records_when_it_was_last_used(world, token, api):
    t, kunci = token()
    assert t.dipakai_terakhir is None
    api("/api/v1/opd/", kunci)
    t.refresh_from_db()
    assert t.dipakai_terakhir is not None
