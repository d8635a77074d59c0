"""Per-address rate limits: the address behind the deployment's proxy."""

from opd import batas


def test_forwarded_for_is_trusted_only_behind_the_proxy(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 5.6.7.8")
    settings.SECURE_PROXY_SSL_HEADER = None
    assert batas.alamat_klien(request) == "10.0.0.1"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert batas.alamat_klien(request) == "5.6.7.8"
