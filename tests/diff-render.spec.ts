import * as assert from "assert";
import { readFileSync } from "fs";
import { join, resolve } from "path";
import { CLOUDS } from "../components/config";
import { comparePlans, DiffReport } from "../tools/engine/diff/compare";
import { renderComment } from "../tools/engine/diff/render-markdown";
import { COMMENT_CONTENT_WIDTH as CONTENT_WIDTH, COMMENT_WIDTH as WIDTH, legibilityProblems, renderInBrowser, RenderResult } from "./support/browser-render";
import { ENVIRONMENTS, planFor } from "./support/harness";

/**
 * The PR comment as GitHub shows it: Markdown rendered by markdown-it, Mermaid by the mermaid
 * package, in headless Chromium at a comment's ~900 px. Every diagram must parse (no error
 * SVG) and be readable at that width without shrinking: no text below 12 px, cut off or drawn
 * over another box. tests/topology-layout.spec.ts draws the catalogs and stacks these plans are not.
 */

const ROOT = resolve(__dirname, "..");

function assertReadable(result: RenderResult, diagrams: number): void {
    assert.strictEqual(result.diagrams.length, diagrams, "diagrams rendered");
    result.diagrams.forEach((d, i) => {
        assert.strictEqual(d.error, undefined, `diagram ${i}: ${d.error}`);
        assert.strictEqual(d.errorSvg, false, `diagram ${i}: mermaid drew its error picture`);
        assert.ok(d.naturalWidth > 100, `diagram ${i}: ${d.naturalWidth} px wide: nothing drawn?`);
        assert.ok(d.naturalWidth <= CONTENT_WIDTH, `diagram ${i} is ${Math.round(d.naturalWidth)} px wide: GitHub would shrink it below ${CONTENT_WIDTH} px`);
        assert.deepStrictEqual(legibilityProblems(d), [], `diagram ${i}`);
    });
    assert.ok(result.scrollWidth <= WIDTH, `the page is ${result.scrollWidth} px wide`);
}

describe("PR comment in a headless browser (markdown-it + mermaid + Chromium)", function () {
    this.timeout(300_000);

    // Started now, in the background (tests/support/background-child.ts); the plans' comment below renders when they are done.
    const sample = readFileSync(join(ROOT, "docs", "sample-review.md"), "utf8");
    const sampleRender = renderInBrowser(sample, WIDTH);
    it("the checked-in sample review: every diagram parses and fits 900 px", async () => {
        assertReadable(await sampleRender.result(), (sample.match(/^```mermaid$/gm) ?? []).length);
    });

    it("a comment over the twelve plan variants (an appName rename on each): every diagram parses and fits", async () => {
        const report: DiffReport = { baseLabel: "main (0123456789ab)", headLabel: "fedcba987654", stacks: [], skipped: [], allowStatefulReplace: false, runUrl: "https://github.com/acme/platform/actions/runs/1" };
        for (const cloud of CLOUDS) for (const env of ENVIRONMENTS) for (const runtime of [[], ["platform:compute.runtime=kubernetes"]]) {
            report.stacks.push(comparePlans((await planFor(env, cloud, runtime)).plan, (await planFor(env, cloud, [...runtime, "platform:appName=acme2"])).plan));
        }
        // Big enough that the comment is shortened: render what is posted, and the full diagrams.
        const comment = renderComment(report);
        const diagrams = report.stacks.map((d, i) => `### ${i}\n\n\`\`\`mermaid\n${/```mermaid\n([\s\S]*?)```/.exec(renderComment({ ...report, stacks: [d] }, { maxLength: Infinity }))![1]}\`\`\`\n`).join("\n");
        assertReadable(await renderInBrowser(`${comment}\n\n${diagrams}`, WIDTH).result(), (comment.match(/^```mermaid$/gm) ?? []).length + report.stacks.length);
    });

    const chain = Array.from({ length: 10 }, (_, i) => `    n${i}["component number ${i}"] --> n${i + 1}["component number ${i + 1}"]`).join("\n");
    const brokenRender = renderInBrowser(`\`\`\`mermaid\nflowchart TD\n    a[[[ broken\n\`\`\`\n\n\`\`\`mermaid\nflowchart LR\n${chain}\n\`\`\`\n`, WIDTH);
    it("the check catches what it must: a syntax error and a too-wide left-to-right chain", async () => {
        const result = await brokenRender.result();
        assert.match(result.diagrams[0].error ?? "", /Parse error/);
        assert.ok(result.diagrams[1].naturalWidth > CONTENT_WIDTH, `${result.diagrams[1].naturalWidth}`);
    });
});
