import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Command } from "commander";
import { runCli } from "../engine/cli";
import { REPO_ROOT } from "../engine/stack-config";

/**
 * The policy pack's version rule (policy/README.md "Publishing"): Pulumi Cloud keeps every
 * published version and refuses to publish one twice, so a change to what the pack enforces must
 * raise `version` in policy/package.json. Docs and the example config are not the pack.
 *
 * `node -r sucrase/register/ts tools/ci/policy-version.ts --base origin/main` exits 1 when files
 * of the pack changed since the merge base but the version did not go up.
 */

/** Files under policy/ that do not change what a published pack enforces. */
const NOT_THE_PACK = [/^policy\/README\.md$/, /^policy\/policy-config\.example\.json$/];

export interface VersionCheck {
    ok: boolean;
    changed: string[];
    baseVersion?: string;
    headVersion: string;
    message: string;
}

/** -1, 0, 1 comparing two x.y.z versions (pre-release tags sort before their release). */
export function compareVersions(a: string, b: string): number {
    const parse = (v: string) => {
        const m = /^(\d+)\.(\d+)\.(\d+)(?:-(.+))?$/.exec(v);
        if (!m) throw new Error(`policy/package.json version ${JSON.stringify(v)}: allowed: semver x.y.z`);
        return { nums: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] };
    };
    const x = parse(a);
    const y = parse(b);
    for (let i = 0; i < 3; i++) if (x.nums[i] !== y.nums[i]) return x.nums[i]! < y.nums[i]! ? -1 : 1;
    if (x.pre === y.pre) return 0;
    if (x.pre === undefined) return 1;
    if (y.pre === undefined) return -1;
    return x.pre < y.pre ? -1 : 1;
}

export function checkPolicyVersion(base: string, root = REPO_ROOT): VersionCheck {
    const git = (...args: string[]) => execFileSync("git", ["-C", root, ...args], { encoding: "utf8" });
    const changed = git("diff", "--name-only", `${base}...HEAD`, "--", "policy/")
        .split("\n")
        .filter((f) => f && !NOT_THE_PACK.some((re) => re.test(f)));
    const headVersion = JSON.parse(fs.readFileSync(path.join(root, "policy", "package.json"), "utf8")).version as string;
    let baseVersion: string | undefined;
    try {
        baseVersion = JSON.parse(git("show", `${base}:policy/package.json`)).version;
    } catch {
        baseVersion = undefined; // the pack is new on this branch
    }
    if (changed.length === 0) return { ok: true, changed, baseVersion, headVersion, message: "policy pack unchanged" };
    if (baseVersion === undefined) return { ok: true, changed, headVersion, message: `new policy pack at ${headVersion}` };
    if (compareVersions(headVersion, baseVersion) > 0) {
        return { ok: true, changed, baseVersion, headVersion, message: `policy pack ${baseVersion} -> ${headVersion}` };
    }
    return {
        ok: false,
        changed,
        baseVersion,
        headVersion,
        message:
            `the policy pack changed (${changed.join(", ")}) but policy/package.json version is still ${headVersion} (base ${baseVersion}): ` +
            `raise it (policy/README.md "Publishing": major for a new mandatory policy or a stricter default, minor for a new advisory policy or config key, patch for messages and fixes)`,
    };
}

async function main(argv: string[]): Promise<number> {
    const opts = new Command("policy-version").requiredOption("--base <ref>", "base branch, e.g. origin/main").parse(argv, { from: "user" }).opts<{ base: string }>();
    const result = checkPolicyVersion(opts.base);
    if (result.ok) {
        process.stdout.write(`${result.message}\n`);
        return 0;
    }
    process.stderr.write(`${result.message}\n`);
    if (process.env.GITHUB_ACTIONS) process.stdout.write(`::error title=Policy pack version::${result.message}\n`);
    return 1;
}

if (require.main === module) runCli("policy-version", () => main(process.argv.slice(2)));
