#!/usr/bin/env python3
# S6: like S5's shape, plus vendor codes 99 (missing) and 88 (not_applicable) in sasaeai.
import subprocess, csv, random, glob, os
subprocess.run(["/tmp/atk2/mkset.py","S6","61","110","2","3","sasaeai:1;2:9:kosodate=2","sasaeai:1;2:9:nendai=5;6","sasaeai:1;2:9:kosodate=1 & nendai=2;3","kenko:1;2::kosodate=2"],check=True)
d="/tmp/atk2/sets/S6"
rows=list(csv.reader(open(d+"/choices.csv",encoding="utf-8-sig")))
sids=sorted({r[0] for r in rows[1:]})
with open(d+"/choices.csv","a",encoding="utf-8",newline="") as f:
    w=csv.writer(f,lineterminator="\n")
    for s in sids:
        w.writerow([s,"sasaeai",99,"無回答","missing"]); w.writerow([s,"sasaeai",88,"非該当","not_applicable"])
q=list(csv.reader(open(d+"/questions.csv",encoding="utf-8-sig")))
rnd=random.Random(6)
for s in sids:
    col=[r[1] for r in q[1:] if r[0]==s and r[2]=="sasaeai"][0]
    fn=d+f"/responses/{s}.csv"
    R=list(csv.reader(open(fn,encoding="utf-8-sig")))
    ci=R[0].index(col)
    for r in R[1:]:
        x=rnd.random()
        if x<0.05: r[ci]="88"
        elif x<0.09: r[ci]="99"
    csv.writer(open(fn,"w",encoding="utf-8",newline=""),lineterminator="\n").writerows(R)
