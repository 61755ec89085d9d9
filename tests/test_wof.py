"""Who's On First extracts: read (bad lines reported, deprecated rows dropped), compiled into an
index with `gazetteer build --wof`, described by `gazetteer info`, and shipped in the package.

The extract here is a small file in the shipped layout written by the test: invented villages in
a real country, so that only this file can place them. The index is built without the packaged
places (--no-packaged), which keeps the build to seconds.
"""

import gzip

import pytest
from typer.testing import CliRunner

from conflictcoder.gazetteer import Gazetteer, arabic_key
from conflictcoder.geodesy import km
from conflictcoder.wof import WOF_ID_OFFSET, manifest, packaged_files, read


def row(wid, name, lat, lon, cc="SY", a1="Idlib", a2="Harim", gn="", alts="", fclass="P", fcode="locality",
        ar="", deprecated="0"):
    cols = [str(wid), name, name, alts, str(lat), str(lon), fclass, fcode, cc, a1, a2, "", ar, str(gn),
            "locality", "1", deprecated]
    return "\t".join(cols) + "\n"


ROWS = [
    "#id\tname\tasciiname\talternatenames\tlat\tlon\tfclass\tfcode\tcc\tadmin1_name\tadmin2_name\t"
    "population\tname_ar\tgeonames_id\twof_placetype\tmz_is_current\tdeprecated\n",
    row(7001, "Tall Zawzafan", 36.12, 36.55, gn=99000101, alts="Tell Zouzafan,Tal Zawzafan", ar="تل زوزفان"),
    row(7002, "Kafr Qurmul", 36.20, 36.60, alts="Kfar Qurmoul"),  # no GeoNames id
    row(7003, "Khirbat Dahnun", 36.25, 36.65, gn=99000103, deprecated="1"),  # deprecated: dropped
    "7004\ttoo few columns\n",
    row(7005, "Ayn Qatrun", "north", 36.7, gn=99000105),  # a latitude that is not a number
    row(7010, "Harim", 36.2, 36.52, a2="Harim", fclass="A", fcode="ADM2", alts="Harem"),
]


@pytest.fixture(scope="module")
def extract_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("wof") / "wof_SY.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.writelines(ROWS)
    return path


def test_read_keeps_places_drops_deprecated_and_reports_bad_lines(extract_file):
    ex = read([extract_file])
    names = {c["name"]: c for c in ex.cities}
    assert set(names) == {"Tall Zawzafan", "Kafr Qurmul"}
    assert ex.n_deprecated == 1
    assert names["Tall Zawzafan"]["geonameid"] == 99000101  # WOF's GeoNames concordance is the id
    assert names["Kafr Qurmul"]["geonameid"] == -(WOF_ID_OFFSET + 7002)  # none: negative, as derived ids
    assert [r["name"] for r in ex.admin2] == ["Harim"]
    assert ex.per_country == {"SY": 2}
    assert ex.n_bad == 2
    assert any(b.startswith(f"{extract_file}:5:") for b in ex.bad_lines)  # file and line named
    assert any(b.startswith(f"{extract_file}:6:") for b in ex.bad_lines)


def test_read_refuses_a_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such Who's On First extract"):
        read([tmp_path / "wof_XX.tsv.gz"])


@pytest.fixture(scope="module")
def wof_index(extract_file, tmp_path_factory):
    path = tmp_path_factory.mktemp("wofidx") / "g.sqlite"
    Gazetteer.build(path, packaged=False, wof=[extract_file])
    return Gazetteer(path)


def test_built_index_finds_the_villages_by_latin_arabic_and_loose_names(wof_index):
    zawzafan = wof_index.lookup("Tall Zawzafan")
    assert [e.geonames_id for e in zawzafan] == [99000101]
    assert zawzafan[0].source == "wof" and zawzafan[0].feature == "populated_place"
    assert [e.geonames_id for e in wof_index.lookup("Tell Zouzafan")] == [99000101]
    assert [e.geonames_id for e in wof_index.lookup("تل زوزفان")] == [99000101]
    assert [e.geonames_id for e in wof_index.lookup("تل  زوزفان")] == [99000101]
    assert 99000101 in [e.geonames_id for e in wof_index.lookup_loose("Tal Zouzafaan")]
    assert wof_index.lookup("Khirbat Dahnun") == []  # deprecated
    qurmul = wof_index.lookup("Kfar Qurmoul")
    assert qurmul and qurmul[0].geonames_id < 0 and km(qurmul[0].lat, qurmul[0].lon, 36.20, 36.60) < 0.1


def test_built_index_holds_the_district_with_its_villages(wof_index):
    district = [e for e in wof_index.lookup("Harim District") if e.feature == "admin2"]
    assert district and district[0].admin2 == "Harim"
    village = wof_index.lookup("Tall Zawzafan")[0]
    assert (village.admin1, village.admin2) == (district[0].admin1, "Harim")


def test_wof_build_and_info_on_the_command_line(extract_file, tmp_path):
    from conflictcoder.cli import app

    out = tmp_path / "g.sqlite"
    r = CliRunner().invoke(app, ["gazetteer", "build", "--wof", str(extract_file), "--no-packaged", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "skipped" in r.output and ":5:" in r.output  # the bad lines, by file and line
    r = CliRunner().invoke(app, ["gazetteer", "info", "--path", str(out)])
    assert r.exit_code == 0, r.output
    assert "Who's On First" in r.output and "SY 2 (2)" in r.output
    assert "CC BY 4.0" in r.output and "CC0" in r.output and "whosonfirst.org/docs/licenses" in r.output


def test_the_package_ships_the_extracts_with_their_provenance():
    files = {p.name for p in packaged_files()}
    rows = {r["cc"]: r for r in manifest()}
    assert {"wof_SY.tsv.gz", "wof_YE.tsv.gz", "wof_IQ.tsv.gz", "wof_AF.tsv.gz"} <= files
    assert {f"wof_{cc}.tsv.gz" for cc in rows} == files
    for r in rows.values():
        assert r["repository"] == f"whosonfirst-data/whosonfirst-data-admin-{r['cc'].lower()}"
        assert len(r["commit"]) == 40 and int(r["places"]) > 0


def test_packaged_extracts_hold_no_deprecated_rows():
    ex = read(p for p in packaged_files() if p.name == "wof_PS.tsv.gz")
    assert ex.cities and ex.n_deprecated == 0 and ex.n_bad == 0


def test_arabic_key_folds_spacing_article_and_letter_forms():
    assert arabic_key("كفر نبل") == arabic_key("كفرنبل")
    assert arabic_key("الرقة") == arabic_key("رقه")
    assert arabic_key("إدلب") == arabic_key("ادلب")
    assert arabic_key("حلب") != arabic_key("حماة")
    assert arabic_key("Aleppo") == ""  # no Arabic letters: no Arabic key
