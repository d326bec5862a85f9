import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PACK_ENFORCEMENT_LEVEL, PACK_NAME, policies } from "../policy/policies";
import { PolicyConfigError, reconcileConfig } from "../tools/engine/policies";
import { checkPolicyVersion, compareVersions } from "../tools/ci/policy-version";

/**
 * The policy pack as a deliverable: a lockfile `npm ci` installs from, the committed example
 * config valid against the pack's configSchema (the reconciliation `pulumi policy
 * validate-config` and `--policy-pack-config` perform: schema defaults, `all`, per-policy values,
 * then JSON-schema validation), and the version rule CI enforces on every pull request.
 */

const ROOT = path.resolve(__dirname, "..");
const EXAMPLE = path.join(ROOT, "policy", "policy-config.example.json");
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));

describe("ci policy pack: lockfile, example config, version rule", () => {
    it("policy/package-lock.json is committed and pins what policy/package.json asks for", () => {
        const pkg = readJson(path.join(ROOT, "policy", "package.json"));
        const lock = readJson(path.join(ROOT, "policy", "package-lock.json"));
        assert.strictEqual(lock.packages[""].version, pkg.version);
        assert.deepStrictEqual(lock.packages[""].dependencies, pkg.dependencies);
        for (const [name, version] of Object.entries<string>(pkg.dependencies)) {
            assert.strictEqual(lock.packages[`node_modules/${name}`]?.version, version, name);
            assert.match(lock.packages[`node_modules/${name}`].integrity, /^sha512-/);
        }
        // The pack and the program load the same SDK (DESIGN: 3.248.0 on Node 20).
        const root = readJson(path.join(ROOT, "package.json"));
        assert.strictEqual(pkg.dependencies["@pulumi/pulumi"], root.dependencies["@pulumi/pulumi"]);
        assert.strictEqual(pkg.dependencies["@pulumi/policy"], root.dependencies["@pulumi/policy"]);
        const tracked = execFileSync("git", ["-C", ROOT, "ls-files", "policy/package-lock.json", "policy/policy-config.example.json"], { encoding: "utf8" });
        assert.deepStrictEqual(tracked.trim().split("\n").sort(), ["policy/package-lock.json", "policy/policy-config.example.json"]);
    });

    it("the example config validates against the pack's configSchema and changes what it says", () => {
        const example = readJson(EXAMPLE);
        const config = reconcileConfig(policies, PACK_ENFORCEMENT_LEVEL, example);
        assert.deepStrictEqual(config["aws-rds-require-backup-retention"]!.properties.minimumBackupRetentionDays, { production: 30, staging: 7, qa: 3 });
        assert.strictEqual(config["kubernetes-pod-require-read-only-root-filesystem"]!.enforcementLevel, "advisory");
        assert.strictEqual((config["aws-s3-require-versioning"]!.properties.exemptions as unknown[]).length, 1);
        for (const name of Object.keys(example).filter((k) => k !== "all")) assert.ok(policies.some((p) => p.name === name), name);
    });

    it("the same validation rejects a broken copy, naming the policy and the key", () => {
        const example = readJson(EXAMPLE);
        const noReason = structuredClone(example);
        noReason["aws-s3-require-versioning"].exemptions[0].reason = "";
        assert.throws(() => reconcileConfig(policies, PACK_ENFORCEMENT_LEVEL, noReason), (e: Error) => e instanceof PolicyConfigError && /aws-s3-require-versioning/.test(e.message) && /reason/.test(e.message));
        assert.throws(() => reconcileConfig(policies, PACK_ENFORCEMENT_LEVEL, { ...example, "no-such-policy": "advisory" }), /no policy named "no-such-policy"/);
        assert.throws(() => reconcileConfig(policies, PACK_ENFORCEMENT_LEVEL, { ...example, all: "strict" }), /enforcementLevel "strict"/);
    });

    it("policy/README.md publishes and enables with the CLI's syntax, from the committed example config", () => {
        const readme = fs.readFileSync(path.join(ROOT, "policy", "README.md"), "utf8");
        assert.match(readme, /pulumi policy publish <org>/);
        assert.doesNotMatch(readme, /pulumi policy publish policy/);
        assert.ok(readme.includes(`pulumi policy validate-config <org>/${PACK_NAME} <version> --config policy/policy-config.example.json`));
        assert.ok(readme.includes(`pulumi policy enable <org>/${PACK_NAME} <version> --policy-group <group> --config policy/policy-config.example.json`));
        const main = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        for (const text of [readme, main]) assert.doesNotMatch(text, /[^.\w/-]policy-config\.json/, "every config the docs name exists");
    });

    it("versions compare as semver", () => {
        assert.strictEqual(compareVersions("0.1.10", "0.1.9"), 1);
        assert.strictEqual(compareVersions("1.0.0-rc.1", "1.0.0"), -1);
        assert.strictEqual(compareVersions("2.0.0", "2.0.0"), 0);
        assert.throws(() => compareVersions("v1", "1.0.0"), /allowed: semver x\.y\.z/);
    });

    it("a pack change without a version bump fails; docs alone and a bump pass", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-version-"));
        const git = (...args: string[]) => execFileSync("git", ["-C", dir, "-c", "user.email=ci@example.com", "-c", "user.name=ci", ...args], { encoding: "utf8" });
        const write = (file: string, text: string) => {
            fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
            fs.writeFileSync(path.join(dir, file), text);
        };
        const version = (v: string) => write("policy/package.json", JSON.stringify({ name: "p", version: v }));
        git("init", "-q", "-b", "main");
        version("1.2.0");
        write("policy/policies/a.ts", "export const a = 1;\n");
        git("add", ".");
        git("commit", "-qm", "base");
        git("checkout", "-qb", "change");

        write("policy/README.md", "docs\n");
        git("commit", "-qam", "docs", "--allow-empty");
        git("add", ".");
        git("commit", "-qm", "docs only");
        assert.strictEqual(checkPolicyVersion("main", dir).ok, true);

        write("policy/policies/a.ts", "export const a = 2;\n");
        git("commit", "-qam", "stricter");
        const refused = checkPolicyVersion("main", dir);
        assert.strictEqual(refused.ok, false);
        assert.match(refused.message, /policy\/policies\/a\.ts.*still 1\.2\.0 \(base 1\.2\.0\)/);

        version("1.3.0");
        git("commit", "-qam", "bump");
        assert.deepStrictEqual([checkPolicyVersion("main", dir).ok, checkPolicyVersion("main", dir).message], [true, "policy pack 1.2.0 -> 1.3.0"]);
    });
});
