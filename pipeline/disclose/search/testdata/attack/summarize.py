import sys,re
for fn in sys.argv[1:]:
    cur=None; out=[]
    for line in open(fn):
        if line.startswith("LEAK"):
            cur=[line.strip()[:260]]; out.append(cur)
        elif line.startswith("      ") and cur is not None:
            cur.append(line.strip())
        elif line.startswith("    exact") and cur is not None:
            cur.append(line.strip())
    print("=====",fn,len(out))
    for c in out:
        print(c[0]); 
        for l in c[1:12]: print("   ",l)
        if len(c)>12: print("    ... (%d more)"%(len(c)-12))
