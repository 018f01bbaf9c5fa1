package compute

// CountDataset is countDataset, for the tests of package compute_test.
var CountDataset = countDataset
