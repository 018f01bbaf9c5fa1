package main

import (
	"database/sql"
	"flag"
	"fmt"
	"math"
	"math/big"
	"os"
	"sort"
	"strconv"
	"strings"
)

type dim struct {
	key   string
	codes []int
	isQ   bool
	label map[int]string
	kind  map[int]string
}

func (d *dim) size() int {
	if d.isQ {
		return len(d.codes) + 2
	}
	return len(d.codes) + 1
}
func (d *dim) name(c int) string {
	if c < len(d.codes) {
		return fmt.Sprintf("%d", d.codes[c])
	}
	if d.isQ {
		if c == len(d.codes) {
			return "無回答"
		}
		return "非該当"
	}
	return "無回答"
}

type item struct {
	label string
	atoms []int
	value int // published (shown) value; -1 if hidden
	truev int
	table string
	shown bool
	e0    bool // part of the "unfiltered totals + respondents" set
}

type space struct {
	sid, q, b string
	dims      []*dim
	dimOf     map[string]int
	natoms    int
	tuples    [][]int
	count     []int
	items     []*item
	weighted  bool
	inds      []*ind
}

var (
	flagData  = flag.String("data", "", "data dir")
	flagDB    = flag.String("db", "", "db")
	flagOut   = flag.String("out", "", "published dir")
	flagWave  = flag.String("wave", "", "only this survey_id")
	flagCross = flag.Bool("cross", true, "add filter keys and flow_filtered of other questions' indicators of the wave")
	flagNodes = flag.Int("nodes", 20000000, "DFS node budget per family")
	flagV     = flag.Bool("v", false, "verbose")
)

var nFindings, nGroups, nSpaces, nTrunc int

func main() {
	flag.Parse()
	d := load(*flagData, *flagOut)
	db, err := sql.Open("duckdb", *flagDB+"?access_mode=read_only")
	if err != nil {
		panic(err)
	}
	// waves published
	waves := map[string]bool{}
	var wl []string
	for _, a := range d.actuals {
		s := a["survey_id"]
		if !waves[s] && (*flagWave == "" || *flagWave == s) {
			waves[s] = true
			wl = append(wl, s)
		}
	}
	sort.Strings(wl)
	for _, sid := range wl {
		sv := d.surveys[sid]
		m := loadMicro(db, sid)
		var winds []*ind
		qs := map[string]bool{}
		var ql []string
		for _, i := range d.inds {
			if i.ward == sv.ward && i.pop == sv.pop && d.roles[sid][i.q] != "" {
				winds = append(winds, i)
				if !qs[i.q] && d.roles[sid][i.q] != "multi" {
					qs[i.q] = true
					ql = append(ql, i.q)
				}
			}
		}
		sort.Strings(ql)
		for _, q := range ql {
			var qinds []*ind
			keys := map[string]bool{}
			for _, i := range winds {
				if i.q == q {
					qinds = append(qinds, i)
					for _, c := range i.filter {
						keys[c.key] = true
					}
				}
			}
			if *flagCross {
				for _, i := range winds {
					for _, c := range i.filter {
						if c.key != q && d.roles[sid][c.key] != "multi" {
							keys[c.key] = true
						}
					}
				}
			}
			if keys[q] {
				fmt.Printf("SKIP %s %s: filter on own question\n", sid, q)
				continue
			}
			bl := []string{""}
			var attrs []string
			for k, r := range d.roles[sid] {
				if r == "attribute" && !keys[k] {
					attrs = append(attrs, k)
				}
			}
			sort.Strings(attrs)
			bl = append(bl, attrs...)
			for _, b := range bl {
				sp := build(d, m, sid, q, b, keys, qinds, winds)
				if sp == nil {
					continue
				}
				nSpaces++
				attack(sp)
			}
		}
	}
	fmt.Printf("SUMMARY spaces=%d groups_checked=%d findings=%d truncated_families=%d\n", nSpaces, nGroups, nFindings, nTrunc)
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func mkdim(d *data, sid, key string, isQ bool) *dim {
	dm := &dim{key: key, isQ: isQ, label: map[int]string{}, kind: map[int]string{}}
	for _, c := range d.choices[sid][key] {
		dm.kind[c.code] = c.kind
		dm.label[c.code] = c.label
		if c.kind == "" || c.kind == "with_blank" {
			dm.codes = append(dm.codes, c.code)
		}
	}
	sort.Ints(dm.codes)
	return dm
}

func (dm *dim) classify(code int, ok bool) int {
	if !ok {
		return len(dm.codes)
	}
	for i, c := range dm.codes {
		if c == code {
			return i
		}
	}
	if code < 0 { // the database's sentinels: -2 not applicable, others blank
		if dm.isQ && code == -2 {
			return len(dm.codes) + 1
		}
		return len(dm.codes)
	}
	k, known := dm.kind[code]
	if !known {
		panic(fmt.Sprintf("unknown code %d of %s", code, dm.key))
	}
	if dm.isQ && k == "not_applicable" {
		return len(dm.codes) + 1
	}
	return len(dm.codes)
}

func build(d *data, m *micro, sid, q, b string, keys map[string]bool, qinds, winds []*ind) *space {
	sp := &space{sid: sid, q: q, b: b, dimOf: map[string]int{}, inds: qinds}
	sp.dims = append(sp.dims, mkdim(d, sid, q, true))
	kl := sortedKeys(keys)
	if b != "" {
		kl = append(kl, b)
	}
	for _, k := range kl {
		if d.roles[sid][k] == "" {
			return nil
		}
		sp.dimOf[k] = len(sp.dims)
		sp.dims = append(sp.dims, mkdim(d, sid, k, false))
	}
	sp.dimOf[q] = 0
	n := 1
	for _, dm := range sp.dims {
		n *= dm.size()
	}
	sp.natoms = n
	sp.tuples = make([][]int, n)
	for a := 0; a < n; a++ {
		t := make([]int, len(sp.dims))
		x := a
		for i := len(sp.dims) - 1; i >= 0; i-- {
			s := sp.dims[i].size()
			t[i] = x % s
			x /= s
		}
		sp.tuples[a] = t
	}
	sp.count = make([]int, n)
	for _, r := range m.resp {
		a := 0
		for _, dm := range sp.dims {
			c, ok := m.ans[r][dm.key]
			a = a*dm.size() + dm.classify(c, ok)
		}
		sp.count[a]++
	}
	// published numbers
	N := len(m.resp)
	all := func(t []int) bool { return true }
	add := func(label string, pred func([]int) bool, val string, table string, e0 bool) {
		it := &item{label: label, table: table, e0: e0}
		for a, t := range sp.tuples {
			if pred(t) {
				it.atoms = append(it.atoms, a)
				it.truev += sp.count[a]
			}
		}
		if val != "" {
			v, err := strconv.Atoi(val)
			if err != nil {
				panic(label + " " + val)
			}
			it.value, it.shown = v, true
			if v != it.truev {
				fmt.Printf("MODEL MISMATCH %s %s: %s published %d true %d\n", sid, q, label, v, it.truev)
			}
		} else {
			it.value = -1
		}
		sp.items = append(sp.items, it)
	}
	add("回答者数", all, strconv.Itoa(N), "N", true)
	qd := sp.dims[0]
	qcode := func(t []int) int { // -1 M, -2 NA
		c := t[0]
		if c < len(qd.codes) {
			return qd.codes[c]
		}
		if c == len(qd.codes) {
			return -1
		}
		return -2
	}
	kcode := func(t []int, k string) int {
		dm := sp.dims[sp.dimOf[k]]
		c := t[sp.dimOf[k]]
		if c < len(dm.codes) {
			return dm.codes[c]
		}
		return -1
	}
	inR := func(i *ind) (func([]int) bool, bool) {
		for _, c := range i.filter {
			if _, ok := sp.dimOf[c.key]; !ok || c.key == q {
				return nil, false
			}
		}
		return func(t []int) bool {
			for _, c := range i.filter {
				if !c.codes[kcode(t, c.key)] {
					return false
				}
			}
			return true
		}, true
	}
	counted := func(i *ind) func(int) bool {
		return func(c int) bool { return c >= 0 && !i.excl[c] }
	}
	findActual := func(i *ind) row {
		var found row
		for _, a := range d.actuals {
			if a["survey_id"] == sid && a["ward"] == i.ward && a["issue_no"] == i.issue && a["indicator_no"] == i.no && a["question_key"] == i.q {
				if found != nil {
					panic("two actual rows " + i.id)
				}
				found = a
			}
		}
		return found
	}
	parseBy := func(s string) map[int]string {
		out := map[int]string{}
		if s == "" {
			return out
		}
		for _, p := range strings.Split(s, "; ") {
			c, _ := strconv.Atoi(p[:strings.Index(p, ":")])
			out[c] = p[strings.LastIndex(p, "=")+1:]
		}
		return out
	}
	for _, i := range winds {
		R, ok := inR(i)
		a := findActual(i)
		if a == nil {
			if i.q == q {
				fmt.Printf("NOTE %s %s: no actual row for %s (filter %s)\n", sid, q, i.id, i.filterText)
			}
			continue
		}
		if a["weighted"] == "true" {
			sp.weighted = true
		}
		if i.q != q {
			// other question: only the filtered count is about everyone
			if ok && len(i.filter) > 0 {
				add(fmt.Sprintf("%s[%s](%s) flow_filtered", i.id, i.q, i.filterText), func(t []int) bool { return !R(t) }, a["flow_filtered"], "flowF:"+i.id, false)
			}
			continue
		}
		if !ok {
			fmt.Printf("NOTE %s %s: filter of %s outside space\n", sid, q, i.id)
			continue
		}
		cnt := counted(i)
		unf := len(i.filter) == 0
		pre := fmt.Sprintf("%s(%s)", i.id, i.filterText)
		add(pre+" n_valid", func(t []int) bool { return R(t) && cnt(qcode(t)) }, a["n_valid"], "n:"+i.id, unf)
		add(pre+" n_positive", func(t []int) bool { return R(t) && i.pos[qcode(t)] }, a["n_positive"], "np:"+i.id, unf)
		add(pre+" flow_filtered", func(t []int) bool { return !R(t) }, a["flow_filtered"], "flowF:"+i.id, false)
		add(pre+" flow_not_applicable", func(t []int) bool { return R(t) && qcode(t) == -2 }, a["flow_not_applicable"], "flowX:"+i.id, false)
		add(pre+" flow_no_answer", func(t []int) bool { return R(t) && qcode(t) == -1 }, a["flow_no_answer"], "flowX:"+i.id, false)
		add(pre+" flow_excluded", func(t []int) bool { return R(t) && i.excl[qcode(t)] }, a["flow_excluded"], "flowXt:"+i.id, false)
		for c, v := range parseBy(a["flow_excluded_by"]) {
			c := c
			add(fmt.Sprintf("%s flow_excluded_by %d", pre, c), func(t []int) bool { return R(t) && qcode(t) == c }, v, "flowX:"+i.id, false)
		}
		for c, v := range parseBy(a["flow_positive_by"]) {
			c := c
			add(fmt.Sprintf("%s flow_positive_by %d", pre, c), func(t []int) bool { return R(t) && qcode(t) == c }, v, "flowP:"+i.id, false)
		}
		// breakdowns
		for _, br := range d.breakdown {
			if br["survey_id"] != sid || br["ward"] != i.ward || br["issue_no"] != i.issue || br["indicator_no"] != i.no {
				continue
			}
			ak := br["attribute_key"]
			if _, ok := sp.dimOf[ak]; !ok {
				continue
			}
			var lev func([]int) bool
			lab := br["label"]
			if br["code"] == "" {
				lev = func(t []int) bool { return kcode(t, ak) == -1 }
			} else {
				c, _ := strconv.Atoi(br["code"])
				if strings.HasSuffix(lab, "・無回答") {
					lev = func(t []int) bool { k := kcode(t, ak); return k == c || k == -1 }
				} else {
					lev = func(t []int) bool { return kcode(t, ak) == c }
				}
			}
			bl := fmt.Sprintf("%s %s「%s」", pre, ak, lab)
			add(bl+" n", func(t []int) bool { return R(t) && cnt(qcode(t)) && lev(t) }, br["n_valid"], "bd:"+i.id+":"+ak, false)
			if br["n_valid"] != "" && br["weighted"] != "true" {
				nv, _ := strconv.Atoi(br["n_valid"])
				pe, _ := strconv.ParseFloat(br["percent_exact"], 64)
				pv := pe * float64(nv) / 100
				if math.Abs(pv-math.Round(pv)) > 1e-6 {
					fmt.Printf("WARN non-integer positives %s %v\n", bl, pv)
				}
				add(bl+" positives", func(t []int) bool { return R(t) && i.pos[qcode(t)] && lev(t) }, strconv.Itoa(int(math.Round(pv))), "bdp:"+i.id+":"+ak, false)
			}
		}
	}
	// frequencies
	for _, f := range d.freqs {
		if f["survey_id"] != sid || f["multi"] == "true" {
			continue
		}
		k := f["key"]
		di, ok := sp.dimOf[k]
		if !ok {
			continue
		}
		var pred func([]int) bool
		if f["code"] == "" {
			if di == 0 {
				pred = func(t []int) bool { return qcode(t) < 0 }
			} else {
				pred = func(t []int) bool { return kcode(t, k) == -1 }
			}
		} else {
			c, _ := strconv.Atoi(f["code"])
			if di == 0 {
				pred = func(t []int) bool { return qcode(t) == c }
			} else {
				pred = func(t []int) bool { return kcode(t, k) == c }
			}
		}
		add(fmt.Sprintf("単純集計 %s「%s」", k, f["label"]), pred, f["n"], "freq:"+k, false)
	}
	return sp
}

func vecOf(n int, atoms []int) []uint64 {
	v := make([]uint64, n)
	for _, a := range atoms {
		v[a] = addmod(v[a], 1)
	}
	return v
}

type finding struct {
	kind, desc string
	atoms      []int
	value      int
}

func attack(sp *space) {
	var eqs []*item
	for _, it := range sp.items {
		if it.shown {
			eqs = append(eqs, it)
		}
	}
	E := newBasis(sp.natoms, len(eqs), true)
	E0 := newBasis(sp.natoms, len(eqs), false)
	for k, it := range eqs {
		v := vecOf(sp.natoms, it.atoms)
		E.insert(v, k)
		if it.e0 {
			E0.insert(v, k)
		}
	}
	det := func(atoms []int) bool {
		v := vecOf(sp.natoms, atoms)
		E.reduce(v)
		return isZero(v)
	}
	det0 := func(atoms []int) bool {
		v := vecOf(sp.natoms, atoms)
		E0.reduce(v)
		return isZero(v)
	}
	val := func(atoms []int) int {
		s := 0
		for _, a := range atoms {
			s += sp.count[a]
		}
		return s
	}
	if *flagV {
		fmt.Printf("SPACE %s q=%s b=%s atoms=%d eqs=%d rank=%d\n", sp.sid, sp.q, sp.b, sp.natoms, len(eqs), len(E.rows))
	}
	seen := map[string]bool{}
	exemptNamed := namedExempt(sp)
	report := func(kind, desc string, atoms []int) {
		v := val(atoms)
		// key: nonzero atoms
		var nz []string
		for _, a := range atoms {
			if sp.count[a] > 0 {
				nz = append(nz, strconv.Itoa(a))
			}
		}
		key := strings.Join(nz, ",")
		if seen[key] {
			return
		}
		seen[key] = true
		if why, ok := exemptNamed[key]; ok {
			if *flagV {
				fmt.Printf("  exempt(%s) %s %s = %d\n", why, kind, desc, v)
			}
			return
		}
		if why := exemptPosOfBig(sp, atoms, det, val); why != "" {
			if *flagV {
				fmt.Printf("  exempt(%s) %s %s = %d\n", why, kind, desc, v)
			}
			return
		}
		if det0(atoms) {
			if *flagV {
				fmt.Printf("  exempt(unfiltered totals+N) %s %s = %d\n", kind, desc, v)
			}
			return
		}
		nFindings++
		fmt.Printf("LEAK wave=%s q=%s space-b=%s [%s] group: %s  size=%d\n", sp.sid, sp.q, sp.b, kind, desc, v)
		derive(sp, E, eqs, atoms, v)
	}
	// 1. hidden published numbers: singles, pairs within a table, all of a table
	tables := map[string][]*item{}
	var tl []string
	for _, it := range sp.items {
		if it.shown {
			if it.truev >= 1 && it.truev <= 9 && !it.e0 && !strings.HasPrefix(it.table, "bdp:") && !strings.HasPrefix(it.table, "np:") {
				fmt.Printf("SHOWN-SMALL wave=%s q=%s %s = %d\n", sp.sid, sp.q, it.label, it.truev)
			}
			continue
		}
		t := it.table
		if strings.HasPrefix(t, "flowXt:") {
			t = "flowX:" + strings.TrimPrefix(t, "flowXt:")
		}
		if tables[t] == nil {
			tl = append(tl, t)
		}
		tables[t] = append(tables[t], it)
	}
	sort.Strings(tl)
	for _, t := range tl {
		its := tables[t]
		try := func(desc string, group []*item) {
			var atoms []int
			seenA := map[int]bool{}
			for _, it := range group {
				for _, a := range it.atoms {
					if seenA[a] {
						return // overlapping (e.g. excluded total with its codes)
					}
					seenA[a] = true
					atoms = append(atoms, a)
				}
			}
			nGroups++
			v := val(atoms)
			if v >= 1 && v <= 9 && det(atoms) {
				report("hidden-published "+t, desc, atoms)
			}
		}
		for x := range its {
			try(its[x].label, its[x:x+1])
			for y := x + 1; y < len(its); y++ {
				try(its[x].label+" + "+its[y].label, []*item{its[x], its[y]})
			}
		}
		if len(its) > 2 {
			try("all hidden of "+t, its)
		}
	}
	// 2. families: answer set x unions of key cells
	type fam struct {
		name string
		ans  func(int) bool // q class index -> in set
		base string         // for P/N: the C family name
	}
	qd := sp.dims[0]
	qc := func(c int) int {
		if c < len(qd.codes) {
			return qd.codes[c]
		}
		return -1
	}
	var fams []fam
	famSeen := map[string]bool{}
	addFam := func(name string, f func(int) bool, base string) {
		sig := ""
		for c := 0; c < qd.size(); c++ {
			if f(c) {
				sig += "1"
			} else {
				sig += "0"
			}
		}
		if famSeen[sig] || !strings.Contains(sig, "1") {
			return
		}
		famSeen[sig] = true
		fams = append(fams, fam{name + "{" + sig + "}", f, base})
	}
	addFam("ALL", func(c int) bool { return true }, "")
	for _, i := range sp.inds {
		i := i
		cn := "C:" + i.id
		addFam(cn, func(c int) bool { k := qc(c); return c < len(qd.codes) && !i.excl[k] }, "")
	}
	for _, i := range sp.inds {
		i := i
		addFam("P:"+i.id, func(c int) bool { return c < len(qd.codes) && i.pos[qc(c)] }, "")
		fams[len(fams)-1].base = "C"
		addFam("N:"+i.id, func(c int) bool { k := qc(c); return c < len(qd.codes) && !i.excl[k] && !i.pos[k] }, "")
		fams[len(fams)-1].base = "C"
	}
	// cells over key dims
	ncell := sp.natoms / qd.size()
	cellDesc := func(cell int) string {
		var parts []string
		x := cell
		idx := make([]int, len(sp.dims))
		for k := len(sp.dims) - 1; k >= 1; k-- {
			s := sp.dims[k].size()
			idx[k] = x % s
			x /= s
		}
		for k := 1; k < len(sp.dims); k++ {
			parts = append(parts, sp.dims[k].key+"="+sp.dims[k].name(idx[k]))
		}
		return strings.Join(parts, "&")
	}
	for _, f := range fams {
		// atoms of cell j in family: a = qclass*ncell + j
		cellAtoms := func(j int) []int {
			var out []int
			for c := 0; c < qd.size(); c++ {
				if f.ans(c) {
					out = append(out, c*ncell+j)
				}
			}
			return out
		}
		var cand []int
		var res [][]uint64
		var cnt []int
		for j := 0; j < ncell; j++ {
			at := cellAtoms(j)
			v := val(at)
			if v > 9 {
				continue
			}
			vec := vecOf(sp.natoms, at)
			E.reduce(vec)
			nGroups++
			if isZero(vec) {
				if v >= 1 && !(f.base == "C" && exemptPN(sp, f.name, []int{0}, []int{j}, det, val, ncell)) {
					report(f.name+" single cell", cellDesc(j), at)
				}
				continue
			}
			cand = append(cand, j)
			res = append(res, vec)
			cnt = append(cnt, v)
		}
		// nonzero-count cells first, so that kernel rows pivoting on a
		// zero-count cell have no entry on any nonzero-count cell.
		{
			ord := make([]int, len(cand))
			for x := range ord {
				ord[x] = x
			}
			sort.SliceStable(ord, func(a, b int) bool { return (cnt[ord[a]] > 0) && !(cnt[ord[b]] > 0) })
			c2, r2, n2 := make([]int, len(ord)), make([][]uint64, len(ord)), make([]int, len(ord))
			for x, o := range ord {
				c2[x], r2[x], n2[x] = cand[o], res[o], cnt[o]
			}
			cand, res, cnt = c2, r2, n2
		}
		m := len(cand)
		if m == 0 {
			continue
		}
		nnz := 0
		for _, c := range cnt {
			if c > 0 {
				nnz++
			}
		}
		K := newBasis(sp.natoms, m, true)
		var kern [][]uint64
		for x := range res {
			if ok, comb := K.insert(res[x], x); !ok {
				kern = append(kern, comb)
			}
		}
		if len(kern) == 0 {
			continue
		}
		R, piv := rref(kern, m)
		var A, B []int // rows pivoting on nonzero / zero cells
		for i := range R {
			if piv[i] < nnz {
				A = append(A, i)
			} else {
				B = append(B, i)
			}
		}
		nzs := make([][]int, len(R))
		for i, r := range R {
			for j, x := range r {
				if x != 0 {
					nzs[i] = append(nzs[i], j)
				}
			}
		}
		closeOf := func(rows []int, lo, hi int) [][]int {
			last := map[int]int{}
			for p, i := range rows {
				for _, j := range nzs[i] {
					if j >= lo && j < hi {
						last[j] = p
					}
				}
			}
			out := make([][]int, len(rows))
			for j, p := range last {
				out[p] = append(out[p], j)
			}
			return out
		}
		closeA := closeOf(A, 0, nnz)
		closeB := closeOf(B, nnz, m)
		partial := make([]uint64, m)
		nodes := 0
		trunc := false
		var sols [][]int
		// feasibility of the zero-count cells given the A choice
		var lastFull []int
		var dfsB func(p int) bool
		dfsB = func(p int) bool {
			nodes++
			if nodes > *flagNodes {
				trunc = true
				return false
			}
			if p == len(B) {
				lastFull = lastFull[:0]
				for j := 0; j < m; j++ {
					if partial[j] == 1 {
						lastFull = append(lastFull, j)
					}
				}
				return true
			}
			i := B[p]
			for t := 0; t < 2; t++ {
				if t == 1 {
					for _, j := range nzs[i] {
						partial[j] = addmod(partial[j], R[i][j])
					}
				}
				ok := true
				for _, j := range closeB[p] {
					if partial[j] > 1 {
						ok = false
						break
					}
				}
				found := ok && dfsB(p+1)
				if t == 1 {
					for _, j := range nzs[i] {
						partial[j] = submod(partial[j], R[i][j])
					}
				}
				if found {
					return true
				}
				if trunc {
					return false
				}
			}
			return false
		}
		untouchedOK := func() bool { // zero cells no B row touches
			touched := map[int]bool{}
			for _, cl := range closeB {
				for _, j := range cl {
					touched[j] = true
				}
			}
			for j := nnz; j < m; j++ {
				if !touched[j] && partial[j] > 1 {
					return false
				}
			}
			return true
		}
		var dfs func(p, value int)
		dfs = func(p, value int) {
			if trunc {
				return
			}
			nodes++
			if nodes > *flagNodes {
				trunc = true
				return
			}
			if p == len(A) {
				if value >= 1 && untouchedOK() && dfsB(0) {
					sols = append(sols, append([]int(nil), lastFull...))
				}
				return
			}
			i := A[p]
			for t := 0; t < 2; t++ {
				if t == 1 {
					for _, j := range nzs[i] {
						partial[j] = addmod(partial[j], R[i][j])
					}
				}
				ok := true
				v := value
				for _, j := range closeA[p] {
					if partial[j] > 1 {
						ok = false
						break
					}
					v += cnt[j] * int(partial[j])
				}
				if ok && v <= 9 {
					dfs(p+1, v)
				}
				if t == 1 {
					for _, j := range nzs[i] {
						partial[j] = submod(partial[j], R[i][j])
					}
				}
			}
		}
		dfs(0, 0)
		k := len(R)
		nGroups += nodes
		if trunc {
			nTrunc++
			fmt.Printf("TRUNCATED %s q=%s b=%s family %s: kernel dim %d, %d candidates\n", sp.sid, sp.q, sp.b, f.name, k, m)
		}
		if *flagV {
			fmt.Printf("  family %s: cand=%d kernel=%d nodes=%d sols=%d\n", f.name, m, k, nodes, len(sols))
		}
		for _, s := range sols {
			var at []int
			var ds []string
			for _, x := range s {
				j := cand[x]
				at = append(at, cellAtoms(j)...)
				if cnt[x] > 0 {
					ds = append(ds, fmt.Sprintf("%s(%d)", cellDesc(cand[x]), cnt[x]))
				}
			}
			if f.base == "C" {
				if exemptPN(sp, f.name, s, cand, det, val, ncell) {
					continue
				}
			}
			report(f.name, strings.Join(ds, " + "), at)
		}
	}
}

// exemptPN: a P/N family group is exempt when the same cells of the
// indicator's counted answers are determined with 10 or more.
func exemptPN(sp *space, fname string, s []int, cand []int, det func([]int) bool, val func([]int) int, ncell int) bool {
	id := fname[2:strings.Index(fname, "{")]
	var i *ind
	for _, x := range sp.inds {
		if x.id == id {
			i = x
		}
	}
	qd := sp.dims[0]
	var at []int
	for _, x := range s {
		j := cand[x]
		for c := 0; c < len(qd.codes); c++ {
			if !i.excl[qd.codes[c]] {
				at = append(at, c*ncell+j)
			}
		}
	}
	return det(at) && val(at) >= 10
}

func derive(sp *space, E *basis, eqs []*item, atoms []int, v int) {
	g := vecOf(sp.natoms, atoms)
	lam, ok := E.lambda(g)
	if !ok {
		fmt.Println("    !! not in span (bug)")
		return
	}
	sum := make([]*big.Rat, sp.natoms)
	for a := range sum {
		sum[a] = new(big.Rat)
	}
	total := new(big.Rat)
	var lines []string
	good := true
	for e, l := range lam {
		if l == 0 {
			continue
		}
		r := ratrec(l)
		if r == nil {
			good = false
			continue
		}
		for _, a := range eqs[e].atoms {
			sum[a].Add(sum[a], r)
		}
		total.Add(total, new(big.Rat).Mul(r, big.NewRat(int64(eqs[e].value), 1)))
		lines = append(lines, fmt.Sprintf("      %s × %s = %d", r.RatString(), eqs[e].label, eqs[e].value))
	}
	want := map[int]bool{}
	for _, a := range atoms {
		want[a] = true
	}
	for a := range sum {
		exp := big.NewRat(0, 1)
		if want[a] {
			exp = big.NewRat(1, 1)
		}
		if sum[a].Cmp(exp) != 0 {
			good = false
		}
	}
	fmt.Printf("    exact check: %v; Σ = %s (true %d); %d published numbers:\n", good, total.RatString(), v, len(lines))
	if len(lines) <= 40 {
		fmt.Println(strings.Join(lines, "\n"))
	} else {
		fmt.Println(strings.Join(lines[:40], "\n"), "\n      ...")
	}
}

func init() { _ = os.Stdout }

// namedExempt: the people sets §6.2 names as not protected, by their
// nonzero atoms: the filter's count less n, the blank answers outside a
// filter, an attribute level's respondents whom an indicator does not count.
func namedExempt(sp *space) map[string]string {
	out := map[string]string{}
	qd := sp.dims[0]
	ncell := sp.natoms / qd.size()
	key := func(pred func(t []int) bool) string {
		var nz []string
		for a, t := range sp.tuples {
			if pred(t) && sp.count[a] > 0 {
				nz = append(nz, strconv.Itoa(a))
			}
		}
		return strings.Join(nz, ",")
	}
	_ = ncell
	kc := func(t []int, k string) int {
		dm := sp.dims[sp.dimOf[k]]
		c := t[sp.dimOf[k]]
		if c < len(dm.codes) {
			return dm.codes[c]
		}
		return -1
	}
	qcode := func(t []int) int {
		c := t[0]
		if c < len(qd.codes) {
			return qd.codes[c]
		}
		return -1
	}
	for _, i := range sp.inds {
		i := i
		R := func(t []int) bool {
			for _, c := range i.filter {
				if _, ok := sp.dimOf[c.key]; !ok {
					return false
				}
				if !c.codes[kc(t, c.key)] {
					return false
				}
			}
			return true
		}
		unc := func(t []int) bool { c := qcode(t); return c < 0 || i.excl[c] }
		if len(i.filter) > 0 {
			out[key(func(t []int) bool { return R(t) && unc(t) })] = "filter count less n of " + i.id
			out[key(func(t []int) bool { return !R(t) && qcode(t) < 0 })] = "blank outside filter of " + i.id
			out[key(func(t []int) bool { return !R(t) && t[0] == len(qd.codes) })] = "blank outside filter of " + i.id
		}
		for k, di := range sp.dimOf {
			if di == 0 {
				continue
			}
			dm := sp.dims[di]
			for l := 0; l < dm.size(); l++ {
				l, k := l, k
				out[key(func(t []int) bool { return R(t) && unc(t) && t[di] == l })] = "uncounted of level " + k + " of " + i.id
				if l < len(dm.codes) && dm.kind[dm.codes[l]] == "with_blank" {
					out[key(func(t []int) bool { return R(t) && unc(t) && (t[di] == l || t[di] == len(dm.codes)) })] = "uncounted of merged level " + k + " of " + i.id
				}
			}
		}
	}
	delete(out, "")
	return out
}

// exemptPosOfBig: the group is the positives (or negatives) of some cells
// for an indicator, and the indicator's counted respondents of the same
// cells are determined with 10 or more (the percent of a published group).
func exemptPosOfBig(sp *space, atoms []int, det func([]int) bool, val func([]int) int) string {
	qd := sp.dims[0]
	ncell := sp.natoms / qd.size()
	in := map[int]bool{}
	cells := map[int]bool{}
	for _, a := range atoms {
		in[a] = true
		cells[a%ncell] = true
	}
	for _, i := range sp.inds {
		for _, mode := range []string{"P", "N"} {
			ok := true
			var cat []int
			for c := range cells {
				for k := 0; k < qd.size(); k++ {
					a := k*ncell + c
					counted := k < len(qd.codes) && !i.excl[qd.codes[k]]
					pos := k < len(qd.codes) && i.pos[qd.codes[k]]
					want := (mode == "P" && pos) || (mode == "N" && counted && !pos)
					if want != in[a] {
						ok = false
					}
					if counted {
						cat = append(cat, a)
					}
				}
			}
			if ok && det(cat) && val(cat) >= 10 {
				return mode + " of a determined group of " + strconv.Itoa(val(cat)) + " (" + i.id + ")"
			}
		}
	}
	// answer split: the group is an answer subset A x cells S inside
	// another indicator's counted x S determined with 10 or more.
	var A []int
	for k := 0; k < qd.size(); k++ {
		n := 0
		for c := range cells {
			if in[k*ncell+c] {
				n++
			}
		}
		if n == len(cells) {
			A = append(A, k)
		} else if n != 0 {
			return ""
		}
	}
	for _, j := range sp.inds {
		sub := true
		for _, k := range A {
			if !(k < len(qd.codes) && !j.excl[qd.codes[k]]) {
				sub = false
			}
		}
		if !sub {
			continue
		}
		var cat []int
		for c := range cells {
			for k := 0; k < len(qd.codes); k++ {
				if !j.excl[qd.codes[k]] {
					cat = append(cat, k*ncell+c)
				}
			}
		}
		if len(cat) > len(atoms) && det(cat) && val(cat) >= 10 {
			return "answer split inside a determined group of " + strconv.Itoa(val(cat)) + " counted by " + j.id
		}
	}
	return ""
}
