"""Every Form class of the product, with how to build it for `world` (the keyword arguments its view passes).

tests/fuzz/test_cakupan.py fails when a Form subclass of the product is missing here; test_formulir.py feeds each one
random data and asserts that validating it never raises.
"""

from django.contrib.auth.forms import AuthenticationForm
from django.test import RequestFactory

from api.forms import TokenForm
from evaluasi.forms import RealisasiBarisForm
from evaluasi.views_excel import UnggahExcelForm
from indikator.forms import IndikatorForm, PeriodeBukaUlangForm, PeriodeJendelaForm, SalinTahunForm
from indikator.models import Indikator
from laporan.forms import MintaLaporanForm, SiasnForm
from laporan.jenis import REGISTRI
from opd import notifikasi
from opd.forms import (
    AuditFilterForm,
    HariLiburForm,
    HoneypotMixin,
    KodeDuaLangkahForm,
    LoginForm,
    PegawaiImportForm,
)
from opd.models import Instansi, Opd, Pegawai
from opd.views_notifikasi import PreferensiForm
from pengaduan import forms as pengaduan_forms
from penilaian import forms as penilaian_forms
from penilaian.models import Penghargaan
from survei.forms import LayananForm, SurveiForm
from tests.matrix.evaluasi import indikator as indikator_grid
from tests.matrix.pengaduan import baru


def _iki(w) -> list:
    return list(Indikator.objects.filter(pegawai=w.pegawai))


FORMULIR = {
    # api
    TokenForm: lambda w: {"instansi_qs": Instansi.objects.filter(pk=w.instansi.pk)},
    # opd
    PegawaiImportForm: lambda w: {"user": w.users["admin_instansi"]},
    LoginForm: lambda w: {"request": RequestFactory().post("/accounts/login/")},
    HoneypotMixin: lambda w: {},
    HariLiburForm: lambda w: {"instansi_qs": Instansi.objects.filter(pk=w.instansi.pk)},
    AuditFilterForm: lambda w: {"instansi_qs": Instansi.objects.all(), "banyak_instansi": True},
    KodeDuaLangkahForm: lambda w: {},
    PreferensiForm: lambda w: {"awal": notifikasi.preferensi_for_user(user=w.users["asn"])},
    # indikator
    IndikatorForm: lambda w: {"opd": w.opd, "tahun": 2026},
    PeriodeJendelaForm: lambda w: {},
    PeriodeBukaUlangForm: lambda w: {},
    SalinTahunForm: lambda w: {},
    # evaluasi
    RealisasiBarisForm: lambda w: {"indikator": indikator_grid(w)},
    UnggahExcelForm: lambda w: {},
    # penilaian
    penilaian_forms.PenilaianForm: lambda w: {"indikator": _iki(w)},
    penilaian_forms.AlasanForm: lambda w: {},
    penilaian_forms.PredikatOpdForm: lambda w: {},
    penilaian_forms.PenghargaanPutusanForm: lambda w: {},
    penilaian_forms.PelatihanForm: lambda w: {},
    penilaian_forms.PesertaTambahForm: lambda w: {
        "pegawai_qs": Pegawai.objects.filter(opd__instansi=w.instansi),
        "rekomendasi_qs": Penghargaan.objects.none(),
    },
    penilaian_forms.PesertaUbahForm: lambda w: {"indikator_qs": Indikator.objects.filter(opd=w.opd)},
    penilaian_forms.RencanaKerjaForm: lambda w: {"indikator": _iki(w)},
    penilaian_forms.RencanaPutusanForm: lambda w: {},
    penilaian_forms.VerifikasiForm: lambda w: {},
    penilaian_forms.KeberatanForm: lambda w: {},
    penilaian_forms.KeberatanPutusanForm: lambda w: {},
    penilaian_forms.SesiKalibrasiForm: lambda w: {"opd_qs": Opd.objects.filter(instansi=w.instansi)},
    penilaian_forms.BarisKalibrasiForm: lambda w: {"initial": {"hasil_kerja": "sesuai", "perilaku": "sesuai"}},
    penilaian_forms.TutupKalibrasiForm: lambda w: {},
    # laporan
    SiasnForm: lambda w: {"instansi_choices": [(w.instansi.pk, w.instansi.nama)]},
    MintaLaporanForm: lambda w: {
        "jenis_list": list(REGISTRI.values()),
        "opd_choices": [(w.opd.pk, w.opd.nama)],
        "instansi_choices": [(w.instansi.pk, w.instansi.nama)],
    },
    # pengaduan
    pengaduan_forms.PengaduanForm: lambda w: {},
    pengaduan_forms.LacakForm: lambda w: {},
    pengaduan_forms.BalasForm: lambda w: {},
    pengaduan_forms.NilaiForm: lambda w: {},
    pengaduan_forms.BukaKembaliForm: lambda w: {},
    pengaduan_forms.TidakSelesaiForm: lambda w: {},
    pengaduan_forms._AksiForm: lambda w: {},
    pengaduan_forms.CatatanForm: lambda w: {},
    pengaduan_forms.VerifikasiForm: lambda w: {"pengaduan": baru(w)},
    pengaduan_forms.PrivasiForm: lambda w: {},
    pengaduan_forms.AlasanForm: lambda w: {},
    pengaduan_forms.DisposisiForm: lambda w: {"pengaduan": baru(w)},
    pengaduan_forms.TanggapanForm: lambda w: {},
    pengaduan_forms.JawabanForm: lambda w: {},
    pengaduan_forms.FilterForm: lambda w: {"opd_qs": Opd.objects.filter(instansi=w.instansi)},
    # survei
    LayananForm: lambda w: {"opd_qs": Opd.objects.filter(instansi=w.instansi)},
    SurveiForm: lambda w: {"opd": w.opd},
}

# Forms of Django itself that the product's pages use as they are (login, password change and reset).
DARI_DJANGO = (AuthenticationForm,)


def bangun(kelas, w, data=None, files=None, **lain):
    """An instance of `kelas` as its view builds it, bound to `data` when given."""
    if data is not None:
        return kelas(data=data, files=files, **FORMULIR[kelas](w), **lain)
    return kelas(**FORMULIR[kelas](w), **lain)
