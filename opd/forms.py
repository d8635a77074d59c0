"""Input validation for the organisation, staff, days-off and audit pages, and the honeypot the public forms share."""

import datetime

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import FileExtensionValidator, MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .impor import EKSTENSI, BerkasTidakValid, baca_berkas
from .lingkup import get_lingkup
from .models import HariLibur, Instansi

UKURAN_MAKS_IMPOR = 5 * 1024 * 1024


class PegawaiImportForm(forms.Form):
    """A staff file for one instansi. Reading the file is part of validating it: `cleaned_data["rows"]` holds the rows.

    The instansi is asked for only when the user administers more than one (or is a superuser); otherwise it is the
    one they administer, as `self.instansi`.
    """

    instansi = forms.ModelChoiceField(
        label=_("Instansi"),
        queryset=Instansi.objects.none(),
        error_messages={
            "required": _("Pilih instansi."),
            "invalid_choice": _("Pilih instansi yang Anda kelola."),
        },
    )
    berkas = forms.FileField(
        label=_("Berkas pegawai"),
        help_text=_("CSV (UTF-8, pemisah koma atau titik koma) atau Excel .xlsx, paling besar 5 MB."),
        validators=[
            FileExtensionValidator(
                allowed_extensions=[e.lstrip(".") for e in EKSTENSI],
                message=_("Jenis berkas tidak didukung: unggah berkas .csv atau .xlsx."),
            )
        ],
        error_messages={
            "required": _("Pilih berkas yang akan diimpor."),
            "empty": _("Berkas yang diunggah kosong."),
            "invalid": _("Tidak ada berkas yang diunggah: periksa jenis isian formulir."),
            "missing": _("Tidak ada berkas yang diunggah."),
        },
        widget=forms.FileInput(attrs={"accept": ",".join(EKSTENSI)}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        lingkup = get_lingkup(user)
        if lingkup.superuser:
            pilihan = Instansi.objects.all()
        else:
            pilihan = Instansi.objects.filter(pk__in=lingkup.admin_instansi)
        self.instansi: Instansi | None = None
        if lingkup.superuser or len(lingkup.admin_instansi) > 1:
            self.fields["instansi"].queryset = pilihan.order_by("nama")
        else:
            del self.fields["instansi"]
            self.instansi = pilihan.first()

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > UKURAN_MAKS_IMPOR:
            raise forms.ValidationError(_("Berkas terlalu besar: paling besar 5 MB."), code="terlalu_besar")
        return berkas

    def clean(self):
        cleaned = super().clean()
        if "instansi" in self.fields:
            self.instansi = cleaned.get("instansi")
        elif self.instansi is None:
            raise forms.ValidationError(_("Anda tidak mengelola instansi mana pun."), code="tanpa_instansi")
        berkas = cleaned.get("berkas")
        if berkas is not None and not self.has_error("berkas"):
            try:
                cleaned["rows"] = baca_berkas(berkas=berkas, nama_berkas=berkas.name)
            except BerkasTidakValid as exc:
                self.add_error("berkas", str(exc))
        return cleaned


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil; setelah 10 kali gagal, akun "
            "dikunci sementara."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # AuthenticationForm sets the field's max_length after building it, so without this validator a name longer
        # than any account's reached authenticate() and the lockout records (a database error on PostgreSQL).
        self.fields["username"].validators.append(MaxLengthValidator(self.fields["username"].max_length))


class HoneypotMixin(forms.Form):
    """A field people never see (hidden by CSS, skipped by keyboard and screen readers) that simple bots fill in."""

    situs_web = forms.CharField(
        label=_("Jangan diisi"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def terisi_bot(self) -> bool:
        return bool(self.cleaned_data.get("situs_web"))


class HariLiburForm(forms.ModelForm):
    class Meta:
        model = HariLibur
        fields = ["instansi", "tanggal", "keterangan"]
        widgets = {"tanggal": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, instansi_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instansi"].queryset = instansi_qs
        self.fields["instansi"].empty_label = None

    def validate_unique(self):
        # The service reports a duplicate date in words the user understands.
        pass


class AuditFilterForm(forms.Form):
    """The audit page's filters (all optional). The dates are days in the user's time zone, both included."""

    pengguna = forms.CharField(label=_("Nama pengguna"), required=False, max_length=150)
    dari = forms.DateField(label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sampai = forms.DateField(label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    jenis = forms.ChoiceField(label=_("Jenis"), required=False)
    objek = forms.ChoiceField(label=_("Jenis objek"), required=False)
    objek_id = forms.IntegerField(label=_("ID objek"), required=False, min_value=1)
    instansi = forms.ModelChoiceField(
        label=_("Instansi"), queryset=Instansi.objects.none(), required=False, empty_label=_("Semua instansi")
    )

    def __init__(self, *args, instansi_qs, banyak_instansi: bool, **kwargs):
        from .audit import jenis_objek
        from .models import JenisAudit

        super().__init__(*args, **kwargs)
        self.fields["jenis"].choices = [("", _("Semua jenis")), *JenisAudit.choices]
        objek = sorted((label, str(model._meta.verbose_name)) for label, model in jenis_objek().items())
        self.fields["objek"].choices = [("", _("Semua objek")), *objek]
        if banyak_instansi:
            self.fields["instansi"].queryset = instansi_qs
        else:
            del self.fields["instansi"]

    def clean(self):
        cleaned = super().clean()
        dari, sampai = cleaned.get("dari"), cleaned.get("sampai")
        if dari and sampai and sampai < dari:
            self.add_error("sampai", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return cleaned

    def saringan(self) -> dict:
        """The valid filters as `selectors.catatan_audit_cari` takes them."""
        data = self.cleaned_data
        zona = timezone.get_current_timezone()

        def awal_hari(tanggal: datetime.date) -> datetime.datetime:
            return datetime.datetime.combine(tanggal, datetime.time.min, tzinfo=zona)

        return {
            "pengguna": data.get("pengguna", "").strip(),
            "mulai": awal_hari(data["dari"]) if data.get("dari") else None,
            "sebelum": awal_hari(data["sampai"] + datetime.timedelta(days=1)) if data.get("sampai") else None,
            "jenis": data.get("jenis", ""),
            "objek": data.get("objek", ""),
            "objek_id": data.get("objek_id"),
            "instansi": data.get("instansi"),
        }


class KodeDuaLangkahForm(forms.Form):
    """A code of the second step: six digits from the authenticator app, or (where allowed) a recovery code."""

    kode = forms.CharField(
        label=_("Kode"),
        max_length=40,
        error_messages={"required": _("Masukkan kode.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )

    def __init__(self, *args, pemulihan: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.pemulihan = pemulihan
        self.fields["kode"].help_text = (
            _("Enam angka dari aplikasi autentikator, atau salah satu kode pemulihan Anda.")
            if pemulihan
            else _("Enam angka yang ditampilkan aplikasi autentikator.")
        )

    def clean_kode(self) -> str:
        from .dua_langkah import PANJANG_KODE, rapikan

        kode = rapikan(self.cleaned_data["kode"])
        if not self.pemulihan and not (kode.isdigit() and len(kode) == PANJANG_KODE):
            raise forms.ValidationError(_("Kode terdiri dari enam angka."))
        return kode
