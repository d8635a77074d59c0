from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from opd.middleware import InstansiTimezoneMiddleware
from opd.models import Peran
from tests.factories import OpdFactory, user_with_role


def zone_seen_by(user) -> str:
    seen = {}

    def view(request):
        seen["zone"] = timezone.get_current_timezone_name()
        return HttpResponse()

    request = RequestFactory().get("/")
    request.user = user
    InstansiTimezoneMiddleware(view)(request)
    return seen["zone"]


def test_each_instansi_sees_its_own_time_zone(world, settings):
    surabaya = OpdFactory(instansi__kode="sby", instansi__zona_waktu="Asia/Jakarta")
    tim_surabaya = user_with_role(Peran.TIM_EVALUASI, opd=surabaya, instansi=surabaya.instansi)
    assert zone_seen_by(world.users["tim_evaluasi"]) == "Asia/Makassar"
    assert zone_seen_by(tim_surabaya) == "Asia/Jakarta"
    assert zone_seen_by(world.users["asn"]) == "Asia/Makassar"
    # Admin BKN oversees zones of several instansi here only one; with one it follows that one's zone.
    assert zone_seen_by(world.users["admin_bkn"]) == "Asia/Makassar"


def test_after_the_request_the_default_zone_is_back(world, settings):
    zone_seen_by(world.users["admin_lain"])
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE
