package pipeline

// Temporary names of earlier versions of the staging folders and status
// pages beside the published folder, removed with the current ones
// (fsatomic.CleanStale). Those of the database's side files are package
// sidedb's.
var legacyOutTemps = []string{".%s.new-*", ".%s.status-*"}

// closeData closes the database opened to read the manifest.
func (s *session) closeData() {
	if s.data != nil {
		s.data.Close()
		s.dataDB.Close()
		s.data, s.dataDB = nil, nil
	}
}
