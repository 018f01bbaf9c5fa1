package breakdown

import "github.com/shihyo/shihyo/pipeline/compute"

// Group groups cells by keyOf, each group in the order given: appending
// the ~90,000 cells of a city-wide site key by key cost about 60 MB of
// growing slices. Cells come from compute in runs of one key, and each
// run is then a part of cells itself (its capacity cut, so that no append
// reaches the next run); otherwise they are copied into one array.
func Group[K comparable](cells []compute.Breakdown, keyOf func(compute.Breakdown) K) map[K][]compute.Breakdown {
	keys := make([]K, len(cells))
	counts := map[K]int{}
	runs := 0
	for i, b := range cells {
		k := keyOf(b)
		keys[i] = k
		counts[k]++
		if i == 0 || keys[i-1] != k {
			runs++
		}
	}
	out := make(map[K][]compute.Breakdown, len(counts))
	if runs == len(counts) {
		for i := 0; i < len(cells); {
			j := i + counts[keys[i]]
			out[keys[i]] = cells[i:j:j]
			i = j
		}
		return out
	}
	all := make([]compute.Breakdown, 0, len(cells))
	for i, k := range keys {
		group, ok := out[k]
		if !ok {
			n := len(all)
			all = all[:n+counts[k]]
			group = all[n : n : n+counts[k]]
		}
		out[k] = append(group, cells[i])
	}
	return out
}
