import * as assert from "assert";
import { CLOUDS, RESERVED_SERVICE_NAMES, RUNTIMES, SERVICE_NAME_PATTERN } from "../../components/config";
import type { PlanResource } from "../../tools/engine/plan";
import { planFor } from "../support/harness";

/**
 * No service name the config accepts can make a derived name equal a fixed one. Plans every
 * cloud on both runtimes with services whose names appear nowhere else (so every name that
 * contains one is derived from it), turns each derived name into a pattern (`monitoring-{}-cpu`,
 * `acmeprod{}logs`), and matches every fixed name of the same resource type against it: a
 * match means some service name would collide, and the config must reject that name.
 */
const SERVICES = { svcqa: { image: "ghcr.io/acme/a:1.0.0", http: { pathPrefix: "/" } }, svcqb: { image: "ghcr.io/acme/b:1.0.0", http: { pathPrefix: "/b" } }, svcqc: { image: "ghcr.io/acme/c:1.0.0" } };
const TOKENS = Object.keys(SERVICES);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** (scope, name) pairs: the URN's name within its type chain, and physical-name inputs within their type. */
function names(r: PlanResource): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    const cut = r.urn.lastIndexOf("::");
    out.push([`urn ${r.urn.slice(0, cut)}`, r.urn.slice(cut + 2)]);
    for (const [field, v] of Object.entries(r.inputs)) {
        if (typeof v === "string" && (field === "name" || /Name$|^bucket$|Id$/.test(field))) out.push([`${r.type} ${field}`, v]);
    }
    const meta = r.inputs.metadata as { name?: unknown; namespace?: unknown } | undefined;
    if (meta && typeof meta.name === "string") out.push([`${r.type} metadata ${String(meta.namespace ?? "")}`, meta.name]);
    return out;
}

describe("config: reserved service names cover every collision the program could make", function () {
    this.timeout(300_000);
    for (const cloud of CLOUDS) {
        for (const runtime of RUNTIMES) {
            it(`${cloud}, ${runtime} runtime`, async () => {
                const run = await planFor("production", cloud, [`platform:compute.runtime=${runtime}`, `platform:services=${JSON.stringify(SERVICES)}`]);
                const templates = new Map<string, Set<string>>();
                const fixed: Array<[string, string]> = [];
                for (const r of run.plan.resources) {
                    for (const [scope, name] of names(r)) {
                        const token = TOKENS.find((t) => name.includes(t));
                        if (!token) {
                            fixed.push([scope, name]);
                            continue;
                        }
                        const pattern = `^${name.split(token).map(escape).join("([a-z][a-z0-9]{0,9})")}$`;
                        if (!templates.has(scope)) templates.set(scope, new Set());
                        templates.get(scope)!.add(pattern);
                    }
                }
                assert.ok([...templates.values()].some((t) => t.size > 0), "the plan derives names from service names");
                const collisions: string[] = [];
                for (const [scope, name] of fixed) {
                    for (const pattern of templates.get(scope) ?? []) {
                        const m = new RegExp(pattern).exec(name);
                        if (!m) continue;
                        const candidates = m.slice(1);
                        // Only a service name the config would accept (same in every slot) collides.
                        if (candidates.some((c) => c !== candidates[0])) continue;
                        const service = candidates[0]!;
                        if (SERVICE_NAME_PATTERN.test(service) && !RESERVED_SERVICE_NAMES.has(service)) collisions.push(`service "${service}" -> ${name} (${scope})`);
                    }
                }
                assert.deepStrictEqual(collisions, []);
            });
        }
    }
});
