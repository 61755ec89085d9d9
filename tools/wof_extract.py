#!/usr/bin/env python3
"""Extract one country's Who's On First records into the gazetteer's shipped TSV.

Why: the packaged gazetteer knows the villages of conflict countries from Who's On First
(WOF, https://whosonfirst.org; CC0, its locality records imported from GeoNames, CC BY 4.0).
This script is how `src/conflictcoder/data/whosonfirst/wof_<CC>.tsv.gz` is made, from the public
repository `whosonfirst-data/whosonfirst-data-admin-<cc>`: nothing in those files is made by hand.

    git clone --bare https://github.com/whosonfirst-data/whosonfirst-data-admin-sy sy.git
    python tools/wof_extract.py sy.git src/conflictcoder/data/whosonfirst/

It reads the repository at HEAD (a bare clone or a work tree: only `git cat-file` is used), keeps
populated places (placetypes locality, localadmin, neighbourhood, borough, macrohood, microhood)
and the country's regions and counties (admin1 and admin2, with their own names and points),
drops deprecated and superseded records, keeps names in Latin or Arabic script only (the index
reads no other), writes `wof_<CC>.tsv.gz` and adds the repository, commit and counts to
`MANIFEST.tsv` in the same folder. Stdlib only; Python 3.9+.

Columns (tab-separated, a '#' header; 0-8 follow the GeoNames dump, as in ../shared's extracts):
 0 id (WOF id) 1 name 2 asciiname 3 alternatenames (comma-joined) 4 lat 5 lon
 6 fclass (P place, A division) 7 fcode (GeoNames code when known, else the WOF placetype;
 ADM1/ADM2 for divisions) 8 cc 9 admin1_name 10 admin2_name 11 population 12 name_ar
 13 geonames_id 14 wof_placetype 15 mz_is_current 16 deprecated (always 0 here)
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

PLACES = {"locality", "localadmin", "neighbourhood", "borough", "macrohood", "microhood"}
DIVISIONS = {"region": "ADM1", "county": "ADM2"}
HEADER = ("#id\tname\tasciiname\talternatenames\tlat\tlon\tfclass\tfcode\tcc\tadmin1_name\t"
          "admin2_name\tpopulation\tname_ar\tgeonames_id\twof_placetype\tmz_is_current\tdeprecated")


def git(repo: str, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", repo, *args], capture_output=True, text=True,
                          check=True).stdout


def records(repo: str) -> dict[int, dict]:
    """wof:id -> properties of every GeoJSON record at HEAD (alternate geometries left out)."""
    paths = [line.split("\t", 1)[1] for line in git(repo, "ls-tree", "-r", "HEAD").splitlines()
             if line.endswith(".geojson") and "-alt-" not in line]
    out = {}
    proc = subprocess.Popen(["git", "--git-dir", repo, "cat-file", "--batch"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    for p in paths:
        proc.stdin.write(f"HEAD:{p}\n".encode())
        proc.stdin.flush()
        head = proc.stdout.readline().split()
        if len(head) < 3 or head[1] != b"blob":
            print(f"{repo}: {p}: missing from the snapshot, skipped", file=sys.stderr)
            continue
        body = proc.stdout.read(int(head[2]))
        proc.stdout.read(1)
        try:
            props = json.loads(body)["properties"]
        except (ValueError, KeyError) as exc:
            print(f"{repo}: {p}: not a WOF record ({exc}), skipped", file=sys.stderr)
            continue
        out[props.get("wof:id")] = props
    proc.stdin.close()
    proc.wait()
    return out


def readable(name: str) -> bool:
    """Latin or Arabic letters only (what the gazetteer indexes)."""
    for c in name:
        if c.isalpha() and not (c.isascii() or "LATIN" in unicodedata.name(c, "")
                                or "ARABIC" in unicodedata.name(c, "")):
            return False
    return any(c.isalpha() for c in name)


def ascii_of(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def clean(x) -> str:
    return str(x).replace("\t", " ").replace("\n", " ")


def rows(recs: dict[int, dict]) -> list[list]:
    out = []
    for wid, pr in recs.items():
        pt = pr.get("wof:placetype")
        if pt not in PLACES and pt not in DIVISIONS:
            continue
        if pr.get("edtf:deprecated") or pr.get("wof:superseded_by"):
            continue
        name = pr.get("wof:name") or ""
        if not name:
            continue
        alts = set()
        for k, v in pr.items():
            if k.startswith("name:") and isinstance(v, list):
                alts.update(x.replace(",", " ").strip() for x in v if isinstance(x, str))
        alts = sorted(a for a in alts - {name, ""} if readable(a))
        ar = next((a for a in pr.get("name:ara_x_preferred") or () if isinstance(a, str)), "")
        lat = pr.get("lbl:latitude", pr.get("geom:latitude"))
        lon = pr.get("lbl:longitude", pr.get("geom:longitude"))
        if lat is None or lon is None:
            continue
        hier = (pr.get("wof:hierarchy") or [{}])[0]
        a1 = recs.get(hier.get("region_id"), {}).get("wof:name", "")
        a2 = recs.get(hier.get("county_id"), {}).get("wof:name", "")
        if pt == "region":
            fclass, fcode, a1, a2 = "A", "ADM1", name, ""
        elif pt == "county":
            fclass, fcode, a2 = "A", "ADM2", name
        else:
            fclass, fcode = "P", pr.get("gn:fcode") or pt
        gn = (pr.get("wof:concordances") or {}).get("gn:id", "")
        out.append([wid, name, ascii_of(name), ",".join(alts), lat, lon, fclass, fcode,
                    pr.get("wof:country", ""), a1, a2, pr.get("wof:population", "") or "", ar, gn,
                    pt, pr.get("mz:is_current", ""), 0])
    return sorted(out, key=lambda r: r[0])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("repo", help="git directory of whosonfirst-data-admin-<cc> (bare or .git)")
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--name", help="repository name for the manifest (default: from the path)")
    args = ap.parse_args()
    repo = args.repo
    if (Path(repo) / ".git").is_dir():
        repo = str(Path(repo) / ".git")
    commit = git(repo, "rev-parse", "HEAD").strip()
    date = git(repo, "log", "-1", "--format=%cs", "HEAD").strip()
    recs = records(repo)
    out = rows(recs)
    ccs = {r[8] for r in out if r[6] == "P" and r[8]}
    cc = max(ccs, key=lambda c: sum(r[8] == c for r in out)) if ccs else "XX"
    args.out_dir.mkdir(parents=True, exist_ok=True)
    target = args.out_dir / f"wof_{cc}.tsv.gz"
    with gzip.GzipFile(target, "wb", mtime=0) as raw:  # mtime 0: the same bytes on every run
        raw.write((HEADER + "\n" + "".join(
            "\t".join(clean(x) for x in r) + "\n" for r in out)).encode("utf-8"))
    name = args.name or Path(args.repo.rstrip("/")).name.removesuffix(".git")
    places = sum(r[6] == "P" for r in out)
    manifest = args.out_dir / "MANIFEST.tsv"
    lines = manifest.read_text(encoding="utf-8").splitlines() if manifest.exists() else [
        "#cc\trepository\tcommit\tcommit_date\tplaces\tdivisions\textracted"]
    lines = [ln for ln in lines if not ln.startswith(f"{cc}\t")]
    lines.append(f"{cc}\t{name}\t{commit}\t{date}\t{places}\t{len(out) - places}\t"
                 f"{dt.date.today().isoformat()}")
    manifest.write_text("\n".join([lines[0]] + sorted(lines[1:])) + "\n", encoding="utf-8")
    print(f"{target}: {places} places, {len(out) - places} divisions from {name} at {commit[:10]}")


if __name__ == "__main__":
    main()
