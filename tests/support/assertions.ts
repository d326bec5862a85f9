import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { API_VERSION_TOKEN } from "../../providers/azure/api-version-aliases";
import { isSecretEnvelope, Plan } from "../../tools/engine/plan";
import { renderPlanText } from "../../tools/engine/render-text";
import type { PlanRun } from "../../tools/engine/run-plan";

/** Shared cross-cloud guarantees; each cloud's spec calls these with its own type lists. */

/** Every custom resource of `pkg` (e.g. "aws") uses an explicit provider of that package, never the default one. */
export function assertExplicitProviders(run: PlanRun, pkg: string): void {
    const resources = run.plan.resources.filter((r) => r.custom && r.type.startsWith(`${pkg}:`));
    assert.ok(resources.length > 0, `no ${pkg} resources in the plan`);
    for (const r of resources) {
        const provider = r.options.provider ?? "";
        assert.match(provider, new RegExp(`(::|\\$)pulumi:providers:${pkg}::`), `${r.urn} uses provider ${provider || "(none)"}`);
        assert.doesNotMatch(provider, /::default(_\d+)*(_[\d_]+)?::/, `${r.urn} uses the default ${pkg} provider`);
    }
}

/** Every taggable resource carries environment, app and managed-by with the stack's values. */
export function assertStandardTags(run: PlanRun, opts: { key: "tags" | "labels"; types: string[]; environment: string; app: string }): void {
    const resources = run.plan.resources.filter((r) => opts.types.includes(r.type));
    assert.ok(resources.length > 0, "no taggable resources found");
    for (const r of resources) {
        const tags = r.inputs[opts.key] as Record<string, string> | undefined;
        assert.ok(tags, `${r.urn} has no ${opts.key}`);
        assert.strictEqual(tags.environment, opts.environment, `${r.urn} ${opts.key}.environment`);
        assert.strictEqual(tags.app, opts.app, `${r.urn} ${opts.key}.app`);
        assert.strictEqual(tags["managed-by"], "pulumi", `${r.urn} ${opts.key}.managed-by`);
    }
}

/** In production every stateful resource is `protect`ed; in staging none is (so teardown works). */
export function assertStatefulProtection(run: PlanRun, statefulTypes: string[], expected: boolean): void {
    const stateful = run.plan.resources.filter((r) => statefulTypes.includes(r.type));
    assert.ok(stateful.length >= statefulTypes.length, `expected every stateful type to appear, found ${stateful.map((r) => r.type).join(", ")}`);
    for (const r of stateful) assert.strictEqual(r.options.protect, expected, `${r.urn} protect`);
}

function secretValues(run: PlanRun): string[] {
    const found = new Set<string>();
    const walk = (v: unknown, inSecret: boolean) => {
        if (isSecretEnvelope(v)) return walk(v.value, true);
        if (typeof v === "string" && inSecret && v.length >= 8) found.add(v);
        if (Array.isArray(v)) v.forEach((x) => walk(x, inSecret));
        else if (v && typeof v === "object") Object.values(v).forEach((x) => walk(x, inSecret));
    };
    for (const r of run.recorded) walk(r.rawInputs, false);
    return [...found];
}

/**
 * Secrets are secret: every generated password/token reaches the engine wrapped as a secret,
 * and no secret value appears in the plan JSON, the text view or the stack outputs.
 */
/** `name` narrows an entry to one resource of its type (e.g. the built-in SQL user beside IAM users, which have no password). */
export function assertSecretsStaySecret(run: PlanRun, secretInputs: Array<{ type: string; key: string; name?: string }>): void {
    for (const { type, key, name } of secretInputs) {
        const recs = run.recorded.filter((r) => r.type === type && (name === undefined || r.name === name));
        assert.ok(recs.length > 0, `no ${type} in the plan`);
        for (const rec of recs) assert.ok(isSecretEnvelope(rec.rawInputs[key]), `${rec.urn} input ${key} is not marked secret`);
    }
    const values = secretValues(run);
    assert.ok(values.length > 0, "expected at least one secret value in the plan");
    const rendered = JSON.stringify(run.plan) + renderPlanText(run.plan);
    for (const v of values) assert.ok(!rendered.includes(v), `secret value leaks into the plan output`);
}

const SNAPSHOT_DIR = path.join(__dirname, "..", "snapshots");

/**
 * URN snapshot: a URN that disappears means a delete (or, if a new URN appears for the same
 * stateful resource, a replace). It fails unless the resource carries an alias to the old URN.
 * `UPDATE_SNAPSHOTS=1` rewrites the file after a reviewed, intended change.
 */
export function assertUrnSnapshot(plan: Plan, file: string): void {
    const target = path.join(SNAPSHOT_DIR, file);
    const urns = plan.resources.map((r) => r.urn).sort();
    if (process.env.UPDATE_SNAPSHOTS === "1" || !fs.existsSync(target)) {
        if (process.env.CI && !fs.existsSync(target)) assert.fail(`missing snapshot ${file}; run UPDATE_SNAPSHOTS=1 npm test and commit it`);
        fs.writeFileSync(target, JSON.stringify(urns, null, 2) + "\n");
        return;
    }
    const expected: string[] = JSON.parse(fs.readFileSync(target, "utf8"));
    const aliased = new Set(plan.resources.flatMap((r) => r.options.aliases ?? []));
    const missing = expected.filter((u) => !urns.includes(u) && !aliased.has(u));
    const added = urns.filter((u) => !expected.includes(u));
    assert.deepStrictEqual({ missing, added }, { missing: [], added: [] },
        `URNs changed in ${file}: a removed URN is a delete/replace unless aliased. Review, then UPDATE_SNAPSHOTS=1 npm test`);
}

/** Every resource of the given type prefixes is a child of a platform component, named with the component's name as prefix. */
export function assertParentedToComponents(run: PlanRun, typePrefixes: string[]): void {
    const components = new Set(run.plan.resources.filter((r) => r.type.startsWith("platform:components:")).map((r) => r.urn));
    const children = run.plan.resources.filter((x) => typePrefixes.some((p) => x.type.startsWith(p)));
    assert.ok(children.length > 0, `no ${typePrefixes.join("/")} resources`);
    for (const r of children) {
        assert.ok(r.parent && components.has(r.parent), `${r.urn} is not parented to a component`);
        const componentName = r.parent!.split("::").pop()!;
        assert.ok(r.name.startsWith(`${componentName}-`), `${r.name} lacks the ${componentName}- prefix`);
    }
}

/**
 * Azure: every azure-native resource uses its default (unversioned) token, and none carries the
 * SDK's per-API-version type aliases, which could only match a versioned token (see
 * providers/azure/api-version-aliases.ts). Other aliases (a module move) stay.
 */
export function assertNoApiVersionAliases(run: PlanRun): void {
    const azure = run.recorded.filter((r) => r.custom && r.type.startsWith("azure-native:"));
    assert.ok(azure.length > 0, "no azure-native resources recorded");
    for (const r of azure) {
        assert.doesNotMatch(r.type, API_VERSION_TOKEN, `${r.urn} uses an API-version token`);
        const versioned = r.options.aliases.filter((a) => API_VERSION_TOKEN.test(/type=([^,]+)/.exec(a)?.[1] ?? ""));
        assert.deepStrictEqual(versioned, [], `${r.urn} still carries API-version aliases`);
    }
}

/**
 * The pack's verdict on a committed stack: no violations at all, except the advisory
 * image-digest ones (the templates deploy by tag; the policy is advisory by default).
 */
export function assertOnlyImageDigestAdvisories(violations: Array<{ policy: string; level: string; message: string }>): void {
    const others = violations.filter((v) => !(v.level === "advisory" && /-require-image-digest$/.test(v.policy)));
    assert.deepStrictEqual(others.map((v) => `${v.level} ${v.policy}: ${v.message}`), []);
}
