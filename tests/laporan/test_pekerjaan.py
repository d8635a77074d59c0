"""Report jobs: requested in the web request, rendered by the `reports` task, listed and downloaded in the download
centre, served again from the stored file while the data has not changed, failing with a reason."""

import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from evaluasi.recalc import recalculate
from kinerja.celery import app
from laporan import render, services
from laporan.models import BerkasLaporan, Laporan
from laporan.tasks import render_laporan

from .conftest import TAHUN, isi, teks_pdf

MINTA = reverse("laporan:minta")


def data_rekap(world, **extra):
    return {
        "jenis": "rekap_instansi",
        "instansi": world.instansi.pk,
        "tahun": TAHUN,
        "triwulan": 2,
        "format": "pdf",
    } | (extra)


def data_triwulan(world, **extra):
    base = {"jenis": "capaian_triwulan_opd", "opd": world.opd.pk, "tahun": TAHUN, "triwulan": 2, "format": "pdf"}
    return base | extra


@pytest.fixture
def hitung_render(monkeypatch):
    """Counts the PDFs actually rendered (the real renderer still runs)."""
    calls = []
    real = render.pdf_dari_html

    def spy(html, **kwargs):
        calls.append(html)
        return real(html, **kwargs)

    monkeypatch.setattr(render, "pdf_dari_html", spy)
    return calls


def minta(client, user, data, capture):
    client.force_login(user)
    with capture(execute=True):
        response = client.post(MINTA, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Laporan.objects.latest("pk"), response


def test_render_task_is_routed_to_the_reports_queue():
    assert render_laporan.name == "kinerja.reports.render"
    assert app.amqp.router.route({}, render_laporan.name)["queue"].name == "reports"


@pytest.mark.django_db
def test_request_queues_a_job_and_renders_nothing_in_the_web_request(
    client, world, data_laporan, monkeypatch, django_capture_on_commit_callbacks
):
    def no_render(*args, **kwargs):
        raise AssertionError("rendered in the web request")

    sent = []
    monkeypatch.setattr(render, "pdf_dari_html", no_render)
    monkeypatch.setattr(render_laporan, "delay", lambda **kwargs: sent.append(kwargs))
    laporan, response = minta(client, world.users["admin_bkn"], data_rekap(world), django_capture_on_commit_callbacks)

    assert response["Location"] == reverse("laporan:detail", args=[laporan.pk])
    assert laporan.status == Laporan.Status.ANTRI
    assert (laporan.jenis, laporan.instansi, laporan.opd, laporan.tahun, laporan.triwulan) == (
        "rekap_instansi",
        world.instansi,
        None,
        TAHUN,
        2,
    )
    assert laporan.diminta_oleh == world.users["admin_bkn"]
    assert laporan.bahasa == "id"
    assert sent == [{"laporan_id": laporan.pk}]  # enqueued once, on commit

    page = client.get(reverse("laporan:detail", args=[laporan.pk]))
    html = page.content.decode()
    assert "Dalam antrean" in html
    assert f'hx-get="{reverse("laporan:detail", args=[laporan.pk])}" hx-trigger="every 2s"' in html
    partial = client.get(reverse("laporan:detail", args=[laporan.pk]), HTTP_HX_REQUEST="true")
    assert partial.content.decode().strip().startswith('<div id="status-laporan"')
    assert client.get(reverse("laporan:unduh", args=[laporan.pk])).status_code == 404  # not ready yet


@pytest.mark.django_db
def test_worker_renders_the_job_and_its_owner_downloads_the_pdf(
    client, world, data_laporan, django_capture_on_commit_callbacks
):
    laporan, _response = minta(client, world.users["admin_bkn"], data_rekap(world), django_capture_on_commit_callbacks)
    laporan.refresh_from_db()
    assert laporan.status == Laporan.Status.SELESAI
    assert laporan.dari_cache is False
    assert laporan.mulai_pada <= laporan.selesai_pada

    detail = client.get(reverse("laporan:detail", args=[laporan.pk])).content.decode()
    assert "Selesai" in detail
    assert 'hx-trigger="every' not in detail  # finished: no more polling
    response = client.get(reverse("laporan:unduh", args=[laporan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="rekap-kota-uji-2026-TWII.pdf"'
    body = b"".join(response.streaming_content)
    reader = PdfReader(io.BytesIO(body))
    assert reader.metadata.title == "Rekap Kinerja Instansi Triwulan II Tahun 2026 – Pemerintah Kota Uji"
    assert f"Versi data {laporan.berkas.versi_data[:12]}" in teks_pdf(body)

    index = client.get(reverse("laporan:index")).content.decode()
    assert reverse("laporan:unduh", args=[laporan.pk]) in index
    assert "Rekap Kinerja Instansi" in index


@pytest.mark.django_db
def test_unchanged_data_is_served_from_the_stored_file_and_changed_data_renders_again(
    client, world, data_laporan, hitung_render, django_capture_on_commit_callbacks
):
    pertama, _r = minta(client, world.users["tim_evaluasi"], data_triwulan(world), django_capture_on_commit_callbacks)
    kedua, _r = minta(client, world.users["admin_instansi"], data_triwulan(world), django_capture_on_commit_callbacks)
    pertama.refresh_from_db()
    kedua.refresh_from_db()
    assert len(hitung_render) == 1
    assert (pertama.dari_cache, kedua.dari_cache) == (False, True)
    assert kedua.status == Laporan.Status.SELESAI
    assert kedua.berkas_id == pertama.berkas_id
    assert BerkasLaporan.objects.count() == 1

    # A new verified value changes the stored rows, so the data version: rendered again.
    isi(data_laporan["iku04"], 1, 10)
    recalculate(instansi_id=world.instansi.pk, tahun=TAHUN)
    ketiga, _r = minta(client, world.users["tim_evaluasi"], data_triwulan(world), django_capture_on_commit_callbacks)
    ketiga.refresh_from_db()
    assert len(hitung_render) == 2
    assert ketiga.dari_cache is False
    assert ketiga.berkas.versi_data != pertama.berkas.versi_data

    # Another format is another file, even over the same data.
    excel, _r = minta(
        client, world.users["tim_evaluasi"], data_triwulan(world, format="xlsx"), django_capture_on_commit_callbacks
    )
    excel.refresh_from_db()
    assert excel.dari_cache is False
    assert excel.berkas.format == "xlsx"
    assert len(hitung_render) == 2


@pytest.mark.django_db
def test_a_stored_file_removed_from_disk_is_rendered_again(
    client, world, data_laporan, hitung_render, django_capture_on_commit_callbacks
):
    pertama, _r = minta(client, world.users["tim_evaluasi"], data_triwulan(world), django_capture_on_commit_callbacks)
    pertama.refresh_from_db()
    pertama.berkas.berkas.storage.delete(pertama.berkas.berkas.name)
    kedua, _r = minta(client, world.users["tim_evaluasi"], data_triwulan(world), django_capture_on_commit_callbacks)
    kedua.refresh_from_db()
    assert kedua.status == Laporan.Status.SELESAI
    assert kedua.dari_cache is False
    assert len(hitung_render) == 2


@pytest.mark.django_db
def test_a_failed_render_records_its_reason_and_running_it_again_changes_nothing(
    client, world, data_laporan, monkeypatch, django_capture_on_commit_callbacks
):
    def boom(*args, **kwargs):
        raise RuntimeError("pango meledak")

    monkeypatch.setattr(render, "pdf_dari_html", boom)
    laporan, _r = minta(client, world.users["admin_instansi"], data_rekap(world), django_capture_on_commit_callbacks)
    laporan.refresh_from_db()
    assert laporan.status == Laporan.Status.GAGAL
    assert laporan.alasan_gagal == (
        "Terjadi kesalahan saat membuat laporan (RuntimeError). Coba minta lagi; bila terulang, hubungi admin."
    )
    assert "pango" not in laporan.alasan_gagal  # internals stay in the log
    assert laporan.berkas is None
    html = client.get(reverse("laporan:detail", args=[laporan.pk])).content.decode()
    assert "Gagal" in html and "RuntimeError" in html
    assert client.get(reverse("laporan:unduh", args=[laporan.pk])).status_code == 404

    monkeypatch.undo()
    render_laporan.delay(laporan_id=laporan.pk)  # redelivered: a finished job is left alone
    laporan.refresh_from_db()
    assert laporan.status == Laporan.Status.GAGAL
    assert render_laporan.delay(laporan_id=999_999).get() is None  # a job that is gone: quietly nothing


@pytest.mark.django_db
def test_the_same_request_while_queued_returns_the_queued_job(world, data_laporan, monkeypatch):
    monkeypatch.setattr(render_laporan, "delay", lambda **kwargs: None)
    kwargs = {
        "actor": world.users["admin_instansi"],
        "jenis": "rekap_instansi",
        "instansi": world.instansi,
        "tahun": TAHUN,
        "triwulan": 2,
    }
    pertama = services.laporan_minta(**kwargs)
    assert services.laporan_minta(**kwargs) == pertama
    assert services.laporan_minta(**kwargs | {"format": "xlsx"}) != pertama


@pytest.mark.django_db
def test_service_refuses_a_report_whose_data_the_actor_may_not_read(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.laporan_minta(
            actor=world.users["pimpinan_opd"], jenis="rekap_instansi", instansi=world.instansi, tahun=TAHUN, triwulan=1
        )
    with pytest.raises(PermissionDenied):
        services.laporan_minta(
            actor=world.users["admin_lain"],
            jenis="capaian_triwulan_opd",
            instansi=world.instansi,
            opd=world.opd,
            tahun=TAHUN,
            triwulan=1,
        )
    assert not Laporan.objects.exists()


@pytest.mark.django_db
def test_requesting_or_downloading_another_instansis_report_is_404(
    client, world, data_laporan, django_capture_on_commit_callbacks
):
    laporan, _r = minta(client, world.users["admin_instansi"], data_rekap(world), django_capture_on_commit_callbacks)
    lain = world.users["admin_lain"]
    client.force_login(lain)
    assert client.post(MINTA, data_rekap(world)).status_code == 404
    assert client.post(MINTA, data_triwulan(world)).status_code == 404
    assert client.get(reverse("laporan:detail", args=[laporan.pk])).status_code == 404
    assert client.get(reverse("laporan:unduh", args=[laporan.pk])).status_code == 404
    assert Laporan.objects.count() == 1
    assert reverse("laporan:detail", args=[laporan.pk]) not in client.get(reverse("laporan:index")).content.decode()


@pytest.mark.django_db
def test_an_automatic_report_is_listed_for_everyone_who_may_read_its_data(client, world):
    otomatis = Laporan.objects.create(
        jenis="capaian_triwulan_opd", bahasa="id", instansi=world.instansi, opd=world.opd, tahun=TAHUN, triwulan=1
    )
    pribadi = Laporan.objects.create(
        jenis="capaian_triwulan_opd",
        bahasa="id",
        instansi=world.instansi,
        opd=world.opd,
        tahun=TAHUN,
        triwulan=1,
        diminta_oleh=world.users["admin_instansi"],
    )
    for role, sees_auto, sees_private in (
        ("pimpinan_opd", True, False),
        ("admin_instansi", True, True),
        ("asn", False, False),
        ("admin_lain", False, False),
    ):
        client.force_login(world.users[role])
        html = client.get(reverse("laporan:index")).content.decode()
        assert (reverse("laporan:detail", args=[otomatis.pk]) in html) is sees_auto, role
        assert (reverse("laporan:detail", args=[pribadi.pk]) in html) is sees_private, role


@pytest.mark.django_db
def test_form_refuses_a_quarterly_report_without_its_triwulan(client, world):
    client.force_login(world.users["admin_instansi"])
    response = client.post(MINTA, data_triwulan(world, triwulan=""))
    assert response.status_code == 200
    assert "Laporan ini per triwulan: pilih triwulannya." in response.content.decode()
    assert not Laporan.objects.exists()
    form = client.get(MINTA, {"jenis": "rekap_instansi"}).content.decode()
    assert 'value="rekap_instansi" checked' in form
    assert "Pemerintah Kota Lain" not in form  # only instansi in the user's scope are offered


@pytest.mark.django_db
def test_download_centre_query_count_does_not_grow_with_the_jobs(client, world, django_assert_num_queries):
    def buat(n):
        Laporan.objects.bulk_create(
            Laporan(
                jenis="capaian_triwulan_opd",
                bahasa="id",
                instansi=world.instansi,
                opd=world.opd,
                tahun=TAHUN,
                triwulan=1,
                diminta_oleh=world.users["admin_instansi"],
                status="selesai" if k % 2 else "antri",
            )
            for k in range(n)
        )

    client.force_login(world.users["admin_instansi"])
    url = reverse("laporan:index")
    buat(1)
    client.get(url)
    # session, user, roles, pegawai, instansi zone, count, page of jobs (with OPD, instansi, file joined)
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200
    buat(20)
    with django_assert_num_queries(7):
        response = client.get(url)
    assert response.content.decode().count('class="badge text-bg-') == 21


@pytest.mark.django_db
def test_excel_job_is_downloaded_as_a_workbook(client, world, data_laporan, django_capture_on_commit_callbacks):
    import openpyxl

    laporan, _r = minta(
        client, world.users["admin_bkn"], data_rekap(world, format="xlsx"), django_capture_on_commit_callbacks
    )
    response = client.get(reverse("laporan:unduh", args=[laporan.pk]))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="rekap-kota-uji-2026-TWII.xlsx"'
    wb = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert wb.sheetnames == ["Rekap OPD", "Sebaran predikat"]
    assert Decimal(str(wb["Rekap OPD"]["C10"].value)).quantize(Decimal("0.01")) == Decimal("96.67")


@pytest.mark.django_db
def test_asn_requests_their_own_final_evaluation_document_from_their_dashboard(
    client, world, penilaian_laporan, django_capture_on_commit_callbacks
):
    client.force_login(world.users["asn"])
    dasbor = client.get(reverse("dasbor:saya"), {"tahun": TAHUN}).content.decode()
    assert 'value="evaluasi_pegawai"' in dasbor
    assert "Dokumen evaluasi Maria Goreti TW II 2026: PDF" in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", dasbor))

    data = {"jenis": "evaluasi_pegawai", "pegawai": world.pegawai.pk, "tahun": TAHUN, "triwulan": 2, "format": "pdf"}
    laporan, _r = minta(client, world.users["asn"], data, django_capture_on_commit_callbacks)
    laporan.refresh_from_db()
    assert (laporan.status, laporan.pegawai, laporan.opd, laporan.triwulan) == ("selesai", world.pegawai, world.opd, 2)
    response = client.get(reverse("laporan:unduh", args=[laporan.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="evaluasi-{world.pegawai.nip}-2026-TWII.pdf"'
    body = b"".join(response.streaming_content)
    assert PdfReader(io.BytesIO(body)).metadata.title == (
        "Dokumen Evaluasi Kinerja Pegawai – Maria Goreti – Triwulan II Tahun 2026"
    )

    # The annual evaluation: no triwulan.
    tahunan, _r = minta(client, world.users["asn"], data | {"triwulan": ""}, django_capture_on_commit_callbacks)
    tahunan.refresh_from_db()
    assert (tahunan.status, tahunan.triwulan) == ("selesai", None)


@pytest.mark.django_db
def test_evaluation_document_needs_a_final_evaluation_the_user_may_read(client, world, penilaian_laporan):
    data = {"jenis": "evaluasi_pegawai", "tahun": TAHUN, "triwulan": 3, "format": "pdf", "pegawai": world.pegawai.pk}
    client.force_login(world.users["asn"])
    response = client.post(MINTA, data)
    assert response.status_code == 200
    assert "Belum ada penilaian final untuk periode ini." in response.content.decode()
    # A colleague's evaluation is a 404 to an ASN; the Petugas Pengaduan and another instansi read no evaluation.
    assert client.post(MINTA, data | {"pegawai": world.pegawai_lain.pk, "triwulan": 2}).status_code == 404
    for role in ("petugas_pengaduan", "admin_lain"):
        client.force_login(world.users[role])
        assert client.post(MINTA, data | {"triwulan": 2}).status_code == 404
    assert not Laporan.objects.exists()
    # The OPD's head sees the staff's final evaluations listed on the OPD dashboard, with their document buttons.
    client.force_login(world.users["pimpinan_opd"])
    html = client.get(reverse("dasbor:opd", args=[world.opd.pk]), {"tahun": TAHUN}).content.decode()
    assert html.count('value="evaluasi_pegawai"') == 4  # TW II ×3 and the annual one; the draft is not listed
    client.force_login(world.users["petugas_pengaduan"])
    html = client.get(reverse("dasbor:opd", args=[world.opd.pk]), {"tahun": TAHUN}).content.decode()
    assert 'value="evaluasi_pegawai"' not in html


@pytest.mark.django_db
def test_complaint_and_survey_reports_are_requested_per_opd_for_a_triwulan_or_the_year(
    client, world, pengaduan_laporan, django_capture_on_commit_callbacks
):
    base = {"opd": world.opd.pk, "tahun": TAHUN, "format": "pdf"}
    skm, _r = minta(
        client,
        world.users["tim_evaluasi"],
        base | {"jenis": "laporan_skm", "triwulan": ""},
        django_capture_on_commit_callbacks,
    )
    skm.refresh_from_db()
    assert (skm.status, skm.triwulan) == ("selesai", None)
    body = b"".join(client.get(reverse("laporan:unduh", args=[skm.pk])).streaming_content)
    assert PdfReader(io.BytesIO(body)).metadata.title == (
        "Laporan Survei Kepuasan Masyarakat Tahun 2026 – Dinas Kependudukan dan Pencatatan Sipil"
    )
    aduan, _r = minta(
        client,
        world.users["petugas_pengaduan"],
        base | {"jenis": "rekap_pengaduan", "triwulan": 2, "format": "xlsx"},
        django_capture_on_commit_callbacks,
    )
    response = client.get(reverse("laporan:unduh", args=[aduan.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="rekap-pengaduan-DUKCAPIL-2026-TWII.xlsx"'
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert wb.sheetnames == ["Ringkasan", "Status dan kategori", "Daftar pengaduan"]
    rows = [list(row) for row in wb["Daftar pengaduan"].iter_rows(values_only=True)]
    kepala = next(i for i, row in enumerate(rows) if row[0] == "Nomor")
    assert [row[4] for row in rows[kepala + 1 :]] == [
        'KTP belum jadi <script>alert("x")</script>',
        "Pengaduan 2",
        "Pengaduan 3",
    ]
    # Another instansi's OPD: 404.
    client.force_login(world.users["admin_lain"])
    assert client.post(MINTA, base | {"jenis": "rekap_pengaduan", "triwulan": 2}).status_code == 404
