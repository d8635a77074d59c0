"""The login lockout cannot be turned against its victim: failures lock an account at one address, and a separate,
higher limit locks an address that fails across many accounts."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import F
from django.test import RequestFactory
from django.urls import reverse

from opd.kunci import alamat_axes

PASSWORD = "rahasia-uji-123"
KANTOR_A = {"REMOTE_ADDR": "203.0.113.10"}
KANTOR_B = {"REMOTE_ADDR": "198.51.100.20"}


def login(client, username, password, alamat):
    return client.post(reverse("login"), {"username": username, "password": password}, **alamat)


def test_the_limits_are_per_account_and_address_and_fifty_per_address():
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert (settings.AXES_FAILURE_LIMIT, settings.AXES_ADDRESS_FAILURE_LIMIT) == (10, 50)


def test_ten_wrong_passwords_from_one_address_do_not_lock_the_user_out_of_another(client, world):
    korban = world.users["tim_evaluasi"]
    for _ in range(10):
        login(client, korban.username, "tebakan-salah-1", KANTOR_A)
    assert login(client, korban.username, PASSWORD, KANTOR_A).status_code == 429
    # The real user, from an office that did not fail, signs in.
    assert login(client, korban.username, PASSWORD, KANTOR_B).status_code == 302
    client.logout()
    # …and the attacker's address stays locked for that account.
    assert login(client, korban.username, PASSWORD, KANTOR_A).status_code == 429


def test_fifty_failures_across_accounts_lock_the_address(client, world):
    for n in range(49):
        assert login(client, f"tebak{n}", "tebakan-salah-1", KANTOR_A).status_code == 200
    # Under the address limit, a real user of that address still signs in.
    assert login(client, world.users["asn"].username, PASSWORD, KANTOR_A).status_code == 302
    client.logout()
    assert login(client, "tebak49", "tebakan-salah-1", KANTOR_A).status_code == 429
    response = login(client, world.users["tim_evaluasi"].username, PASSWORD, KANTOR_A)
    assert response.status_code == 429
    assert "Akun terkunci sementara" in response.content.decode()
    # Other addresses are not affected.
    assert login(client, world.users["tim_evaluasi"].username, PASSWORD, KANTOR_B).status_code == 302


def test_the_address_limit_counts_only_the_cool_off(client, world):
    for n in range(50):
        login(client, f"tebak{n}", "tebakan-salah-1", KANTOR_A)
    assert login(client, world.users["asn"].username, PASSWORD, KANTOR_A).status_code == 429
    # Half of the failures are now older than the cool-off (30 minutes).
    lama = AccessAttempt.objects.filter(username__in=[f"tebak{n}" for n in range(25)])
    lama.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=31))
    assert login(client, world.users["asn"].username, PASSWORD, KANTOR_A).status_code == 302


@pytest.mark.parametrize(
    ("meta", "proxy", "expected"),
    [
        ({"REMOTE_ADDR": "203.0.113.10"}, False, "203.0.113.10"),
        ({"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.10"}, True, "203.0.113.10"),
        ({"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.10"}, False, "10.0.0.1"),
        ({"REMOTE_ADDR": ""}, False, None),
    ],
)
def test_the_address_is_the_one_the_proxy_saw(settings, meta, proxy, expected):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if proxy else None
    request = RequestFactory().get("/", **meta)
    assert alamat_axes(request) == expected


def test_failures_are_recorded_by_account_and_address(client, world):
    login(client, "siapa", "tebakan-salah-1", KANTOR_A)
    login(client, "siapa", "tebakan-salah-1", KANTOR_B)
    assert sorted(AccessAttempt.objects.values_list("username", "ip_address", "failures_since_start")) == [
        ("siapa", "198.51.100.20", 1),
        ("siapa", "203.0.113.10", 1),
    ]
