"""End-to-end benchmark on real reports: the event table an analyst gets from whole articles.

Usage: python benchmarks/realnews.py [--set realnews|realnews-protests] [-v] [--half tune|check]

Runs `conflictcoder annotate --layers events` once over `../shared/eval/<set>/articles` and
scores it with that set's `score.py` (event F1, sub-event and event type, exact day,
fatalities exact, place within 10/50 km, reports whose fatality total equals gold's) three
times: on all reports, on the `tune` half and on the `check` half (split by a stable hash of
the file name, see halves.py). Rules are written looking at the tune half's listing (`-v
--half tune`); the check half says whether they carry over. Gold data is read from ../shared
and never copied into the project.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from halves import HALVES, half  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval"

# score.py calls `CLI annotate DIR --layers events`: this stand-in answers from one cached run,
# keeping the lines of the files in DIR, so each half is scored without extracting it again.
_CACHED_CLI = """#!{python}
import json, os, sys
names = set(os.listdir(sys.argv[2]))
with open({cache!r}) as f:
    for line in f:
        rec = json.loads(line)
        if os.path.basename(rec.get("origin") or "") in names:
            sys.stdout.write(line)
"""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default="realnews", help="realnews (default) or realnews-protests")
    ap.add_argument("--half", choices=HALVES, help="score and list only this half")
    ap.add_argument("-v", "--verbose", action="store_true", help="per-report listing (score.py -v)")
    ap.add_argument("--cli", default=str(ROOT / ".venv" / "bin" / "conflictcoder"))
    args = ap.parse_args(argv)

    base = SHARED / args.set
    score = SHARED / "realnews" / "score.py"
    if not (base / "gold.jsonl").exists():
        print(f"skipped: {base} not present")
        return 0
    articles = sorted(p for p in (base / "articles").iterdir() if p.suffix == ".txt")
    gold = [json.loads(line) for line in (base / "gold.jsonl").read_text().splitlines() if line.strip()]

    with tempfile.TemporaryDirectory(prefix="realnews-") as tmp:
        tmp = Path(tmp)
        cache = tmp / "annotate.jsonl"
        with cache.open("w") as out:
            run = subprocess.run([args.cli, "annotate", str(base / "articles"), "--layers", "events"],
                                 stdout=out, stderr=subprocess.PIPE, text=True)
        if run.returncode not in (0, 2):
            sys.exit(f"annotate failed ({run.returncode}): {run.stderr.strip()[-400:]}")
        cli = tmp / "cached-cli"
        cli.write_text(_CACHED_CLI.format(python=sys.executable, cache=str(cache)))
        cli.chmod(0o755)

        parts = [("all", None)] + [(h, h) for h in HALVES]
        if args.half:
            parts = [(args.half, args.half)]
        for label, which in parts:
            sub = tmp / label
            (sub / "articles").mkdir(parents=True)
            keep = {p.name for p in articles if which is None or half(p.name) == which}
            for name in keep:
                os.symlink(base / "articles" / name, sub / "articles" / name)
            with (sub / "gold.jsonl").open("w") as g:
                for row in gold:
                    if row["file"] in keep:
                        g.write(json.dumps(row) + "\n")
            print(f"== {args.set} {label}: {len(keep)} reports")
            sys.stdout.flush()
            cmd = [sys.executable, str(score), "--cli", str(cli), "--articles", str(sub / "articles"),
                   "--gold", str(sub / "gold.jsonl")] + (["-v"] if args.verbose else [])
            subprocess.run(cmd, check=False)
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
