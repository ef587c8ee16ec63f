// Package hostiletest feeds the real strategispor binary a folder of hostile
// files (truncated and bit-flipped PDFs, a DOCX zip bomb, a 2 GB sparse file,
// binary text, deeply nested HTML, symlink loops, unreadable files, the PDF
// torture corpus) next to a few good ones, and checks that the batch ingest
// reports every file with a specific reason, ingests the good ones, and
// neither panics nor hangs. The package has only tests, which run only when
// STRATEGISPOR_HEAVY=1 (as .ci/run sets it) and not under -short.
package hostiletest
