package extract

// findQuotes is a placeholder until the quote detector lands in quote.go;
// its author deletes this file.
func findQuotes(body string, d *docContext) []Quote { return nil }
