"""Input validation for periods and indicators. Messages are in Bahasa Indonesia and sit next to their field."""

from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Field, Fieldset, Layout, Row
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from opd.models import Opd, Pegawai, UnitKerja

from .models import ROMAWI, AgregasiChoices, Indikator, TargetTriwulan
from .selectors import angka, rapikan

TAHUN_MIN, TAHUN_MAX = 2000, 2100
DESIMAL_MAKS = 4


def _field_desimal(label, *, required: bool, help_text: str = "") -> forms.DecimalField:
    # Localized: Indonesians type a decimal comma ("12,5"); the field still accepts "12.5".
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=18,
        decimal_places=4,
        localize=True,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={"required": _("Isi target.")},
    )


# -- periods ---------------------------------------------------------------------------------------------------------


class _TanggalInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class PeriodeJendelaForm(forms.Form):
    dibuka = forms.DateField(label=_("Pengisian dibuka"), widget=_TanggalInput())
    ditutup = forms.DateField(
        label=_("Pengisian ditutup"),
        widget=_TanggalInput(),
        help_text=_("Hari terakhir pengisian, menurut zona waktu instansi."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's own form tag carries the token

    def clean(self):
        cleaned = super().clean()
        dibuka, ditutup = cleaned.get("dibuka"), cleaned.get("ditutup")
        if dibuka and ditutup and ditutup < dibuka:
            self.add_error("ditutup", _("Tanggal tutup tidak boleh sebelum tanggal buka."))
        return cleaned


class PeriodeBukaUlangForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan pembukaan ulang"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Tuliskan alasan pembukaan ulang.")},
        help_text=_("Alasan dicatat bersama nama Anda dan waktu pembukaan."),
    )
    ditutup_baru = forms.DateField(
        label=_("Dibuka sampai tanggal"),
        widget=_TanggalInput(),
        error_messages={"required": _("Isi tanggal tutup yang baru.")},
        help_text=_("Hari terakhir pengisian, paling awal hari ini."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's own form tag carries the token


# -- indicators ------------------------------------------------------------------------------------------------------


class _PegawaiChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Pegawai) -> str:
        return f"{obj.nama_lengkap} – {obj.jabatan}"


class _IndukChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Indikator) -> str:
        if obj.jenis == Indikator.Jenis.IKU:
            return f"IKU {obj.kode} – {obj.nama}"
        return f"IKI {obj.kode} – {obj.nama} ({obj.pegawai.nama_lengkap})"


class IndikatorForm(forms.ModelForm):
    """An IKU or IKI with its annual target and the four quarterly targets, for one OPD and one year.

    On a ``sum`` indicator the quarterly targets must add up to the annual one (each bound for a range); an
    ``average`` or ``last`` indicator has no such rule. ``versi`` carries the version the editor started from.
    """

    desimal = forms.IntegerField(
        label=_("Jumlah desimal"),
        initial=2,
        help_text=_("Angka di belakang koma saat ditampilkan: 0 sampai 4."),
        widget=forms.NumberInput(attrs={"min": 0, "max": DESIMAL_MAKS}),
        error_messages={"required": _("Isi jumlah desimal (0 sampai 4).")},
    )
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Indikator
        fields = [
            "jenis",
            "kode",
            "nama",
            "pegawai",
            "unit",
            "induk",
            "definisi",
            "formula",
            "satuan",
            "sumber_data",
            "polaritas",
            "agregasi",
            "desimal",
            "bobot",
            "baseline",
            "utama",
            "sumber_realisasi",
            "target_bawah",
            "target_atas",
            "aktif",
        ]
        field_classes = {"pegawai": _PegawaiChoice, "induk": _IndukChoice}
        localized_fields = ["bobot", "baseline", "target_bawah", "target_atas"]
        widgets = {
            "definisi": forms.Textarea(attrs={"rows": 3}),
            "formula": forms.Textarea(attrs={"rows": 2}),
            "bobot": forms.TextInput(attrs={"inputmode": "decimal"}),
            "baseline": forms.TextInput(attrs={"inputmode": "decimal"}),
            "target_bawah": forms.TextInput(attrs={"inputmode": "decimal"}),
            "target_atas": forms.TextInput(attrs={"inputmode": "decimal"}),
        }
        labels = {
            "target_bawah": _("Target tahunan (atau batas bawah rentang)"),
            "target_atas": _("Batas atas rentang"),
            "induk": _("Mendukung indikator (cascading)"),
        }
        help_texts = {
            "target_atas": _("Isi hanya bila target berupa rentang [L, U]; kosongkan untuk satu nilai."),
            "induk": _("IKI dapat mendukung IKU OPD ini atau IKI atasan langsung pada tahun yang sama."),
            "pegawai": _("Wajib untuk IKI, kosong untuk IKU."),
            "bobot": _("Bobot dalam skor; sama untuk semua indikator bila tidak dibedakan."),
            "agregasi": _("Cara menggabungkan nilai triwulan menjadi nilai sampai dengan triwulan berjalan."),
        }
        error_messages = {
            "kode": {"required": _("Isi kode indikator.")},
            "nama": {"required": _("Isi nama indikator.")},
            "satuan": {"required": _("Isi satuan, misalnya %, hari, dokumen.")},
            "target_bawah": {"required": _("Isi target tahunan.")},
        }

    def __init__(self, *args, opd: Opd, tahun: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.opd = opd
        self.tahun = tahun
        baru = self.instance.pk is None
        if baru:
            self.instance.opd = opd
            self.instance.instansi_id = opd.instansi_id
            self.instance.tahun = tahun
        else:
            self.fields["jenis"].disabled = True
            self.fields["versi"].initial = self.instance.versi
            for name in ("bobot", "baseline", "target_bawah", "target_atas"):
                self.initial[name] = rapikan(self.initial.get(name))

        pegawai_q = Q(opd=opd, aktif=True)
        if self.instance.pegawai_id:
            pegawai_q |= Q(pk=self.instance.pegawai_id)
        self.fields["pegawai"].queryset = Pegawai.objects.filter(pegawai_q).order_by("nama")
        self.fields["unit"].queryset = UnitKerja.objects.filter(opd=opd).order_by("kode")
        atasan = Pegawai.objects.filter(opd=opd, aktif=True, atasan__isnull=False).values("atasan_id")
        induk = Indikator.objects.filter(tahun=tahun).filter(
            Q(jenis=Indikator.Jenis.IKU, opd=opd) | Q(jenis=Indikator.Jenis.IKI, pegawai_id__in=atasan)
        )
        if not baru:
            induk = induk.exclude(pk=self.instance.pk)
        self.fields["induk"].queryset = induk.select_related("pegawai").order_by("jenis", "kode")
        self.fields["induk"].error_messages["invalid_choice"] = _(
            "Pilih IKU OPD ini atau IKI atasan langsung pada tahun yang sama."
        )
        self.fields["pegawai"].error_messages["invalid_choice"] = _("Pilih pegawai aktif OPD ini.")
        self.fields["unit"].error_messages["invalid_choice"] = _("Pilih unit kerja OPD ini.")

        ada = {} if baru else {t.triwulan: t for t in TargetTriwulan.objects.filter(indikator=self.instance)}
        for q in range(1, 5):
            romawi = ROMAWI[q]
            self.fields[f"tw{q}_bawah"] = _field_desimal(_("Target TW %(tw)s") % {"tw": romawi}, required=True)
            self.fields[f"tw{q}_atas"] = _field_desimal(_("Batas atas TW %(tw)s") % {"tw": romawi}, required=False)
            self.fields[f"tw{q}_bawah"].error_messages["required"] = _("Isi target TW %(tw)s.") % {"tw": romawi}
            if q in ada:
                self.fields[f"tw{q}_bawah"].initial = rapikan(ada[q].target_bawah)
                self.fields[f"tw{q}_atas"].initial = rapikan(ada[q].target_atas)

        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's own form tag carries the token
        self.helper.layout = Layout(
            Fieldset(
                _("Identitas"),
                Row(Column("jenis", css_class="col-md-4"), Column("kode", css_class="col-md-3"), Column("nama")),
                Row(Column("pegawai"), Column("unit")),
                "induk",
                Row(Column("definisi"), Column("formula")),
            ),
            Fieldset(
                _("Pengukuran"),
                Row(Column("satuan", css_class="col-md-3"), Column("polaritas"), Column("agregasi")),
                Row(Column("desimal"), Column("bobot"), Column("baseline")),
                Row(Column("sumber_data"), Column("sumber_realisasi")),
                Row(Column("utama"), Column("aktif")),
            ),
            Fieldset(_("Target tahunan"), Row(Column("target_bawah"), Column("target_atas"))),
            Fieldset(
                _("Target triwulan"),
                HTML(
                    '<p class="small text-muted">{}</p>'.format(
                        _(
                            "Untuk agregasi kumulatif, jumlah target keempat triwulan harus sama dengan target tahunan. "
                            "Batas atas diisi hanya bila target triwulan berupa rentang."
                        )
                    )
                ),
                *[Row(Column(f"tw{q}_bawah"), Column(f"tw{q}_atas")) for q in range(1, 5)],
            ),
            Field("versi"),
        )

    def _update_errors(self, errors: ValidationError) -> None:
        # The model's cross-field rules read a refused choice as empty ("IKI harus dimiliki seorang pegawai" after
        # "Pilih pegawai aktif OPD ini"): a field keeps only the form's own message.
        if hasattr(errors, "error_dict"):
            sisa = {f: e for f, e in errors.error_dict.items() if f == NON_FIELD_ERRORS or f not in self._errors}
            if not sisa:
                return
            errors = ValidationError(sisa)
        super()._update_errors(errors)

    def clean_desimal(self) -> int:
        desimal = self.cleaned_data["desimal"]
        if not 0 <= desimal <= DESIMAL_MAKS:
            raise forms.ValidationError(_("Jumlah desimal harus antara 0 dan 4."), code="desimal")
        return desimal

    def clean_kode(self) -> str:
        return self.cleaned_data["kode"].strip()

    def clean(self):
        cleaned = super().clean()
        self._cek_kode_unik(cleaned)
        for q in range(1, 5):
            bawah, atas = cleaned.get(f"tw{q}_bawah"), cleaned.get(f"tw{q}_atas")
            if bawah is not None and atas is not None and atas < bawah:
                self.add_error(
                    f"tw{q}_atas",
                    forms.ValidationError(
                        _("Batas atas TW %(tw)s tidak boleh lebih kecil dari batas bawahnya (L ≤ U).")
                        % {"tw": ROMAWI[q]},
                        code="rentang",
                    ),
                )
        if cleaned.get("agregasi") == AgregasiChoices.SUM:
            self._cek_jumlah(cleaned)
        return cleaned

    def _cek_kode_unik(self, cleaned) -> None:
        kode, jenis = cleaned.get("kode"), cleaned.get("jenis")
        if not kode or not jenis:
            return
        sama = Indikator.objects.filter(tahun=self.tahun, kode=kode, jenis=jenis).exclude(pk=self.instance.pk)
        if jenis == Indikator.Jenis.IKU and sama.filter(opd=self.opd).exists():
            self.add_error(
                "kode",
                _("Kode %(kode)s sudah dipakai IKU lain OPD ini pada tahun %(tahun)s.")
                % {"kode": kode, "tahun": self.tahun},
            )
        pegawai = cleaned.get("pegawai")
        if jenis == Indikator.Jenis.IKI and pegawai and sama.filter(pegawai=pegawai).exists():
            self.add_error(
                "kode",
                _("Kode %(kode)s sudah dipakai IKI lain pegawai ini pada tahun %(tahun)s.")
                % {"kode": kode, "tahun": self.tahun},
            )

    def _cek_jumlah(self, cleaned) -> None:
        """Quarterly per-quarter amounts of a cumulative indicator add up to the annual target, bound by bound."""
        tahunan_bawah, tahunan_atas = cleaned.get("target_bawah"), cleaned.get("target_atas")
        triwulan = [(cleaned.get(f"tw{q}_bawah"), cleaned.get(f"tw{q}_atas")) for q in range(1, 5)]
        if tahunan_bawah is None or any(b is None for b, _a in triwulan):
            return  # the missing values have their own message
        if self.has_error("target_atas") or any(self.has_error(f"tw{q}_atas") for q in range(1, 5)):
            return
        if tahunan_atas is not None and tahunan_atas < tahunan_bawah:
            return  # the range is in reverse: that message comes first
        rentang = tahunan_atas is not None or any(a is not None for _b, a in triwulan)
        jumlah_bawah = sum((b for b, _a in triwulan), Decimal(0))
        if jumlah_bawah != tahunan_bawah:
            pesan = (
                _(
                    "Jumlah batas bawah target triwulan (%(jumlah)s) tidak sama dengan batas bawah target tahunan "
                    "(%(tahunan)s): selisih %(selisih)s"
                )
                if rentang
                else _(
                    "Jumlah target triwulan (%(jumlah)s) tidak sama dengan target tahunan (%(tahunan)s): selisih %(selisih)s"
                )
            )
            self.add_error(
                "target_bawah",
                forms.ValidationError(pesan % _angka_selisih(jumlah_bawah, tahunan_bawah), code="jumlah"),
            )
        if not rentang:
            return
        # A single value next to ranges counts as the range [T, T], as the achievement engine reads it.
        tahunan_atas_efektif = tahunan_atas if tahunan_atas is not None else tahunan_bawah
        jumlah_atas = sum((a if a is not None else b for b, a in triwulan), Decimal(0))
        if jumlah_atas != tahunan_atas_efektif:
            pesan = _(
                "Jumlah batas atas target triwulan (%(jumlah)s) tidak sama dengan batas atas target tahunan "
                "(%(tahunan)s): selisih %(selisih)s"
            )
            self.add_error(
                "target_atas",
                forms.ValidationError(pesan % _angka_selisih(jumlah_atas, tahunan_atas_efektif), code="jumlah"),
            )

    # -- what the services take ----------------------------------------------------------------------------------
    def data_indikator(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data}

    def target_triwulan(self) -> dict[int, tuple[Decimal, Decimal | None]]:
        return {q: (self.cleaned_data[f"tw{q}_bawah"], self.cleaned_data.get(f"tw{q}_atas")) for q in range(1, 5)}


def _angka_selisih(jumlah: Decimal, tahunan: Decimal) -> dict[str, str]:
    return {"jumlah": angka(jumlah), "tahunan": angka(tahunan), "selisih": angka(jumlah - tahunan)}


class SalinTahunForm(forms.Form):
    dari_tahun = forms.IntegerField(
        label=_("Salin dari tahun"),
        min_value=TAHUN_MIN,
        max_value=TAHUN_MAX,
        error_messages={"required": _("Isi tahun asal.")},
    )
    ke_tahun = forms.IntegerField(
        label=_("Ke tahun"),
        min_value=TAHUN_MIN,
        max_value=TAHUN_MAX,
        error_messages={"required": _("Isi tahun tujuan.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's own form tag carries the token
        for name in ("dari_tahun", "ke_tahun"):
            self.fields[name].error_messages["min_value"] = _("Tahun antara %(a)s dan %(b)s.") % {
                "a": TAHUN_MIN,
                "b": TAHUN_MAX,
            }
            self.fields[name].error_messages["max_value"] = self.fields[name].error_messages["min_value"]
            self.fields[name].widget.attrs.update({"min": TAHUN_MIN, "max": TAHUN_MAX})

    def clean(self):
        cleaned = super().clean()
        dari, ke = cleaned.get("dari_tahun"), cleaned.get("ke_tahun")
        if dari and ke and dari == ke:
            self.add_error("ke_tahun", _("Tahun tujuan harus berbeda dari tahun asal."))
        return cleaned
