// Swagger UI's time to render the mock's OpenAPI document in headless Chromium (Debian's), and the bytes on the wire.
// Usage: node bench/swagger-render.mjs http://127.0.0.1:18080 [runs]   (needs playwright-core: npm i playwright-core)
import { chromium } from "playwright-core";

const base = process.argv[2] ?? "http://127.0.0.1:18080";
const runs = Number(process.argv[3] ?? 5);
const browser = await chromium.launch({
  executablePath: process.env.BEACON_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const times = [];
let transferred = 0;
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let bytes = 0;
  page.on("response", async r => { if (r.url().includes("/openapi/")) bytes = Number((await r.allHeaders())["content-length"] ?? 0); });
  const start = Date.now();
  await page.goto(`${base}/swagger/index.html`);
  // Rendered: every operation of the document is on the page.
  await page.waitForSelector(".opblock", { timeout: 60_000 });
  times.push(Date.now() - start);
  transferred = bytes;
  await context.close();
}
await browser.close();
times.sort((a, b) => a - b);
console.log(JSON.stringify({ runs, medianMs: times[Math.floor(times.length / 2)], minMs: times[0], maxMs: times.at(-1), documentBytesOnTheWire: transferred }));
