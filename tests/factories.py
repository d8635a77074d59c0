"""factory_boy factories for the whole suite."""

import itertools

import factory
from django.contrib.auth import get_user_model

from opd.models import Instansi, Opd, Pegawai, Peran, PeranPengguna, UnitKerja

_serial = itertools.count(1)


def valid_nip(*, sex: int = 1, pns: bool = True) -> str:
    """A fresh valid NIP: a real birth date, an appointment month 01-12, the gender digit and a unique serial."""
    n = next(_serial)
    year = 1970 + n % 25
    month = 1 + n % 12
    day = 1 + n % 28
    return f"{year:04d}{month:02d}{day:02d}{year + 25:04d}{1 + (n * 7) % 12:02d}{sex}{n % 1000:03d}"


class InstansiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instansi
        django_get_or_create = ("kode",)

    kode = factory.Sequence(lambda n: f"instansi-{n}")
    nama = factory.Sequence(lambda n: f"Pemerintah Kota Uji {n}")
    jenis = Instansi.Jenis.KOTA
    zona_waktu = "Asia/Makassar"


class OpdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opd

    instansi = factory.SubFactory(InstansiFactory)
    kode = factory.Sequence(lambda n: f"OPD{n}")
    nama = factory.Sequence(lambda n: f"Dinas Uji {n}")
    jenis = Opd.Jenis.DINAS


class UnitKerjaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitKerja

    opd = factory.SubFactory(OpdFactory)
    kode = factory.Sequence(lambda n: f"U{n}")
    nama = factory.Sequence(lambda n: f"Bidang Uji {n}")


class PegawaiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pegawai

    nip = factory.LazyFunction(valid_nip)
    nama = factory.Faker("name", locale="id_ID")
    jabatan = "Analis Kebijakan"
    jenis_jabatan = Pegawai.JenisJabatan.PELAKSANA
    golongan = "III/a"
    status = Pegawai.Status.PNS
    opd = factory.SubFactory(OpdFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("rahasia-uji-123")


def user_with_role(peran: str, *, instansi=None, opd=None, pegawai=None, **kwargs):
    """A user holding one role with its scope (and, for ASN, linked to a Pegawai)."""
    kwargs.setdefault("is_staff", peran in (Peran.ADMIN_BKN, Peran.ADMIN_INSTANSI))
    user = UserFactory(**kwargs)
    if peran == Peran.ASN:
        PeranPengguna.objects.create(user=user, peran=peran)
    else:
        PeranPengguna.objects.create(user=user, peran=peran, instansi=instansi, opd=opd)
    if pegawai is not None:
        pegawai.user = user
        pegawai.save(update_fields=["user"])
    return user


# The authenticator key the tests give an account that signs in with a second code (base32, as a user would type it).
KUNCI_TOTP_UJI = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def dengan_totp(user, kunci: str = KUNCI_TOTP_UJI):
    """Give `user` a confirmed authenticator with a known key; returns the user."""
    from opd.dua_langkah import pasang_kunci_tetap

    pasang_kunci_tetap(user=user, kunci=kunci)
    return user


def kode_totp(user, *, belum_dipakai: bool = True) -> str:
    """The code the user's authenticator shows now. A code is accepted once: with `belum_dipakai`, the first time step
    not used yet is taken (the device accepts one step either side of now), waiting for the clock when it must."""
    import time

    from django_otp.oath import hotp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    perangkat = TOTPDevice.objects.get(user=user, confirmed=True)

    def langkah_sekarang() -> int:
        return (int(time.time()) - perangkat.t0) // perangkat.step + perangkat.drift

    t = langkah_sekarang()
    if belum_dipakai:
        t = max(t, perangkat.last_t + 1)
        while t > langkah_sekarang() + perangkat.tolerance:
            time.sleep(1)
    return f"{hotp(perangkat.bin_key, t, digits=perangkat.digits):0{perangkat.digits}d}"
