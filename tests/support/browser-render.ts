import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import MarkdownIt from "markdown-it";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { BackgroundChild, Pending, readResult, removeWhenRunEnds } from "./background-child";

/**
 * Renders a Markdown report the way a pull-request comment shows it, in a real headless
 * browser: markdown-it (HTML allowed, as GitHub allows <details>) turns it into a page of
 * `comment width` pixels, the mermaid package renders every ```mermaid block, and the page
 * reports what happened. Chromium comes from Debian (`apt-get install -y chromium`, which
 * .ci/run does when it is missing) or CHROME_PATH.
 */

const ROOT = resolve(__dirname, "..", "..");
const MERMAID = join(ROOT, "node_modules", "mermaid", "dist", "mermaid.min.js");

export interface DiagramResult {
    /** The parse/render error, if any. */
    error?: string;
    /** The diagram's own width (the SVG's max-width): what GitHub would have to shrink. */
    naturalWidth: number;
    renderedWidth: number;
    /** Mermaid's error SVG ("Syntax error in text") ended up in the page. */
    errorSvg: boolean;
}

export interface RenderResult {
    diagrams: DiagramResult[];
    /** Widest thing on the page, in CSS pixels. */
    scrollWidth: number;
}

export function findBrowser(): string {
    const candidates = [process.env.CHROME_PATH, "chromium", "chromium-browser", "google-chrome"].filter((c): c is string => !!c);
    for (const c of candidates) if (spawnSync("sh", ["-c", `command -v ${c}`], { encoding: "utf8" }).status === 0) return c;
    throw new Error("no Chromium found: install it with `apt-get install -y chromium` (.ci/run does this) or set CHROME_PATH");
}

export function markdownToHtml(markdown: string): string {
    const md = new MarkdownIt({ html: true, linkify: false });
    const fence = md.renderer.rules.fence!;
    md.renderer.rules.fence = (tokens, idx, options, env, self) =>
        tokens[idx].info.trim() === "mermaid" ? `<pre class="mermaid">${md.utils.escapeHtml(tokens[idx].content)}</pre>\n` : fence(tokens, idx, options, env, self);
    return md.render(markdown);
}

function page(body: string, width: number): string {
    return `<!doctype html><html><head><meta charset="utf-8">
<style>body{margin:0;font:14px -apple-system,"Segoe UI",Helvetica,Arial,sans-serif} main{width:${width}px;box-sizing:border-box;padding:16px}
table{border-collapse:collapse;display:block;max-width:100%;overflow:auto} td,th{border:1px solid #d0d7de;padding:4px 8px} pre{overflow:auto} code{word-break:break-word}</style>
<script src="file://${MERMAID}"></script></head><body><main>${body}</main>
<pre id="result"></pre>
<script>
(async () => {
  for (const d of document.querySelectorAll("details")) d.open = true;
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
  const diagrams = [];
  let i = 0;
  for (const el of document.querySelectorAll("pre.mermaid")) {
    const src = el.textContent;
    const result = { naturalWidth: 0, renderedWidth: 0, errorSvg: false };
    try {
      await mermaid.parse(src);
      const { svg } = await mermaid.render("diagram" + i++, src);
      el.innerHTML = svg;
      const node = el.querySelector("svg");
      result.naturalWidth = parseFloat(node.style.maxWidth) || node.viewBox.baseVal.width;
      result.renderedWidth = node.getBoundingClientRect().width;
      result.errorSvg = /Syntax error in text|aria-roledescription="error"/.test(svg);
    } catch (e) {
      result.error = String(e && e.message || e);
    }
    diagrams.push(result);
  }
  document.getElementById("result").textContent = JSON.stringify({ diagrams, scrollWidth: document.documentElement.scrollWidth });
})().catch((e) => { document.getElementById("result").textContent = JSON.stringify({ fatal: String(e) }); });
</script></body></html>`;
}

/**
 * Renders `markdown` at `width` px in headless Chromium; bounded by `timeoutMs`. The browser
 * starts now, in the background (tests/support/background-child.ts): a spec can start it when
 * its file loads and await the result in its test.
 */
export function renderInBrowser(markdown: string, width = 900, timeoutMs = 90_000): Pending<RenderResult> {
    let browser: string;
    try {
        browser = findBrowser();
    } catch (err) {
        // Reported by the spec that asks, not by the file's loading.
        return { result: () => Promise.reject(err) };
    }
    const dir = removeWhenRunEnds(mkdtempSync(join(tmpdir(), "render-")));
    const file = join(dir, "report.html");
    writeFileSync(file, page(markdownToHtml(markdown), width));
    const child = new BackgroundChild({
        command: browser,
        args: [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--allow-file-access-from-files", "--no-first-run",
            `--user-data-dir=${join(dir, "profile")}`, `--window-size=${width},1200`, "--virtual-time-budget=60000", "--dump-dom", `file://${file}`,
        ],
        cwd: dir,
        timeoutMs,
    });
    return readResult(child, (r) => {
        rmSync(dir, { recursive: true, force: true });
        if (r.error) throw new Error(`${browser} did not finish: ${r.error.message}`);
        const m = /<pre id="result">([\s\S]*?)<\/pre>/.exec(r.stdout);
        const text = m ? m[1].replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&") : "";
        if (!text) throw new Error(`${browser} rendered no result (exit ${r.status}): ${r.stderr.split("\n").slice(-5).join(" ")}`);
        const result = JSON.parse(text) as RenderResult & { fatal?: string };
        if (result.fatal) throw new Error(`the page failed: ${result.fatal}`);
        return result;
    });
}
