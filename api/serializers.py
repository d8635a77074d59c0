"""What the API shows of each row. Read-only; ids link rows to one another (an indicator's `opd` is an OPD's `id`).
Nothing of a complaint's reporter and nothing of a user account is ever shown."""

from rest_framework import serializers

from evaluasi.models import CapaianTriwulan, Realisasi, SkorOpd, SkorPegawai
from indikator.models import Indikator, TargetTriwulan
from opd.models import Instansi, Opd, Pegawai
from penilaian.models import Penilaian, PredikatOpd
from survei.models import UNSUR


class InstansiSerializer(serializers.ModelSerializer):
    class Meta:
        model = Instansi
        fields = ["id", "kode", "nama", "jenis", "zona_waktu", "alamat", "batas_capaian"]


class OpdSerializer(serializers.ModelSerializer):
    class Meta:
        model = Opd
        fields = ["id", "instansi", "kode", "nama", "singkatan", "jenis", "kepala"]


class PegawaiSerializer(serializers.ModelSerializer):
    nama_lengkap = serializers.CharField(read_only=True)
    pangkat = serializers.CharField(read_only=True)

    class Meta:
        model = Pegawai
        fields = [
            "id",
            "nip",
            "nama",
            "gelar_depan",
            "gelar_belakang",
            "nama_lengkap",
            "status",
            "golongan",
            "pangkat",
            "jabatan",
            "jenis_jabatan",
            "opd",
            "unit",
            "atasan",
            "aktif",
        ]


class TargetTriwulanSerializer(serializers.ModelSerializer):
    class Meta:
        model = TargetTriwulan
        fields = ["triwulan", "target_bawah", "target_atas"]


class IndikatorSerializer(serializers.ModelSerializer):
    target_triwulan = TargetTriwulanSerializer(many=True, read_only=True)

    class Meta:
        model = Indikator
        fields = [
            "id",
            "instansi",
            "opd",
            "pegawai",
            "unit",
            "jenis",
            "tahun",
            "kode",
            "nama",
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
            "induk",
            "target_bawah",
            "target_atas",
            "aktif",
            "target_triwulan",
        ]


class RealisasiSerializer(serializers.ModelSerializer):
    opd = serializers.IntegerField(source="indikator.opd_id", read_only=True)
    tahun = serializers.IntegerField(source="indikator.tahun", read_only=True)

    class Meta:
        model = Realisasi
        fields = [
            "id",
            "indikator",
            "opd",
            "tahun",
            "triwulan",
            "nilai",
            "status",
            "kendala",
            "solusi",
            "bukti_tautan",
            "diajukan_pada",
            "diverifikasi_pada",
            "diubah_pada",
        ]


class CapaianSerializer(serializers.ModelSerializer):
    class Meta:
        model = CapaianTriwulan
        fields = [
            "id",
            "indikator",
            "opd",
            "pegawai",
            "tahun",
            "triwulan",
            "realisasi",
            "target_bawah",
            "target_atas",
            "sd_realisasi",
            "sd_target_bawah",
            "sd_target_atas",
            "status",
            "capaian_triwulan",
            "capaian_raw",
            "capaian",
            "band",
            "bobot",
        ]


class SkorOpdSerializer(serializers.ModelSerializer):
    class Meta:
        model = SkorOpd
        fields = ["id", "opd", "tahun", "triwulan", "skor", "band", "jumlah_indikator", "jumlah_dihitung"]


class SkorPegawaiSerializer(serializers.ModelSerializer):
    opd = serializers.IntegerField(source="pegawai.opd_id", read_only=True)

    class Meta:
        model = SkorPegawai
        fields = ["id", "pegawai", "opd", "tahun", "triwulan", "skor", "band", "jumlah_indikator", "jumlah_dihitung"]


class PenilaianSerializer(serializers.ModelSerializer):
    opd = serializers.IntegerField(source="pegawai.opd_id", read_only=True)

    class Meta:
        model = Penilaian
        fields = [
            "id",
            "pegawai",
            "opd",
            "tahun",
            "jenis",
            "triwulan",
            "status",
            "hasil_kerja",
            "perilaku",
            "predikat",
            "skor",
            "difinalkan_pada",
            "diubah_pada",
        ]


class PredikatOpdSerializer(serializers.ModelSerializer):
    class Meta:
        model = PredikatOpd
        fields = ["id", "opd", "tahun", "predikat", "predikat_saran", "skor", "ditetapkan_pada"]


# -- figures per OPD (computed for the OPDs of one page) -------------------------------------------------------------


class StatistikPengaduanSerializer(serializers.Serializer):
    """Complaints routed to one OPD in a year: counts and response times only, never a complaint's content or its
    reporter."""

    opd = serializers.IntegerField()
    tahun = serializers.IntegerField()
    diterima = serializers.IntegerField(help_text="Pengaduan yang diterima OPD pada tahun itu.")
    dijawab = serializers.IntegerField(help_text="Dari jumlah itu, yang sudah dijawab.")
    median_respons = serializers.DecimalField(
        max_digits=8, decimal_places=1, allow_null=True, help_text="Median hari kerja sampai respons pertama."
    )
    tepat_waktu = serializers.DecimalField(
        max_digits=5, decimal_places=1, allow_null=True, help_text="Persen pengaduan yang direspons dalam tenggat."
    )


class HasilSurveiSerializer(serializers.Serializer):
    """The satisfaction survey (IKM, PermenPAN-RB 14/2017) of one OPD in a year or a triwulan."""

    opd = serializers.IntegerField()
    tahun = serializers.IntegerField()
    triwulan = serializers.IntegerField(allow_null=True)
    jumlah_responden = serializers.IntegerField()
    nrr = serializers.DictField(
        child=serializers.DecimalField(max_digits=6, decimal_places=4, allow_null=True),
        help_text="NRR per unsur: " + ", ".join(u for u, _label in UNSUR) + ".",
    )
    ikm = serializers.DecimalField(max_digits=8, decimal_places=4, allow_null=True)
    ikm_konversi = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    mutu = serializers.ChoiceField(choices=["A", "B", "C", "D"], allow_null=True)
