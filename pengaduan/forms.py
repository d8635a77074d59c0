"""Input validation for the public complaint form, tracking, and the handling steps."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from opd.forms import HoneypotMixin
from opd.models import Instansi, Opd, Pegawai

from .berkas import TERIMA_ATRIBUT, periksa_daftar_lampiran
from .kode import normalisasi
from .models import Pengaduan

PILIHAN_YA_TIDAK = [("ya", _("Ya")), ("tidak", _("Tidak"))]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        tunggal = super().clean
        if isinstance(data, list | tuple):
            return [tunggal(d, initial) for d in data if d]
        return [tunggal(data, initial)] if data else []


def _satu_baris(teks: str) -> str:
    return " ".join((teks or "").split())


class PengaduanForm(HoneypotMixin):
    instansi = forms.ModelChoiceField(
        label=_("Pemerintah daerah"), queryset=Instansi.objects.order_by("nama"), empty_label=None
    )
    jenis = forms.ChoiceField(
        label=_("Jenis laporan"),
        choices=Pengaduan.Jenis.choices,
        initial=Pengaduan.Jenis.PENGADUAN,
        widget=forms.RadioSelect,
    )
    kategori = forms.ChoiceField(label=_("Kategori"), choices=[("", "—")] + list(Pengaduan.Kategori.choices))
    opd_usulan = forms.ModelChoiceField(
        label=_("OPD yang dituju"),
        queryset=Opd.objects.none(),
        required=False,
        empty_label=_("Tidak tahu"),
        help_text=_("Pilih “Tidak tahu” bila Anda tidak yakin: petugas akan meneruskannya ke OPD yang tepat."),
    )
    judul = forms.CharField(label=_("Judul"), max_length=200)
    isi = forms.CharField(
        label=_("Uraian"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Ceritakan apa yang terjadi, kapan dan di mana. Paling banyak 5.000 karakter."),
    )
    lokasi = forms.CharField(label=_("Lokasi kejadian"), max_length=300, required=False)
    tanggal_kejadian = forms.DateField(
        label=_("Tanggal kejadian"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    asn_dilaporkan = forms.CharField(
        label=_("ASN yang dilaporkan (nama atau NIP)"),
        max_length=200,
        required=False,
        help_text=_("Opsional. Isi bila laporan Anda tentang petugas tertentu yang tidak menjalankan tugasnya."),
    )
    lampiran = MultipleFileField(
        label=_("Lampiran"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": TERIMA_ATRIBUT}),
        help_text=_(
            "Opsional, paling banyak lima berkas: foto (JPG, PNG, WebP) atau PDF, masing-masing paling besar 5 MB."
        ),
    )
    nama_pelapor = forms.CharField(label=_("Nama Anda"), max_length=150, required=False)
    kontak_pelapor = forms.CharField(
        label=_("Nomor telepon atau email"),
        max_length=150,
        required=False,
        help_text=_("Opsional: agar petugas dapat menghubungi Anda bila perlu keterangan tambahan."),
    )
    anonim = forms.BooleanField(
        label=_("Anonim: sembunyikan identitas saya"),
        required=False,
        help_text=_(
            "Nama dan kontak Anda tidak akan diperlihatkan kepada OPD yang menangani, kepada pegawai yang Anda "
            "laporkan, maupun kepada publik. Hanya Petugas Pengaduan yang memeriksa laporan yang dapat melihatnya. "
            "Bila Anda tidak ingin dikenali sama sekali, kosongkan nama dan kontak."
        ),
    )
    rahasia = forms.BooleanField(
        label=_("Rahasia: jangan tampilkan laporan ini di halaman publik"),
        required=False,
        help_text=_(
            "Isi laporan tidak akan pernah muncul di halaman transparansi. Hanya petugas dan OPD yang menanganinya "
            "yang dapat membacanya, dan Anda sendiri melalui kode lacak."
        ),
    )

    field_order = [
        "instansi",
        "jenis",
        "kategori",
        "opd_usulan",
        "judul",
        "isi",
        "lokasi",
        "tanggal_kejadian",
        "asn_dilaporkan",
        "lampiran",
        "nama_pelapor",
        "kontak_pelapor",
        "anonim",
        "rahasia",
        "situs_web",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd_usulan"].queryset = Opd.objects.select_related("instansi").order_by("instansi__nama", "nama")
        self.fields["isi"].widget.attrs["maxlength"] = 5000

    def opd_berkelompok(self):
        """OPD choices grouped by pemda for the template's optgroups."""
        kelompok: dict[str, list[Opd]] = {}
        for opd in self.fields["opd_usulan"].queryset:
            kelompok.setdefault(opd.instansi.nama, []).append(opd)
        return kelompok.items()

    def clean_judul(self) -> str:
        return _satu_baris(self.cleaned_data["judul"])

    def clean_lampiran(self) -> list:
        berkas = self.cleaned_data.get("lampiran") or []
        periksa_daftar_lampiran(berkas)
        return berkas

    def clean(self):
        data = super().clean()
        instansi, opd = data.get("instansi"), data.get("opd_usulan")
        if instansi and opd and opd.instansi_id != instansi.pk:
            self.add_error("opd_usulan", _("OPD ini bukan bagian dari pemerintah daerah yang dipilih."))
        return data


class LacakForm(forms.Form):
    kode = forms.CharField(
        label=_("Kode lacak"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
        help_text=_("Dua belas huruf dan angka yang Anda terima saat mengirim laporan, misalnya ABCD-EFGH-JKMN."),
    )

    def clean_kode(self) -> str:
        kode = normalisasi(self.cleaned_data["kode"])
        if kode is None:
            raise ValidationError(_("Kode lacak tidak dikenal. Periksa kembali penulisannya."), code="tidak_dikenal")
        return kode


class BalasForm(forms.Form):
    pesan = forms.CharField(
        label=_("Balasan Anda"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000})
    )


class BukaKembaliForm(forms.Form):
    alasan = forms.CharField(
        label=_("Mengapa jawaban belum menyelesaikan masalah Anda?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
    )


class TidakSelesaiForm(forms.Form):
    catatan = forms.CharField(
        label=_("Catatan (opsional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 2000}),
    )


class NilaiForm(forms.Form):
    penilaian = forms.TypedChoiceField(
        label=_("Nilai jawaban"),
        coerce=int,
        choices=[(i, str(i)) for i in range(1, 6)],
        widget=forms.RadioSelect,
        help_text=_("1 = sangat tidak puas, 5 = sangat puas."),
    )
    terselesaikan = forms.ChoiceField(
        label=_("Apakah masalah Anda terselesaikan?"), choices=PILIHAN_YA_TIDAK, widget=forms.RadioSelect
    )


# -- handling --------------------------------------------------------------------------------------------------------


class _AksiForm(forms.Form):
    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CatatanForm(_AksiForm):
    catatan = forms.CharField(
        label=_("Catatan internal"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class VerifikasiForm(CatatanForm):
    anonim = forms.BooleanField(label=_("Anonim"), required=False)
    rahasia = forms.BooleanField(label=_("Rahasia"), required=False)
    nip_terlapor = forms.CharField(
        label=_("NIP ASN terlapor"),
        required=False,
        max_length=18,
        help_text=_("Bila laporan menyebut seorang ASN: ia tidak akan dapat melihat siapa pelapornya."),
    )

    def __init__(self, *args, pengaduan: Pengaduan, **kwargs):
        super().__init__(*args, **kwargs)
        self.pengaduan = pengaduan

    def clean_nip_terlapor(self):
        nip = (self.cleaned_data.get("nip_terlapor") or "").strip()
        if not nip:
            return None
        pegawai = Pegawai.objects.filter(nip=nip, opd__instansi_id=self.pengaduan.instansi_id).first()
        if pegawai is None:
            raise ValidationError(_("Tidak ada pegawai instansi ini dengan NIP tersebut."))
        return pegawai


class PrivasiForm(_AksiForm):
    anonim = forms.BooleanField(label=_("Anonim"), required=False)
    rahasia = forms.BooleanField(label=_("Rahasia"), required=False)


class AlasanForm(_AksiForm):
    alasan = forms.CharField(
        label=_("Alasan"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Tuliskan alasannya.")},
    )


class DisposisiForm(CatatanForm):
    opd = forms.ModelChoiceField(label=_("OPD tujuan"), queryset=Opd.objects.none())

    def __init__(self, *args, pengaduan: Pengaduan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = Opd.objects.filter(instansi_id=pengaduan.instansi_id).order_by("nama")
        if pengaduan.opd_usulan_id and not self.is_bound:
            self.fields["opd"].initial = pengaduan.opd_usulan_id


class TanggapanForm(_AksiForm):
    tanggapan = forms.CharField(
        label=_("Tanggapan untuk pelapor"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tuliskan tanggapan untuk pelapor.")},
    )


class JawabanForm(_AksiForm):
    jawaban = forms.CharField(
        label=_("Jawaban akhir untuk pelapor"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Tuliskan jawaban untuk pelapor.")},
    )


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua status"))] + list(Pengaduan.Status.choices)
    )
    opd = forms.ModelChoiceField(
        label=_("OPD"), required=False, queryset=Opd.objects.none(), empty_label=_("Semua OPD")
    )
    terlambat = forms.BooleanField(label=_("Hanya yang terlambat"), required=False)

    def __init__(self, *args, opd_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opd_qs
