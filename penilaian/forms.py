"""Input validation for evaluations, organisation predikat, rewards, training and work plans."""

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from indikator.models import Indikator
from opd import masukan

from .models import (
    LABEL_BERAKHLAK,
    SKOR_PERILAKU_CHOICES,
    Penghargaan,
    PesertaPelatihan,
    PredikatOrganisasi,
    Rating,
    RekomendasiPelatihan,
)

PILIH = [("", _("— pilih —"))]


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True  # the template's own form tag carries the token
    return helper


class _TanggalInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _teks(label, *, rows: int = 2, max_length: int = 4000, required: bool = False, help_text: str = ""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class PenilaianForm(forms.Form):
    """The evaluator's form: both ratings (pre-filled with the suggestion), the seven BerAKHLAK scores, the overall
    feedback and one feedback field per indicator (``ub_<indikator id>``)."""

    hasil_kerja = forms.ChoiceField(label=_("Rating hasil kerja"), choices=PILIH + Rating.choices, required=False)
    alasan_hasil_kerja = _teks(
        _("Alasan jika berbeda dari saran sistem"),
        help_text=_("Wajib bila rating hasil kerja tidak sama dengan saran sistem; disimpan bersama penilaian."),
    )
    perilaku = forms.ChoiceField(label=_("Rating perilaku kerja"), choices=PILIH + Rating.choices, required=False)
    alasan_perilaku = _teks(
        _("Alasan jika berbeda dari saran sistem"),
        help_text=_("Wajib bila rating perilaku kerja tidak sama dengan saran dari nilai BerAKHLAK."),
    )
    umpan_balik = _teks(_("Umpan balik umum"), rows=4, help_text=_("Dibaca pegawai di halaman Kinerja saya."))
    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, indikator: list[Indikator], **kwargs):
        super().__init__(*args, **kwargs)
        for nama, label in LABEL_BERAKHLAK.items():
            self.fields[nama] = forms.TypedChoiceField(
                label=label,
                choices=SKOR_PERILAKU_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )
        self.indikator = indikator
        for ind in indikator:
            self.fields[f"ub_{ind.pk}"] = _teks(
                _("Umpan balik untuk %(kode)s") % {"kode": ind.kode}, rows=2, max_length=2000
            )
        self.helper = _helper()

    @property
    def field_perilaku(self):
        return [self[nama] for nama in LABEL_BERAKHLAK]

    def umpan_balik_indikator(self) -> dict[int, str]:
        return {ind.pk: self.cleaned_data.get(f"ub_{ind.pk}", "") for ind in self.indikator}


class AlasanForm(forms.Form):
    alasan = _teks(
        _("Alasan pembukaan ulang"),
        rows=3,
        max_length=2000,
        required=True,
        help_text=_("Dicatat bersama nama Anda dan waktunya; penilai dapat mengubah penilaian lagi."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alasan"].error_messages["required"] = _("Tuliskan alasan pembukaan ulang.")
        self.helper = _helper()


class PredikatOpdForm(forms.Form):
    predikat = forms.ChoiceField(label=_("Predikat organisasi"), choices=PILIH + PredikatOrganisasi.choices)
    catatan = _teks(_("Catatan"), max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["predikat"].error_messages["required"] = _("Pilih predikat organisasi.")
        self.helper = _helper()


class PenghargaanPutusanForm(forms.Form):
    keputusan = forms.ChoiceField(
        label=_("Keputusan"), choices=[("setuju", _("Setujui")), ("tolak", _("Tolak"))], widget=forms.RadioSelect
    )
    bentuk = forms.ChoiceField(
        label=_("Bentuk penghargaan"), choices=Penghargaan.Bentuk.choices, initial=Penghargaan.Bentuk.SERTIFIKAT
    )
    catatan = _teks(_("Catatan (wajib bila ditolak)"), max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class PelatihanForm(forms.Form):
    topik = forms.CharField(label=_("Topik"), max_length=200)
    penyelenggara = forms.CharField(label=_("Penyelenggara"), max_length=200)
    tanggal_mulai = forms.DateField(label=_("Tanggal mulai"), widget=_TanggalInput())
    tanggal_selesai = forms.DateField(label=_("Tanggal selesai"), widget=_TanggalInput())
    tempat = forms.CharField(label=_("Tempat"), max_length=200, required=False)
    deskripsi = _teks(_("Deskripsi"), rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        mulai, selesai = cleaned.get("tanggal_mulai"), cleaned.get("tanggal_selesai")
        if mulai and selesai and selesai < mulai:
            self.add_error("tanggal_selesai", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        return cleaned


class _PegawaiChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.nama_lengkap} ({obj.nip}) – {obj.opd}"


class _RekomendasiChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.pegawai.nama_lengkap} – {obj.penilaian.label_periode} ({obj.penilaian.get_predikat_display()})"


class PesertaTambahForm(forms.Form):
    """Either an open training recommendation (its ASN is the participant) or any ASN of the instansi."""

    rekomendasi = _RekomendasiChoice(
        label=_("Dari rekomendasi pelatihan"), queryset=RekomendasiPelatihan.objects.none(), required=False
    )
    pegawai = _PegawaiChoice(label=_("Atau pilih pegawai"), queryset=None, required=False)

    def __init__(self, *args, pegawai_qs, rekomendasi_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pegawai"].queryset = pegawai_qs
        self.fields["rekomendasi"].queryset = rekomendasi_qs
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        rekomendasi, pegawai = cleaned.get("rekomendasi"), cleaned.get("pegawai")
        if rekomendasi is None and pegawai is None and not self.errors:
            raise forms.ValidationError(_("Pilih rekomendasi pelatihan atau pegawai."))
        if rekomendasi is not None and pegawai is not None and rekomendasi.pegawai_id != pegawai.pk:
            self.add_error("pegawai", _("Pegawai tidak sama dengan pegawai pada rekomendasi."))
        if rekomendasi is not None:
            cleaned["pegawai"] = rekomendasi.pegawai
        return cleaned


class _IdBanyakChoice(forms.ModelMultipleChoiceField):
    """Ids are ASCII digits that fit the database: a longer number would reach the query and fail there."""

    def _check_values(self, value):
        for pk in value:
            if masukan.angka(str(pk)) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class PesertaUbahForm(forms.Form):
    kehadiran = forms.ChoiceField(label=_("Kehadiran"), choices=PesertaPelatihan.Kehadiran.choices)
    indikator = _IdBanyakChoice(
        label=_("Indikator terkait"),
        queryset=Indikator.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Capaian indikator ini dibandingkan antara triwulan sebelum dan sesudah pelatihan."),
    )

    def __init__(self, *args, indikator_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indikator"].queryset = indikator_qs
        self.fields["indikator"].label_from_instance = lambda i: f"{i.tahun} · {i.kode} {i.nama}"
        self.helper = _helper()


class RencanaKerjaForm(forms.Form):
    """Per indicator the actions (``aksi_<id>``) and when (``jadwal_<id>``)."""

    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, indikator: list[Indikator], **kwargs):
        super().__init__(*args, **kwargs)
        self.indikator = indikator
        for ind in indikator:
            self.fields[f"aksi_{ind.pk}"] = _teks(
                _("Rencana aksi untuk %(kode)s") % {"kode": ind.kode}, rows=3, max_length=4000
            )
            self.fields[f"jadwal_{ind.pk}"] = forms.CharField(
                label=_("Jadwal"), max_length=100, required=False, help_text=_("Misalnya: Juli–Agustus")
            )

    def aksi(self) -> dict[int, tuple[str, str]]:
        return {
            ind.pk: (self.cleaned_data.get(f"aksi_{ind.pk}", ""), self.cleaned_data.get(f"jadwal_{ind.pk}", ""))
            for ind in self.indikator
        }


class RencanaPutusanForm(forms.Form):
    catatan = _teks(_("Catatan untuk pegawai"), rows=2, max_length=2000)
    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class VerifikasiForm(forms.Form):
    kode = forms.CharField(
        label=_("Kode verifikasi"),
        max_length=40,
        help_text=_("Tertera pada sertifikat atau dokumen, misalnya ABCD-EFGH-JKLM-NPQR-STUV."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )


class KeberatanForm(forms.Form):
    alasan = _teks(
        _("Alasan keberatan"),
        rows=5,
        max_length=4000,
        required=True,
        help_text=_("Jelaskan mengapa predikat ini tidak sesuai dengan kinerja Anda."),
    )
    bukti = forms.FileField(
        label=_("Bukti dukung (opsional)"),
        required=False,
        help_text=_("PDF, gambar, atau dokumen Office."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alasan"].error_messages["required"] = _("Tuliskan alasan keberatan.")
        self.helper = _helper()

    def clean_bukti(self):
        from evaluasi.bukti import periksa_berkas

        berkas = self.cleaned_data.get("bukti")
        if berkas:
            periksa_berkas(berkas)
        return berkas


class KeberatanPutusanForm(forms.Form):
    keputusan = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[("tolak", _("Tolak: predikat tetap")), ("kabulkan", _("Kabulkan: ubah predikat"))],
        widget=forms.RadioSelect,
    )
    hasil_kerja = forms.ChoiceField(
        label=_("Rating hasil kerja yang baru"), choices=PILIH + Rating.choices, required=False
    )
    perilaku = forms.ChoiceField(
        label=_("Rating perilaku kerja yang baru"), choices=PILIH + Rating.choices, required=False
    )
    alasan_keputusan = _teks(_("Alasan keputusan"), rows=3, max_length=4000, required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keputusan"].error_messages["required"] = _("Pilih keputusan.")
        self.fields["alasan_keputusan"].error_messages["required"] = _("Tuliskan alasan keputusan.")
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("keputusan") == "kabulkan":
            if not cleaned.get("hasil_kerja"):
                self.add_error("hasil_kerja", _("Pilih rating hasil kerja yang baru."))
            if not cleaned.get("perilaku"):
                self.add_error("perilaku", _("Pilih rating perilaku kerja yang baru."))
        return cleaned


class SesiKalibrasiForm(forms.Form):
    opd = forms.ModelChoiceField(label=_("OPD"), queryset=None)
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    periode = forms.ChoiceField(
        label=_("Periode"),
        choices=[
            ("tw1", _("TW I")),
            ("tw2", _("TW II")),
            ("tw3", _("TW III")),
            ("tw4", _("TW IV")),
            ("tahunan", _("Tahunan")),
        ],
    )

    def __init__(self, *args, opd_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opd_qs
        self.fields["opd"].error_messages["invalid_choice"] = _("Pilih OPD yang dapat Anda kalibrasi.")
        self.helper = _helper()


class BarisKalibrasiForm(forms.Form):
    """One staff evaluation on the calibration screen: both ratings, and the reason when either changes."""

    penilaian = forms.IntegerField(widget=forms.HiddenInput)
    hasil_kerja = forms.ChoiceField(label=_("Rating hasil kerja"), choices=Rating.choices)
    perilaku = forms.ChoiceField(label=_("Rating perilaku kerja"), choices=Rating.choices)
    alasan = forms.CharField(label=_("Alasan perubahan"), max_length=2000, required=False)

    def clean(self):
        cleaned = super().clean()
        awal = self.initial
        berubah = (cleaned.get("hasil_kerja"), cleaned.get("perilaku")) != (
            awal.get("hasil_kerja"),
            awal.get("perilaku"),
        )
        if berubah and not (cleaned.get("alasan") or "").strip():
            self.add_error("alasan", _("Tuliskan alasan perubahan."))
        return cleaned


class TutupKalibrasiForm(forms.Form):
    catatan = _teks(_("Catatan penutupan"), rows=2, max_length=2000)
