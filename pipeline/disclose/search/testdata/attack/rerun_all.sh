#!/bin/bash
# Rebuild everything and rerun: shihyo (fixed), data sets, refresh, audit, attacker.
set -e
cd /tmp/atk2
(cd "${REPO:-/work/main}" && go build -o /tmp/atk2/shihyo .)
(cd atk && GOFLAGS=-mod=mod go build -o ../atkbin .)
rm -rf s0 && cp -r "${REPO:-/work/main}/data/sample" s0
printf '鶴見区,令和5年度,2,3,安全で住みやすいと感じる子育て中ではない区民の割合,区民,anzen,1;2,,kosodate=2,60,以上,令和9年度末,\n鶴見区,令和5年度,2,4,安全で住みやすいと感じる60歳以上の区民の割合,区民,anzen,1;2,,nendai=5;6,60,以上,令和9年度末,\n' >> s0/indicators.csv
./run_sets.sh; python3 mkset_na.py
for s in s0 sets/S1 sets/S2 sets/S3 sets/S4 sets/S5 sets/S6; do
  rm -rf $s.db ${s}out
  ./shihyo refresh --data $s --db $s.db --out ${s}out > $s.refresh.log 2>&1 || echo "$s refresh failed"
  ./shihyo audit --out ${s}out --db $s.db > $s.audit.log 2>&1; echo "$s audit rc=$?"
  ./atkbin -data $s -db $s.db -out ${s}out > $s.atk.log 2>&1
  echo "$s: $(grep -c '^LEAK' $s.atk.log) leaks; $(grep SUMMARY $s.atk.log)"
done
