"""The session's own guarantees as a browser sees them: a new session id at sign-in, the old one dead after sign-out,
the cookie's attributes, and CSRF enforced on every form (docs/security.md, ASVS V3 and V4.2.2)."""

from django.conf import settings
from django.test import Client
from django.urls import reverse

PASSWORD = "rahasia-uji-123"


def _masuk(client, username):
    return client.post(reverse("login"), {"username": username, "password": PASSWORD})


def test_signing_in_gives_a_new_session_id(client, world):
    client.get(reverse("login"))
    client.session["jejak"] = "sebelum masuk"
    client.session.save()
    sebelum = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert _masuk(client, "asn").status_code == 302
    sesudah = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert sesudah and sesudah != sebelum


def test_after_signing_out_the_old_session_id_opens_nothing(client, world):
    assert _masuk(client, "asn").status_code == 302
    lama = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    # Someone who kept the old cookie (a shared computer, a stolen copy) is sent to sign in.
    pencuri = Client()
    pencuri.cookies[settings.SESSION_COOKIE_NAME] = lama
    response = pencuri.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_session_cookie_is_http_only_and_same_site(client, world):
    _masuk(client, "asn")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"].lower() == "lax"
    assert int(cookie["max-age"]) <= 12 * 3600


def test_a_form_posted_without_its_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["admin_instansi"])
    response = client.post(reverse("api:token_list"), {"nama": "SIASN", "instansi": world.instansi.pk})
    assert response.status_code == 403
    # The same post with the token from the page goes through.
    client.get(reverse("api:token_list"))
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(
        reverse("api:token_list"), {"nama": "SIASN", "instansi": world.instansi.pk, "csrfmiddlewaretoken": token}
    )
    assert response.status_code in (200, 302)
