package search

// SetExportReference makes e's exports page with Engine.run and load stored
// fields through Bleve, as before exportbrowse.go and storedfields.go: the
// reference the fast export is held to (export_equal_test.go).
func SetExportReference(e *Engine, on bool) { e.opts.exportRef = on }
