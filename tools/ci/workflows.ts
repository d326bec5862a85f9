import { readdirSync, readFileSync, writeFileSync } from "fs";
import * as path from "path";
import { parse } from "yaml";
import { CiIdentity, CiJob, CloudCi, registeredCloudCi } from "./cloud-ci";

/**
 * `npm run workflows`: writes each registered cloud's CI login into the committed workflows.
 * A GitHub `uses:` cannot be an expression, so one login step per cloud has to be written out;
 * the workflows stay complete, readable files, and only the regions between a
 * `# generated:<kind> ...` line and its `# generated:end` line are rewritten, from
 * providers/<cloud>/ci-login.ts:
 *
 *   # generated:cloud-login identity=<deploy|preview> job=<deploy|plan|drift|preview> (...)
 *       one login step per cloud, run only on that cloud's stacks (`if: matrix.cloud == '<cloud>'`);
 *   # generated:cloud-env pulumi identity=<deploy|preview> (...)
 *       inside a Pulumi step's `env:`, each cloud's provider env, set only on its stacks;
 *   # generated:cloud-env release (...)
 *       inside the release gate's `env:`, what the cloud's alert query reads.
 *
 * The region takes the marker line's indentation. `--check` changes nothing and exits 1 when a
 * workflow is stale (tests/ci-workflows.spec.ts runs the same comparison).
 */

export const WORKFLOWS_DIR = path.resolve(__dirname, "..", "..", ".github", "workflows");
const SOURCE = "(npm run workflows, from providers/<cloud>/ci-login.ts; do not edit by hand)";
const START = /^(\s*)# generated:(\S+)(.*)$/;
const END = /^\s*# generated:end\s*$/;

const IDENTITIES: readonly CiIdentity[] = ["deploy", "preview"];
const JOBS: readonly CiJob[] = ["deploy", "plan", "drift", "preview"];
const PINNED = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/;

type Clouds = readonly Pick<CloudCi, "name" | "login">[];

/** `value` as a YAML scalar: bare when YAML reads it back unchanged (`${{ ... }}` stays readable), else quoted. */
function scalar(value: string): string {
    try {
        if (parse(`k: ${value}`)?.k === value) return value;
    } catch {
        // not a plain scalar: quoted below
    }
    return JSON.stringify(value);
}

function oneOf<T extends string>(where: string, key: string, value: string | undefined, allowed: readonly T[]): T {
    if (!allowed.includes(value as T)) throw new Error(`${where}: ${key}=${JSON.stringify(value ?? "")}: allowed: one of ${allowed.join(", ")}`);
    return value as T;
}

function loginSteps(clouds: Clouds, indent: string, identity: CiIdentity, job: CiJob): string[] {
    return clouds.flatMap(({ name, login }) => {
        if (!PINNED.test(login.action.uses)) throw new Error(`providers/${name}/ci-login.ts: action.uses ${JSON.stringify(login.action.uses)}: allowed: owner/repo@<full 40-character commit SHA>`);
        const inputs = login.with(identity, job);
        const unknown = Object.keys(inputs).filter((k) => !login.action.inputs.includes(k));
        if (unknown.length) throw new Error(`providers/${name}/ci-login.ts: with ${unknown.join(", ")}: not an input of ${login.action.uses} (${login.action.release}): allowed: ${login.action.inputs.join(", ")}`);
        const who = identity === "deploy" ? "deploy" : "read-only";
        return [
            `${indent}- name: ${scalar(`${login.label} ${who} identity (OIDC)`)}`,
            `${indent}  if: matrix.cloud == '${name}'`,
            `${indent}  uses: ${login.action.uses} # ${login.action.release}`,
            `${indent}  with:`,
            ...Object.entries(inputs).map(([k, v]) => `${indent}    ${scalar(k)}: ${scalar(v)}`),
        ];
    });
}

/** One env entry per key any cloud needs, evaluated to that cloud's expression on its stacks and to '' on the others. */
function envEntries(clouds: Clouds, indent: string, envOf: (login: CloudCi["login"]) => Readonly<Record<string, string>>): string[] {
    const byKey = new Map<string, string[]>();
    for (const { name, login } of clouds) {
        for (const [key, expression] of Object.entries(envOf(login))) byKey.set(key, [...(byKey.get(key) ?? []), `matrix.cloud == '${name}' && ${expression}`]);
    }
    return [...byKey].map(([key, branches]) => `${indent}${key}: \${{ ${branches.join(" || ")} || '' }}`);
}

function markerArguments(text: string): Map<string, string> {
    const args = new Map<string, string>();
    for (const word of text.replace(/\(.*\)\s*$/, "").trim().split(/\s+/).filter(Boolean)) {
        const [k, v] = word.split("=", 2);
        args.set(k!, v ?? "");
    }
    return args;
}

/** The region a marker stands for, and the marker line as it is written back. */
function region(kind: string, args: Map<string, string>, indent: string, clouds: Clouds, where: string): { marker: string; lines: string[] } {
    const known = (keys: string[]) => {
        const extra = [...args.keys()].filter((k) => !keys.includes(k));
        if (extra.length) throw new Error(`${where}: # generated:${kind} does not take ${extra.join(", ")}: allowed: ${keys.join(", ")}`);
    };
    if (kind === "cloud-login") {
        known(["identity", "job"]);
        const identity = oneOf(where, "identity", args.get("identity"), IDENTITIES);
        const job = oneOf(where, "job", args.get("job"), JOBS);
        return { marker: `${indent}# generated:cloud-login identity=${identity} job=${job} ${SOURCE}`, lines: loginSteps(clouds, indent, identity, job) };
    }
    if (kind === "cloud-env" && args.has("pulumi")) {
        known(["pulumi", "identity"]);
        const identity = oneOf(where, "identity", args.get("identity"), IDENTITIES);
        return { marker: `${indent}# generated:cloud-env pulumi identity=${identity} ${SOURCE}`, lines: envEntries(clouds, indent, (l) => l.pulumiEnv(identity)) };
    }
    if (kind === "cloud-env" && args.has("release")) {
        known(["release"]);
        return { marker: `${indent}# generated:cloud-env release ${SOURCE}`, lines: envEntries(clouds, indent, (l) => l.releaseEnv) };
    }
    throw new Error(`${where}: # generated:${kind}${[...args.keys()].map((k) => ` ${k}`).join("")}: allowed: cloud-login identity=… job=…, cloud-env pulumi identity=…, cloud-env release`);
}

/** The workflow text with every generated region rewritten for `clouds`. */
export function renderWorkflow(text: string, file: string, clouds: Clouds = registeredCloudCi()): string {
    const lines = text.split("\n");
    const out: string[] = [];
    for (let i = 0; i < lines.length; i++) {
        const m = START.exec(lines[i]!);
        if (!m || END.test(lines[i]!)) {
            if (END.test(lines[i]!)) throw new Error(`${file}:${i + 1}: # generated:end without a # generated:<kind> line above it`);
            out.push(lines[i]!);
            continue;
        }
        const end = lines.findIndex((l, j) => j > i && (END.test(l) || (START.test(l) && !END.test(l))));
        if (end < 0 || !END.test(lines[end]!)) throw new Error(`${file}:${i + 1}: # generated:${m[2]} has no # generated:end line before the next region or the end of the file`);
        const { marker, lines: generated } = region(m[2]!, markerArguments(m[3]!), m[1]!, clouds, `${file}:${i + 1}`);
        out.push(marker, ...generated, `${m[1]}# generated:end`);
        i = end;
    }
    return out.join("\n");
}

/** The committed workflows (file name → text). */
export function committedWorkflows(dir = WORKFLOWS_DIR): Map<string, string> {
    return new Map(readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => [f, readFileSync(path.join(dir, f), "utf8")]));
}

/** The workflows whose committed text differs from the generated one. */
export function staleWorkflows(dir = WORKFLOWS_DIR, clouds: Clouds = registeredCloudCi()): string[] {
    return [...committedWorkflows(dir)].filter(([file, text]) => renderWorkflow(text, file, clouds) !== text).map(([file]) => file);
}

if (require.main === module) {
    const clouds = registeredCloudCi();
    const stale = staleWorkflows(WORKFLOWS_DIR, clouds);
    if (process.argv.includes("--check")) {
        if (stale.length) {
            process.stderr.write(`stale: ${stale.map((f) => `.github/workflows/${f}`).join(", ")}: run npm run workflows\n`);
            process.exit(1);
        }
        process.stdout.write(".github/workflows: up to date\n");
    } else {
        for (const [file, text] of committedWorkflows()) if (stale.includes(file)) writeFileSync(path.join(WORKFLOWS_DIR, file), renderWorkflow(text, file, clouds));
        process.stdout.write(stale.length ? `.github/workflows: regenerated ${stale.join(", ")}\n` : ".github/workflows: up to date\n");
    }
}
