// Package e2e holds strategispor's browser tests. They build the real
// binary, start "strategispor serve" on a loopback port with a fresh data
// directory (the seed documents are ingested on first start), drive headless
// Chromium through the web UI with chromedp, run the axe-core accessibility
// audit on every page and save a screenshot of each under artifacts/.
//
// Needs: Chromium (CHROMIUM_PATH, or chromium on PATH) and axe-core
// (AXE_PATH, or node_modules/axe-core/axe.min.js in this folder:
// npm install --prefix web/e2e axe-core@4). Without a browser the tests skip,
// except when CI=true, where they fail. STRATEGISPOR_E2E_URL runs them
// against a server that is already running instead of building one.
package e2e
