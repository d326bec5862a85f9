import * as assert from "assert";
import { z } from "zod";
import { ConfigError, disasterRecoverySummary, formatLocation, formatProblem, isRfc3339, jsonDepth, nearestKey, parseRestore, restoredName, SecretMask, unknownKeyRule, withReleasePhase } from "../../components/config";
import { cloudLabel, extensionFlags, preloadLibraries, supportedExtensions } from "../../components/config/extensions";
import { allowedText, problemsFromIssue, typeWords } from "../../components/config/issues";
import { isIntegerAt, keysAt, schemaAt } from "../../components/config/keys";
import { routeKey } from "../../components/config/routes";
import { secretSlug } from "../../components/config/service-secrets";
import { TIERS } from "../../components/program-config";

/**
 * The config's pure rules, each as a table of what a user writes and what they get back:
 * "did you mean" suggestions, the words of every kind of bound, RFC 3339 times, route
 * normalisation, the DR summary line, extension preloads and flags, and value masking.
 */

const KNOWN = ["platform:database", "platform:monitoring", "platform:appName", "platform:objectStore", "pulumi:tags", "aws:region", "platform:services.api.image", "platform:services.api.port", "platform:cache.nodes", "platform:cache.size", "platform:services.api.env", "platform:services.api.ip"];
const IMAGE = "platform:services.api.image";

describe("config rules: the nearest known key of a typo", () => {
    const ROWS: Array<[string, string | undefined, string]> = [
        ["PLATFORM:appName", "platform:appName", "case differs"],
        [" platform:app_name", "platform:appName", "whitespace, _ and - are ignored"],
        ["platfrom:database", "platform:database", "the same name under another namespace"],
        ["monitoring", "platform:monitoring", "the name without a namespace"],
        ["aws:tags", "pulumi:tags", "the same name outside platform: when only that one has it"],
        ["platform:services.api.imag", "platform:services.api.image", "a prefix of a sibling"],
        ["platform:services.api.portnumber", "platform:services.api.port", "a sibling that is a prefix of it"],
        ["platform:cache.nodez", "platform:cache.nodes", "one edit from a sibling"],
        ["platform:databse", "platform:database", "one edit from a top-level key"],
        ["platform:cache.xyzzy", undefined, "no sibling within a third of its length"],
        ["platform:cache.po", undefined, "too short for a prefix match, too far for an edit"],
        [`platform:${"d".repeat(200)}`, undefined, "a key over 200 characters is not compared"],
        [IMAGE + "x".repeat(200 - IMAGE.length), IMAGE, "a key of 200 characters still is"],
        [IMAGE + "x".repeat(201 - IMAGE.length), undefined, "one character more is not"],
        ["platform:services.api.ima", IMAGE, "three letters are enough for a prefix match"],
        ["platform:services.api.po", undefined, "two are not, even of port"],
        ["platform:services.api.environment", "platform:services.api.env", "a three-letter sibling it starts with"],
        ["platform:services.api.ipaddress", undefined, "a two-letter sibling is too short to be a prefix"],
        ["platfrom:databse", "platform:database", "typos in the namespace and the name: the nearest whole key"],
        ["platform:dtabase", "platform:database", "two edits in eight letters are within a third"],
        ["platform:dtbse", undefined, "three edits in five letters are not"],
        ["platform:cachr.sz", "platform:cache.size", "a section no key has: whole keys are compared, not names under a look-alike section"],
    ];
    for (const [typo, near, why] of ROWS) {
        it(`${typo.slice(0, 40)} -> ${near ?? "nothing"} (${why})`, () => assert.strictEqual(nearestKey(typo, KNOWN), near));
    }
    it("the same key in another case beats the same name elsewhere; of several with that name, the platform: one", () => {
        assert.strictEqual(nearestKey("PULUMI:TAGS", ["platform:tags", "pulumi:tags"]), "pulumi:tags");
        assert.strictEqual(nearestKey("tags", ["pulumi:tags", "platform:tags"]), "platform:tags");
        assert.strictEqual(nearestKey("pulumi:tagz", ["platform:tags", "pulumi:tags"]), "pulumi:tags");
    });
    it("nothing is near in an empty list", () => assert.strictEqual(nearestKey("platform:database", []), undefined));
    it("the rule names the suggestion, or only where keys are listed", () => {
        assert.strictEqual(unknownKeyRule("platform:databse", KNOWN), 'no such key; did you mean platform:database? (keys are platform:<name> or one listed in README.md "Config reference")');
        assert.strictEqual(unknownKeyRule("platform:qqqqqqqq", KNOWN), 'no such key (keys are platform:<name> or one listed in README.md "Config reference")');
    });
});

describe("config rules: the words of every kind of bound", () => {
    const issue = (schema: z.ZodType, value: unknown) => {
        const r = schema.safeParse(value);
        assert.ok(!r.success, `${JSON.stringify(value)} must fail`);
        return r.error.issues[0]!;
    };
    const ROWS: Array<[string, z.ZodType, unknown, string, boolean?]> = [
        // zod reports an int's bounds as a number's: the schema walk (isIntegerAt) says it is whole.
        ["integer below an inclusive minimum", z.number().int().min(2), 1, "an integer >= 2", true],
        ["integer above an inclusive maximum", z.number().int().max(9), 10, "an integer <= 9", true],
        ["number below an exclusive minimum", z.number().gt(0), 0, "a number > 0"],
        ["number above an exclusive maximum", z.number().lt(5), 5, "a number < 5"],
        ["a number below its minimum", z.number().min(3), 2, "a number >= 3"],
        ["a number above its maximum", z.number().max(3), 4, "a number <= 3"],
        ["integer beyond the exact range", z.number().int(), 2 ** 60, "an integer small enough to be exact"],
        ["integer below the exact range", z.number().int(), -(2 ** 60), "an integer large enough to be exact"],
        ["string shorter than 2", z.string().min(2), "a", "at least 2 characters"],
        ["string longer than 1", z.string().max(1), "ab", "at most 1 character"],
        ["list shorter than an exclusive 1", z.array(z.string()).min(2), ["a"], "at least 2 items"],
        ["list longer than 1", z.array(z.string()).max(1), ["a", "b"], "at most 1 item"],
        ["a bound with its own words", z.number().max(1, { error: "one at most" }), 2, "one at most"],
        ["a bound with its own words, below", z.number().min(1, { error: "one at least" }), 0, "one at least"],
        ["not a multiple", z.number().multipleOf(5), 7, "a multiple of 5"],
        ["a value outside an enum", z.enum(["a", "b"]), "c", "one of a, b"],
        ["a union without words of its own", z.union([z.string(), z.number()]), true, "see the config reference in README.md"],
        ["a union with words of its own", z.union([z.string(), z.number()], { error: "text or a number" }), true, "text or a number"],
        ["a custom rule", z.string().refine(() => false, { error: "never" }), "x", "never"],
        ["a type the words know", z.boolean(), "x", "true or false"],
        ["a list", z.array(z.string()), "x", "a list"],
        ["a string where the schema is whole numbers elsewhere", z.string(), 3, "a string", true],
        ["a string's length, whatever the integer flag", z.string().min(2), "a", "at least 2 characters", true],
        ["a string's maximum, whatever the integer flag", z.string().max(1), "ab", "at most 1 character", true],
        ["own words that mention zod's", z.number().min(1, { error: "not Too small for zod" }), 0, "not Too small for zod"],
        ["own words that mention zod's, above", z.number().max(1, { error: "not Too big for zod" }), 2, "not Too big for zod"],
    ];
    for (const [title, schema, value, words, integer] of ROWS) {
        it(`${title}: ${words}`, () => assert.strictEqual(integer ? allowedText(issue(schema, value), true, true) : allowedText(issue(schema, value), true), words));
    }
    it("a missing value says the key is required", () => {
        assert.strictEqual(allowedText(issue(z.string(), undefined), false), "a string (this key is required)");
        assert.strictEqual(allowedText(issue(z.enum(["a"]), undefined), false), "one of a (this key is required)");
    });
    it("type names the table does not know read with their article", () => {
        assert.deepStrictEqual(["symbol", "unknown", "int", "map", "tuple", "set", "date", "null", "undefined", "bigint", "record"].map(typeWords), [
            "a symbol", "an unknown", "an integer", "an object (a YAML mapping)", "a list", "a list", "a date", "null", "nothing", "an integer", "an object (a YAML mapping)",
        ]);
    });
});

describe("config rules: RFC 3339 restore times", () => {
    const ROWS: Array<[string, boolean]> = [
        ["2026-11-30T09:15:00Z", true],
        ["2028-02-29T23:59:59.123456789+05:30", true],
        ["2027-02-29T00:00:00Z", false],
        ["2026-04-31T00:00:00Z", false],
        ["2026-13-01T00:00:00Z", false],
        ["2026-11-30T24:00:00Z", false],
        ["2026-11-30T23:60:00Z", false],
        ["2026-11-30T23:59:60Z", false],
        ["2026-11-30 09:15:00Z", false],
        ["2026-11-30T09:15:00", false],
    ];
    for (const [time, ok] of ROWS) it(`${time}: ${ok ? "a time" : "not a time"}`, () => assert.strictEqual(isRfc3339(time), ok));
    it("a time restores a point in time, anything else a backup", () => {
        assert.deepStrictEqual(parseRestore("2026-11-30T09:15:00Z", "db1"), { kind: "pointInTime", time: "2026-11-30T09:15:00Z", source: "db1" });
        assert.deepStrictEqual(parseRestore("rds:snap-1", undefined), { kind: "backup", id: "rds:snap-1", source: undefined });
        assert.strictEqual(parseRestore(undefined, "db1"), undefined);
    });
    it("a restored database gets a name of its own per source", () => {
        const a = restoredName("app", { kind: "backup", id: "snap-1" });
        assert.match(a, /^app-r[0-9a-f]{6}$/);
        assert.strictEqual(restoredName("app", undefined), "app");
        assert.notStrictEqual(restoredName("app", { kind: "backup", id: "snap-1", source: "other" }), a);
        assert.notStrictEqual(restoredName("app", { kind: "pointInTime", time: "2026-11-30T09:15:00Z" }), restoredName("app", { kind: "pointInTime", time: "2026-11-30T09:16:00Z" }));
        assert.strictEqual(restoredName("app", { kind: "backup", id: "snap-1" }), a, "the same restore, the same name");
        // The physical names of restored databases: a changed digest would replace them.
        assert.strictEqual(a, "app-rd500b0");
        assert.strictEqual(restoredName("app", { kind: "pointInTime", time: "2026-11-30T09:15:00Z", source: "db1" }), "app-rddd194");
    });
});

describe("config rules: the DR summary line", () => {
    const base = { role: "primary" as const, primaryRegion: "us-west-2", drRegion: "us-east-2", copyRegion: "us-east-2", crossRegionCopies: true, objectives: TIERS.production.dr.objectives };
    const o = TIERS.production.dr.objectives!;
    const objectives = `RTO <= ${o.rtoMinutes} min, RPO <= ${o.databaseRpoMinutes} min database / ${o.objectRpoMinutes} min objects`;
    it("a primary stack with copies", () => assert.strictEqual(disasterRecoverySummary(base, "us-west-2"), `primary stack in us-west-2; ${objectives}, copies kept in us-east-2`));
    it("a recovery stack names both regions", () => {
        assert.strictEqual(disasterRecoverySummary({ ...base, role: "recovery", copyRegion: "us-west-2" }, "us-east-2"), `recovery stack in us-east-2 (primary region us-west-2); ${objectives}, copies kept in us-west-2`);
    });
    it("objectives without copies are NOT MET", () => {
        assert.strictEqual(disasterRecoverySummary({ ...base, crossRegionCopies: false }, "us-west-2"), `primary stack in us-west-2; ${objectives} NOT MET: cross-region copies are off (platform:dr.crossRegionCopies)`);
    });
    it("a tier without objectives", () => {
        const none = { ...base, objectives: undefined };
        assert.strictEqual(disasterRecoverySummary(none, "us-west-2"), "primary stack in us-west-2; zone failures only, no region objectives on this tier, copies in us-east-2");
        assert.strictEqual(disasterRecoverySummary({ ...none, crossRegionCopies: false }, "us-west-2"), "primary stack in us-west-2; zone failures only, no region objectives on this tier, no cross-region copies");
    });
});

describe("config rules: routes as the load balancer matches them", () => {
    const ROWS: Array<[{ pathPrefix?: string; host?: string }, boolean, string]> = [
        [{}, false, "*/"],
        [{ pathPrefix: "/" }, false, "*/"],
        [{ pathPrefix: "/api/" }, false, "*/api"],
        [{ pathPrefix: "/api//" }, false, "*/api"],
        [{ pathPrefix: "/API" }, false, "*/API"],
        [{ pathPrefix: "/API" }, true, "*/api"],
        [{ host: "App.Example.com" }, false, "app.example.com/"],
        [{ host: "a.example.com", pathPrefix: "/x/" }, true, "a.example.com/x"],
    ];
    for (const [route, folded, key] of ROWS) it(`${JSON.stringify(route)}${folded ? " (case-insensitive paths)" : ""} -> ${key}`, () => assert.strictEqual(routeKey(route, folded), key));
});

describe("config rules: extensions per cloud", () => {
    it("preloads and flags follow the extensions, sorted", () => {
        assert.deepStrictEqual(preloadLibraries("aws", ["postgis", "pgaudit", "pg_cron"]), ["pg_cron", "pgaudit"]);
        assert.deepStrictEqual(preloadLibraries("azure", ["timescaledb", "hstore"]), ["timescaledb"]);
        assert.deepStrictEqual(preloadLibraries("aws", ["unknown"]), []);
        assert.deepStrictEqual(extensionFlags("gcp", ["pgaudit", "postgis", "pg_cron"]), ["cloudsql.enable_pg_cron", "cloudsql.enable_pgaudit"]);
        assert.deepStrictEqual(extensionFlags("gcp", ["pg_stat_statements", "nope"]), []);
        assert.deepStrictEqual(preloadLibraries("aws", ["timescaledb"]), [], "an extension the cloud does not offer");
        assert.deepStrictEqual(extensionFlags("gcp", ["timescaledb"]), []);
        assert.deepStrictEqual((["aws", "gcp", "azure"] as const).map(cloudLabel), ["RDS", "Cloud SQL", "Azure flexible server"]);
    });
    it("timescaledb only on Azure, the rest everywhere", () => {
        assert.ok(supportedExtensions("azure").includes("timescaledb"));
        for (const cloud of ["aws", "gcp"] as const) assert.deepStrictEqual(supportedExtensions(cloud), supportedExtensions("azure").filter((e) => e !== "timescaledb"));
        assert.deepStrictEqual(supportedExtensions("aws"), [...supportedExtensions("aws")].sort());
    });
});

describe("config rules: JSON nesting is measured without parsing", () => {
    const ROWS: Array<[string, number]> = [
        ["1", 0],
        ["[]", 1],
        ['{"a":[1,{"b":[]}]}', 4],
        ['["[[[["]', 1],
        ['["\\"[[[["]', 1],
        ['[[]][[]]', 2],
        ['{"a":"]"}', 1],
    ];
    for (const [text, depth] of ROWS) it(`${text} is ${depth} deep`, () => assert.strictEqual(jsonDepth(text), depth));
});

describe("config rules: the release phase switch", () => {
    it("sets compute.releasePhase beside what the stack says", () => {
        assert.deepStrictEqual(withReleasePhase({ "platform:compute": '{"size":"large"}' }, "promote"), { "platform:compute": '{"size":"large","releasePhase":"promote"}' });
        assert.deepStrictEqual(withReleasePhase({}, "rollback"), { "platform:compute": '{"releasePhase":"rollback"}' });
    });
    it("leaves the config alone without a phase or when the stack's compute is not an object", () => {
        const all = { "platform:compute": '{"size":"large"}' };
        assert.strictEqual(withReleasePhase(all, undefined), all);
        assert.strictEqual(withReleasePhase(all, ""), all);
        for (const bad of ["{not json", "[1]", "null", "3"]) {
            const cfg = { "platform:compute": bad };
            assert.strictEqual(withReleasePhase(cfg, "promote"), cfg, bad);
        }
    });
});

describe("config rules: which values an error masks", () => {
    const mask = new SecretMask(["platform:services", " PLATFORM:Kubeconfig "]);
    const ROWS: Array<[string, unknown, boolean, string]> = [
        ["platform:services", "x", true, "a secret key"],
        ["platform:services.api.image", "x", true, "under a secret key"],
        ["platform:services[0]", "x", true, "an index under a secret key"],
        ["platform:servicesx", "x", false, "a longer key is not under it"],
        ["platform:kubeconfig", "x", true, "compared trimmed and case-blind"],
        ["platform:appName", "acme", false, "a plain key and value"],
        ["platform:tags.apiKey", "x", true, "a credential's key name"],
        ["platform:tags.a", "AKIAABCDEFGHIJKLMNOP", true, "an AWS access key id"],
        ["platform:tags.a", "Bearer abcdefgh1", true, "a bearer token"],
        ["platform:tags.a", "postgres://admin:p4ss@db", true, "a URL with a password"],
        ["platform:tags.a", "https://example.com/a:b", false, "a URL without one"],
        ["platform:tags.a", "Bearer short", false, "Bearer and a word"],
        ["platform:tags.a", "Bearer  abcdefgh", true, "a bearer token after two spaces"],
        ["platform:tags.a", "https://x.blob.core.windows.net/?sv=1&sig=abc", false, "a short sig= parameter"],
        ["platform:tags.a", `https://x.blob.core.windows.net/?sv=1&sig=${"A1%".repeat(7)}`, true, "a SAS signature"],
        ["platform:tags.a", '{"type" : "service_account"}', true, "a GCP key file, spaced"],
        ["platform:tags.a", '{"type":"service_account"}', true, "a GCP key file, compact"],
        ["platform:tags.a", "apiVersion: v1", false, "an apiVersion alone"],
        ["platform:tags.a", "contexts and users", false, "kubeconfig words alone"],
        ["platform:tags.a", 'secret : "x"', true, "a spaced secret assignment"],
        ["platform:tags.a", "token=abc", true, "a token assignment"],
        ["platform:tags.a", "the token is lost", false, "the word token in a sentence"],
        ["platform:tags.a", "-----BEGIN RSA PRIVATE KEY-----", true, "a PEM block"],
        ["platform:tags.a", "eyJhbGciOiJSUzI1.eyJzdWIiOiJh.sig", true, "a JWT"],
        ["platform:tags.a", "DefaultEndpointsProtocol=https;AccountKey=abc", true, "an Azure storage key"],
        ["platform:tags.a", '{"type": "service_account"}', true, "a GCP key file"],
        ["platform:tags.a", "apiVersion: v1\nclusters: []", true, "a kubeconfig"],
        ["platform:tags.a", "password = x", true, "a password assignment"],
        ["platform:tags.a", { nested: ["ok", { deeper: "token: abc" }] }, true, "a credential deep inside a value"],
        ["platform:tags.a", { clientKey: "v" }, true, "a credential's key name inside a value"],
        ["platform:tags.a", { team: ["payments", 3] }, false, "plain values inside a value"],
    ];
    for (const [key, value, masked, why] of ROWS) it(`${why}: ${masked ? "masked" : "printed"}`, () => assert.strictEqual(mask.masks(key, value), masked));
    it("a masked value prints as [secret], in the message and in problems", () => {
        const err = new ConfigError([{ key: "platform:services.api.image", value: "ghcr.io/acme/api:1", allowed: "x" }], mask);
        assert.strictEqual(err.message, "Invalid stack config:\n  platform:services.api.image = [secret]: allowed: x");
        assert.strictEqual(typeof err.problems[0]!.value, "symbol");
    });
});

describe("config rules: keys as pulumi config names them", () => {
    const { configKey } = require("../../components/config/errors") as typeof import("../../components/config/errors");
    it("indexes in brackets, names after dots", () => {
        assert.strictEqual(configKey(["services", "api", "command", 10]), "platform:services.api.command[10]");
        assert.strictEqual(configKey(["tags", "1a"]), "platform:tags.1a");
        assert.strictEqual(configKey(["services"]), "platform:services");
        assert.strictEqual(configKey([]), "platform:");
    });
});

describe("config rules: where a problem is located", () => {
    it("file, line and column; the column defaults to 1; a file alone", () => {
        assert.strictEqual(formatLocation({ file: "Pulumi.production.yaml", line: 3, column: 5 }), "Pulumi.production.yaml:3:5");
        assert.strictEqual(formatLocation({ file: "Pulumi.production.yaml", line: 3 }), "Pulumi.production.yaml:3:1");
        assert.strictEqual(formatLocation({ file: "--config" }), "--config");
    });
    it("a problem line: location, key (quoted when it has spaces), value and allowed", () => {
        assert.strictEqual(formatProblem({ key: " platform:appName", value: "acme", allowed: "x", location: { file: "f.yaml", line: 1, column: 2 } }), 'f.yaml:1:2: " platform:appName" = "acme": allowed: x');
        assert.strictEqual(formatProblem({ key: "platform:appName", value: undefined, allowed: "x" }), "platform:appName = (missing): allowed: x");
        assert.strictEqual(formatProblem({ key: "platform:appName ", value: 1, allowed: "x" }), '"platform:appName " = 1: allowed: x');
        assert.strictEqual(formatProblem({ key: "platform:app\tName", value: 1, allowed: "x" }), '"platform:app\\tName" = 1: allowed: x');
    });
    it("locating keeps a known position and adds the others, without a stack trace", () => {
        const err = new ConfigError([
            { key: "platform:a", value: 1, allowed: "x", location: { file: "--config" } },
            { key: "platform:b", value: 2, allowed: "y" },
        ]).locatedBy((k) => (k === "platform:b" ? { file: "f.yaml", line: 4, column: 3 } : { file: "wrong" }));
        assert.strictEqual(err.message, "Invalid stack config:\n  --config: platform:a = 1: allowed: x\n  f.yaml:4:3: platform:b = 2: allowed: y");
        assert.strictEqual(err.stack, `ConfigError: ${err.message}`);
        assert.strictEqual(err.name, "ConfigError");
    });
});

describe("config rules: secret names in the secret managers' spelling", () => {
    it("SMTP_PASSWORD -> smtp-password", () => assert.strictEqual(secretSlug("SMTP_PASSWORD_2"), "smtp-password-2"));
});

describe("config rules: value rules on both sides of their edges", () => {
    const { imageProblem, emailProblem, cidrHostBitsProblem, kubeconfigProblem } = require("../../components/config/value-rules") as typeof import("../../components/config/value-rules");
    it("image references", () => {
        const digest = `sha256:${"a".repeat(64)}`;
        for (const ok of [`ghcr.io/${"a".repeat(247)}:1`, `${"a".repeat(255)}:1`, `a:${"t".repeat(128)}`, `a@${digest}`, `a:1@${digest}`, `a@sha512:${"b".repeat(128)}`, "localhost:5000/a_b__c-d.e:v1", "A.example.com/x:1"]) {
            assert.strictEqual(imageProblem(ok), undefined, ok);
        }
        const rule = "an image reference: lowercase repository, then :tag (at most 128 of A-Z a-z 0-9 _ . -) and/or @sha256:<64 lowercase hex>, e.g. ghcr.io/acme/api:1.4.2";
        const ROWS: Array<[string, string]> = [
            [`ghcr.io/${"a".repeat(248)}:1`, `${rule}; the repository name is at most 255 characters`],
            [`${"a".repeat(256)}:1`, `${rule}; the repository name is at most 255 characters`],
            [`a:${"t".repeat(129)}`, rule],
            ["a:.1", rule],
            [`a@sha256:${"a".repeat(63)}`, `${rule}; a digest is sha256: and exactly 64 lowercase hex digits`],
            [`a@sha256:${"A".repeat(64)}`, `${rule}; a digest is sha256: and exactly 64 lowercase hex digits`],
            [`a:1@sha512:${"b".repeat(127)}`, `${rule}; a digest is sha256: and exactly 64 lowercase hex digits`],
            ["ghcr.io/Acme/api:1", `${rule}; the repository must be lowercase`],
            ["Api:1", `${rule}; the repository must be lowercase`],
            ["ghcr.io/acme/api", `${rule}; pin a tag or a digest (no tag means a moving "latest")`],
            ["a__-b:1", rule],
            ["ghcr.io/acme/api:V1 x", rule],
            ["localhost:5000/acme/api:V 1", rule],
            ["GHCR.IO/acme/a b:1", rule],
            [`a@sha256:${"a".repeat(65)}`, `${rule}; a digest is sha256: and exactly 64 lowercase hex digits`],
            [`a@xsha256:${"a".repeat(64)}`, `${rule}; a digest is sha256: and exactly 64 lowercase hex digits`],
            [`a:${"1".repeat(511)}`, `${rule}; at most 512 characters`],
        ];
        for (const [ref, problem] of ROWS) assert.strictEqual(imageProblem(ref), problem, ref.slice(0, 60));
        assert.strictEqual(imageProblem(`a:${"1".repeat(510)}`), rule, "512 characters are read as a reference");
    });
    it("an email's local part: 64 characters, not 65", () => {
        assert.strictEqual(emailProblem(`${"a".repeat(64)}@example.com`), undefined);
        assert.strictEqual(emailProblem(`${"a".repeat(65)}@example.com`), "an email address whose local part (before @) is at most 64 characters (RFC 5321)");
        assert.strictEqual(emailProblem(`a@b@${"c".repeat(70)}`), undefined, "the last @ splits it");
    });
    it("a CIDR's host bits; a malformed one is the format rule's", () => {
        assert.strictEqual(cidrHostBitsProblem("10.1.0.0/16"), undefined);
        assert.strictEqual(cidrHostBitsProblem("10.1.0.1/16"), "a network address with no host bits set: 10.1.0.0/16");
        assert.strictEqual(cidrHostBitsProblem("10.1.0.1"), undefined);
    });
    it("kubeconfigs that are fine: JSON, one context without current-context, an http server, an empty current-context", () => {
        const doc = { apiVersion: "v1", kind: "Config", clusters: [{ name: "c", cluster: { server: "http://10.0.0.1" } }], users: [{ name: "u", user: {} }], contexts: [{ name: "x", context: { cluster: "c", user: "u" } }] };
        assert.strictEqual(kubeconfigProblem(JSON.stringify(doc)), undefined);
        assert.strictEqual(kubeconfigProblem(JSON.stringify({ ...doc, "current-context": "" })), undefined);
        assert.strictEqual(kubeconfigProblem(JSON.stringify({ ...doc, "current-context": "x" })), undefined);
        // 1 MiB is read (a comment: no mapping); one byte more is not (the messages table).
        assert.strictEqual(kubeconfigProblem("#".repeat(1 << 20)), "a kubeconfig document (YAML or JSON; pulumi config set --secret platform:kubeconfig < file); it is not a mapping");
        const bad = (d: unknown) => kubeconfigProblem(JSON.stringify(d))!.replace(/^a kubeconfig document \(YAML or JSON; pulumi config set --secret platform:kubeconfig < file\)/, "");
        assert.strictEqual(bad({ ...doc, "current-context": 3 }), " whose current-context names one of its contexts");
        assert.strictEqual(bad({ ...doc, clusters: [{ name: "c", cluster: { server: "https://" } }] }), " whose every cluster has a server URL");
        assert.strictEqual(bad({ ...doc, clusters: [{ name: "c" }] }), " whose every cluster has a server URL");
        assert.strictEqual(bad({ ...doc, users: [] }), " with a non-empty users list");
        assert.strictEqual(bad({ ...doc, users: ["u"] }), " with every users entry named");
        assert.strictEqual(bad({ ...doc, contexts: [{ name: "x" }] }), " whose every context names one of its clusters and users");
        assert.strictEqual(bad({ ...doc, contexts: [{ name: "x", context: { cluster: "nope", user: "u" } }] }), " whose every context names one of its clusters and users");
        assert.strictEqual(bad({ ...doc, contexts: [{ name: "x", context: { cluster: "c", user: 1 } }] }), " whose every context names one of its clusters and users");
        assert.strictEqual(bad({ ...doc, clusters: { c: {} } }), " with a non-empty clusters list");
        assert.strictEqual(bad(["x"]), "; it is not a mapping");
        assert.strictEqual(bad("just text"), "; it is not a mapping");
        assert.strictEqual(bad({ ...doc, users: [{ name: "" }] }), " with every users entry named");
        assert.strictEqual(bad({ ...doc, users: [{ name: 3 }] }), " with every users entry named");
        assert.strictEqual(bad({ ...doc, clusters: [{ name: "c", cluster: { server: 3 } }] }), " whose every cluster has a server URL");
        assert.strictEqual(bad({ ...doc, clusters: [{ name: "c", cluster: { server: "xhttps://a" } }] }), " whose every cluster has a server URL");
        assert.strictEqual(bad({ ...doc, clusters: [{ name: "c", cluster: { server: "https://a b" } }] }), " whose every cluster has a server URL");
        assert.strictEqual(bad({ ...doc, clusters: [{ name: "c", cluster: "https://a" }] }), " whose every cluster has a server URL");
        assert.strictEqual(bad({ ...doc, contexts: [{ name: "x", context: "c" }] }), " whose every context names one of its clusters and users");
        assert.strictEqual(bad({ ...doc, contexts: [{ name: "x", context: { cluster: 1, user: "u" } }] }), " whose every context names one of its clusters and users");
        const two = { ...doc, contexts: [...doc.contexts, { name: "y", context: { cluster: "c", user: "u" } }] };
        assert.strictEqual(bad({ ...two, "current-context": "" }), " with a current-context (it has several contexts)");
        assert.strictEqual(kubeconfigProblem(JSON.stringify({ ...two, "current-context": "y" })), undefined);
        assert.strictEqual(bad(null), "; it is not a mapping");
    });
});

describe("config rules: the schema at a key's path", () => {
    const wrap = (s: z.ZodType, n: number): z.ZodType => (n === 0 ? s : wrap(s.optional(), n - 1));
    const schema = z.strictObject({
        list: z.array(z.number().int()).optional(),
        map: z.record(z.string(), z.strictObject({ a: z.string(), b: z.number() })).optional(),
        piped: z.string().max(3).pipe(z.string()).optional(),
        deep: wrap(z.number().int(), 10),
        deeper: wrap(z.number().int(), 11),
        obj: z.strictObject({ n: z.number().int().default(1) }).optional(),
    });
    it("looks through optional, default and pipe, into lists, maps and objects", () => {
        assert.strictEqual(isIntegerAt(schema, ["list", 0]), true);
        assert.strictEqual(isIntegerAt(schema, ["map", "x", "b"]), false);
        assert.strictEqual(isIntegerAt(schema, ["obj", "n"]), true);
        assert.deepStrictEqual(keysAt(schema, ["map", "x"]), ["a", "b"]);
        assert.deepStrictEqual(keysAt(schema, ["obj"]), ["n"]);
        assert.deepStrictEqual(keysAt(schema, ["list"]), []);
        assert.ok(schemaAt(schema, ["piped"]) instanceof z.ZodString);
        assert.strictEqual(isIntegerAt(schema, ["deep"]), true, "ten wrappers are looked through");
        assert.strictEqual(isIntegerAt(schema, ["deeper"]), false, "the walk stops after ten (a schema is never that deep)");
    });
    it("a path past a leaf or to no key has no schema", () => {
        assert.strictEqual(schemaAt(schema, ["piped", "x"]), undefined);
        assert.strictEqual(schemaAt(schema, ["nope", "x"]), undefined);
        assert.strictEqual(schemaAt(schema, ["nope"]), undefined);
        assert.strictEqual(schemaAt(schema, ["constructor"]), undefined);
        assert.deepStrictEqual(keysAt(schema, ["nope", "x"]), []);
        assert.strictEqual(isIntegerAt(schema, ["list", 0, "x"]), false);
    });
});

describe("config rules: the value a problem shows", () => {
    const schema = z.strictObject({ a: z.strictObject({ b: z.string() }) });
    const shown = (input: unknown, path: PropertyKey[]) => problemsFromIssue({ code: "invalid_type", expected: "string", path, message: "x", input: undefined } as any, input, schema)[0]!.value;
    it("the value at the path, else missing", () => {
        assert.strictEqual(shown({ a: { b: 3 } }, ["a", "b"]), 3);
        assert.strictEqual(shown({ a: {} }, ["a", "b"]), undefined);
        assert.strictEqual(shown({ a: null }, ["a", "b"]), undefined);
        assert.strictEqual(shown({ a: "text" }, ["a", "length"]), undefined);
        assert.strictEqual(shown({ a: {} }, ["a", "constructor"]), undefined, "never an inherited property");
        assert.strictEqual(shown(null, ["a"]), undefined);
    });
});
