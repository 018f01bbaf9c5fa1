#!/usr/bin/env python3
"""mkset.py NAME SEED RESP YEARS QUESTIONS SPEC...
SPEC = question:positive:excluded:filter   (filter uses & and ;)
Runs shihyo gen, appends one indicator per SPEC to indicators.csv."""
import sys, subprocess, os, shutil, csv
name, seed, resp, years, qs = sys.argv[1:6]
specs = sys.argv[6:]
d = f"/tmp/atk2/sets/{name}"
shutil.rmtree(d, ignore_errors=True)
subprocess.run(["/tmp/atk2/shihyo", "gen", "--wards", "1", "--years", years, "--respondents", resp,
                "--questions", qs, "--seed", seed, "--out", d], check=True, stdout=subprocess.DEVNULL)
rows = list(csv.reader(open(f"{d}/indicators.csv", encoding="utf-8-sig")))
ward, py = rows[1][0], rows[1][1]
used = {(r[2], r[3]) for r in rows[1:]}
issues = sorted({r[2] for r in rows[1:]}, key=int)
with open(f"{d}/indicators.csv", "a", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    for k, s in enumerate(specs):
        q, pos, exc, flt = s.split(":")
        iss = issues[k % len(issues)]
        no = 2
        while (iss, str(no)) in used:
            no += 1
        used.add((iss, str(no)))
        w.writerow([ward, py, iss, no, f"テスト指標{k+1}（{q}・{flt or '全体'}）", "区民", q, pos, exc, flt,
                    60, "以上", 2027, f"テスト用の指標{k+1}"])
print(d)
