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

/** A pull-request comment's width on GitHub, and what is left for a diagram inside its 16 px padding on each side. */
export const COMMENT_WIDTH = 900;
export const COMMENT_CONTENT_WIDTH = COMMENT_WIDTH - 32;
const MERMAID = join(ROOT, "node_modules", "mermaid", "dist", "mermaid.min.js");

export interface DiagramResult {
    /** The parse/render error, if any. */
    error?: string;
    /** The diagram's own width (the SVG's max-width): what GitHub would have to shrink. */
    naturalWidth: number;
    renderedWidth: number;
    /** Mermaid's error SVG ("Syntax error in text") ended up in the page. */
    errorSvg: boolean;
    /** A flowchart's boxes, edge labels and subgraph titles as drawn (empty for other diagrams). */
    boxes: DrawnText[];
    edgeLabels: DrawnText[];
    titles: DrawnText[];
}

/** A piece of text in a diagram as the browser laid it out, in page pixels. */
export interface DrawnText {
    /** The node's id in the Mermaid source (boxes only). */
    id?: string;
    /** Its lines, as shown (a `<br/>` breaks a line). */
    lines: string[];
    x: number;
    y: number;
    width: number;
    height: number;
    /** The smallest font size of its text, in CSS pixels. */
    fontPx: number;
    /** Its text is wider or taller than the space drawn for it, so part of it is cut off. */
    clipped: boolean;
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
    const result = { naturalWidth: 0, renderedWidth: 0, errorSvg: false, boxes: [], edgeLabels: [], titles: [] };
    try {
      await mermaid.parse(src);
      const { svg } = await mermaid.render("diagram" + i++, src);
      el.innerHTML = svg;
      const node = el.querySelector("svg");
      result.naturalWidth = parseFloat(node.style.maxWidth) || node.viewBox.baseVal.width;
      result.renderedWidth = node.getBoundingClientRect().width;
      result.errorSvg = /Syntax error in text|aria-roledescription="error"/.test(svg);
      // Mermaid draws each label as HTML in a foreignObject: its lines, font and whether it overflows the space drawn for it.
      const drawn = (g) => {
        const r = g.getBoundingClientRect();
        const fo = g.querySelector("foreignObject");
        const html = fo && fo.firstElementChild;
        const texts = html ? [html, ...html.querySelectorAll("*")].filter((t) => t.textContent.trim()) : [];
        return {
          lines: (html ? html.innerText : g.textContent).split("\\n").map((l) => l.trim()).filter((l) => l),
          x: r.x, y: r.y, width: r.width, height: r.height,
          fontPx: texts.length ? Math.min(...texts.map((t) => parseFloat(getComputedStyle(t).fontSize))) : 0,
          clipped: !!html && (html.scrollWidth > fo.getBoundingClientRect().width + 1 || html.scrollHeight > fo.getBoundingClientRect().height + 1),
        };
      };
      for (const g of node.querySelectorAll("g.node")) result.boxes.push({ id: g.id.replace(/^.*?flowchart-/, "").replace(/-[0-9]+$/, ""), ...drawn(g) });
      for (const g of node.querySelectorAll("g.edgeLabel")) if (g.textContent.trim()) result.edgeLabels.push(drawn(g));
      for (const g of node.querySelectorAll("g.cluster-label")) if (g.textContent.trim()) result.titles.push(drawn(g));
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

/** The smallest text a diagram may draw at its natural size: GitHub's own small print is 12 px. */
export const MIN_FONT_PX = 12;

/**
 * What keeps a drawn diagram from being read: text below MIN_FONT_PX or cut off, boxes drawn
 * over each other, an edge label drawn over a box. Empty when every label reads.
 */
export function legibilityProblems(d: DiagramResult): string[] {
    const problems: string[] = [];
    const all = [...d.boxes.map((t) => ["box", t] as const), ...d.edgeLabels.map((t) => ["edge label", t] as const), ...d.titles.map((t) => ["subgraph title", t] as const)];
    for (const [what, t] of all) {
        const name = `${what} ${JSON.stringify(t.lines.join(" / "))}`;
        if (t.fontPx < MIN_FONT_PX) problems.push(`${name}: ${t.fontPx} px text`);
        if (t.clipped) problems.push(`${name}: its text is cut off`);
    }
    const overlap = (a: DrawnText, b: DrawnText) => a.x + a.width > b.x + 1 && b.x + b.width > a.x + 1 && a.y + a.height > b.y + 1 && b.y + b.height > a.y + 1;
    d.boxes.forEach((a, i) => d.boxes.slice(i + 1).forEach((b) => overlap(a, b) && problems.push(`boxes ${a.id} and ${b.id} overlap`)));
    for (const l of d.edgeLabels) for (const b of d.boxes) if (overlap(l, b)) problems.push(`edge label ${JSON.stringify(l.lines.join(" "))} is drawn over box ${b.id}`);
    return problems;
}
