"""The bar chart and heat map of evaluasi/charts.py and the report charts built on them: every text escaped, a title
and aria-label saying what the colours show, no style attribute, no script."""

import re
from decimal import Decimal

import pytest
from django.utils import translation

from evaluasi.charts import BarisBatang, Batang, Sel, bar_svg, heatmap_svg
from laporan import grafik

D = Decimal
JAHAT = '<script>alert("x")</script>&"\''


def assert_bersih(svg: str) -> None:
    assert "<script" not in svg
    assert "style=" not in svg
    assert not re.search(r"\son[a-z]+=", svg)


def test_bar_chart_escapes_every_text_and_keeps_colour_attributes_only():
    svg = bar_svg(
        [BarisBatang(label=JAHAT, batang=[Batang(nilai=D(50), teks=JAHAT, warna='red" onload="x', judul=JAHAT)])],
        label=JAHAT,
        reference=D(100),
        reference_label=JAHAT,
        legend=[(JAHAT, "#198754")],
    )
    assert_bersih(svg)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&quot;&#x27;" in svg
    assert 'fill="#0b4f6c"' in svg  # an invalid colour falls back
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="grafik"')
    assert 'role="img" aria-label="&lt;script&gt;' in svg


def test_bar_chart_scales_to_the_largest_value_and_leaves_none_without_a_bar():
    svg = bar_svg(
        [
            BarisBatang("A", [Batang(D(100), "100%")]),
            BarisBatang("B", [Batang(D(50), "50%")]),
            BarisBatang("C", [Batang(None, "Belum diisi")]),
        ],
        label="uji",
        maximum=D(100),
        width=420,
        label_width=100,
        text_width=70,
    )
    widths = [D(w) for w in re.findall(r'<rect x="100.00" y="[\d.]+" width="([\d.]+)"', svg)]
    assert widths == [D("250.00"), D("125.00")]  # span = 420 - 100 - 70
    assert ">Belum diisi</text>" in svg


def test_long_labels_are_shortened_with_the_full_text_in_their_title():
    nama = "Persentase dokumen kependudukan yang terbit tepat waktu di seluruh kecamatan"
    svg = bar_svg([BarisBatang(nama, [Batang(D(1), "1%")])], label="uji")
    assert f"<title>{nama}</title>" in svg
    assert "…" in svg


def test_heat_map_writes_each_value_in_its_cell():
    svg = heatmap_svg(
        ["Dinas <A>"],
        ["TW I", "TW II"],
        [[Sel("80,00%", "#20c997", "#052c22", "Dinas A, TW I: 80,00% (Baik)"), Sel("–", "bad", "bad")]],
        label="Peta",
    )
    assert_bersih(svg)
    assert ">80,00%</text>" in svg
    assert "<title>Dinas A, TW I: 80,00% (Baik)</title>" in svg
    assert "Dinas &lt;A&gt;" in svg
    assert 'fill="#e9ecef"' in svg  # invalid colour → the grey of "none"


def test_heat_map_refuses_cells_that_do_not_match_the_labels():
    with pytest.raises(ValueError):
        heatmap_svg(["a", "b"], ["TW I"], [[Sel("1", "#fff")]], label="x")


def test_report_charts_speak_indonesian_and_say_why_a_value_is_missing():
    with translation.override("id"):
        svg = grafik.bar_capaian(
            [
                ("IKU-01 KTP", D("96.66666"), "sangat_baik", 2, "ok"),
                ("IKU-02 Akta", None, "", 2, "belum_diisi"),
                ("IKU-03 Nol", None, "", 0, "tidak_dapat_dihitung"),
            ],
            judul="Capaian",
        )
        peta = grafik.heatmap_triwulan(
            [
                (
                    "Dinas A",
                    [(D("1234.5"), "sangat_baik", "ok"), (None, "", ""), (D(50), "sangat_kurang", ""), (None, "", "")],
                )
            ],
            judul="Peta",
        )
    assert "IKU-01 KTP: 96,67%; IKU-02 Akta: Belum diisi; IKU-03 Nol: Tidak dapat dihitung" in svg
    assert ">96,67% (Sangat Baik)</text>" in svg
    assert ">1.234,50%</text>" in peta  # Indonesian grouping and decimals
    assert "Dinas A, TW III: 50,00% (Sangat Kurang)" in peta
