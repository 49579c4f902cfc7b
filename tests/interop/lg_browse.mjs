// Drives the looking glass in headless Chromium the way an operator would:
// opens the summary, clicks through to one neighbor, reads the routes
// tables shown, filters the EVPN table by MAC, and saves a screenshot.
// usage: node lg_browse.mjs NODE_MODULES BASE_URL NEIGHBOR MAC SCREENSHOT USER_DATA_DIR
// Prints what it saw as JSON on stdout.
import { createRequire } from "node:module";

const [modules, base, neighbor, mac, screenshot, userDataDir] = process.argv.slice(2);
const require = createRequire(modules + "/");
const { chromium } = require("playwright-core");

const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-dev-shm-usage"];

async function tableRows(page, id) {
  return page.$$eval(`table#${id} tbody tr`, (trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent)));
}

const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: "/usr/bin/chromium", headless: true, args: flags, viewport: { width: 1400, height: 900 },
});
const out = {};
try {
  const page = await context.newPage();
  // Anything the page tries to fetch from elsewhere is a finding.
  out.foreign_requests = [];
  page.on("request", (req) => { if (!req.url().startsWith(base)) out.foreign_requests.push(req.url()); });
  out.scripts = 0;

  await page.goto(base + "/", { waitUntil: "load" });
  out.summary_title = await page.title();
  out.sessions = await tableRows(page, "sessions");
  out.scripts += await page.$$eval("script", (s) => s.length);

  await page.click(`table#sessions a:text-is("${neighbor}")`);
  await page.waitForURL(`**/lg/neighbor/${neighbor}`);
  out.neighbor_url = page.url();
  out.neighbor_title = await page.title();
  out.received = await tableRows(page, "received");
  out.advertised = await tableRows(page, "advertised");
  out.scripts += await page.$$eval("script", (s) => s.length);
  await page.screenshot({ path: screenshot, fullPage: true });

  await page.goto(base + "/lg/evpn", { waitUntil: "load" });
  out.evpn_all = await tableRows(page, "evpn");
  await page.fill("input[name=mac]", mac);
  await Promise.all([page.waitForURL((url) => url.pathname === "/lg/evpn" && url.searchParams.get("mac") === mac),
                    page.click("form button[type=submit]")]);
  out.evpn_filtered = await tableRows(page, "evpn");
} finally {
  await context.close();
}
process.stdout.write(JSON.stringify(out) + "\n");
