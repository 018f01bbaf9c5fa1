# Writes responses/w2023.csv: the three patterns of issue 12 (README.md).
rows = []
def add(sex, age, kos, koho, q2, q3=""):
    rows.append((sex, age, kos, koho, q2, q3))
cyc = [1, 2, 3, 4]
# 子育て中: 52, by 年代 3/36/9/3/1; 2 of them その他.
ages = [1]*3 + [2]*36 + [3]*9 + [4]*3 + [5]*1
for i, a in enumerate(ages):
    sex = 3 if i in (5, 40) else 1 + i % 2
    add(sex, a, 1, cyc[i % 4], cyc[(i + 1) % 4])
# 子育て 無回答: 4, 3 of them positive on 広報.
for i, (a, s, k) in enumerate([(4, 1, 1), (5, 2, 2), (6, 1, 1), (6, 2, 3)]):
    add(s, a, "", k, "")
# 子育て中ではない: 338 valid on 広報, 20 わからない, 6 blank.
for i in range(364):
    koho = cyc[i % 4] if i < 338 else (9 if i < 358 else "")
    sex = 3 if i % 34 == 0 else 1 + i % 2
    q3 = (1 + i // 100) if i in (100, 200) else ""
    add(sex, 1 + i % 6, 2, koho, "", q3)
with open("responses/w2023.csv", "w") as f:
    f.write("No,F1,F2,F3,問1,問2,問3\n")
    for n, r in enumerate(rows, 1):
        f.write(",".join(str(x) for x in (n,) + r) + "\n")
