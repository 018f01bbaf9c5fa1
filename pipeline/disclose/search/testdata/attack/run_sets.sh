#!/bin/bash
# Builds the synthetic data sets, refreshes and audits them, and runs the attacker.
cd /tmp/atk2
M=./mkset.py
$M S1 11 120 2 3 "sasaeai:1;2:9:kosodate=1" "sasaeai:1;2:9:kosodate=2" "sasaeai:1;2:9:nendai=5;6" "sasaeai:1;2:9:seibetsu=2" "sasaeai:1;2:9:kosodate=1 & nendai=2;3" "kenko:1;2::seibetsu=3" "kenko:1;2::nendai=1;2" "kenko:1;2::chiiki=1;2;3"
$M S2 21 80 2 4 "anzen:1;2::kosodate=2" "anzen:1;2::nendai=5;6" "anzen:1;2::chiiki=1" "anzen:1;2::kosodate=2 & seibetsu=1" "bosai:1;2:9:kosodate=1" "bosai:1;2:9:seibetsu=1"
$M S3 31 200 3 3 "sasaeai:1;2:9:kosodate=2" "sasaeai:1::" "sasaeai:1;2:9:nendai=4;5;6" "sasaeai:1;2;3:9:kosodate=1 & nendai=3;4" "kenko:1;2::sasaeai=1;2" "kenko:1;2::kosodate=2"
$M S4 41 60 2 3 "sasaeai:1;2:9:kosodate=2" "sasaeai:1;2:9:nendai=6" "sasaeai:1;2:9:seibetsu=2" "kenko:1;2::kosodate=2"
$M S5 51 150 2 3 "sasaeai:1;2:9:kosodate=1 & nendai=2;3" "kenko:1;2::kosodate=1" "kenko:1;2::nendai=2;3" "bosai:1;2:9:seibetsu=1 & kosodate=1" "sasaeai:1;2:9:kosodate=2"
for s in "$@"; do :; done
