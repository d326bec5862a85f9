import * as assert from "assert";
import { readFileSync } from "fs";
import { join, relative } from "path";
import type * as pulumi from "@pulumi/pulumi";
import { CLOUDS } from "../components/config";
import { createChild } from "../providers/shared/child-factory";
import { codeFiles } from "./support/cloud-literals";
import { planFor } from "./support/harness";
import { sdkConstructions } from "./support/sdk-constructions";

const ROOT = join(__dirname, "..");

/**
 * The SDK resources providers/ may construct itself, each with why: the explicit providers
 * the factories put children on. A provider is not a child on a provider (the engine takes no
 * `provider` option for a provider resource), so it cannot go through the factory. An entry
 * that no longer matches fails too, so the list only shrinks.
 */
const ALLOWED: ReadonlyArray<{ file: string; callee: string; reason: string }> = [
    { file: "providers/aws/context.ts", callee: "aws.Provider", reason: "the cloud's explicit provider every AWS child goes on" },
    { file: "providers/gcp/context.ts", callee: "gcp.Provider", reason: "the cloud's explicit provider every GCP child goes on" },
    { file: "providers/azure/context.ts", callee: "AzureProvider", reason: "the cloud's explicit provider every Azure child goes on" },
    { file: "providers/azure/context.ts", callee: "RandomProvider", reason: "Azure's explicit @pulumi/random provider (per environment), passed to the shared context" },
    { file: "providers/shared/cloud-context.ts", callee: "RandomProvider", reason: "the default explicit @pulumi/random provider of `createRandom`" },
    { file: "providers/kubernetes/context.ts", callee: "k8s.Provider", reason: "the kubernetes runtime's provider over the cluster's kubeconfig, every workload's" },
    { file: "providers/aws/kubernetes-cluster.ts", callee: "KubernetesProvider", reason: "the EKS bootstrap provider the cluster's NodePool goes on" },
];

/**
 * Every child resource goes through one factory (providers/shared/child-factory.ts, reached
 * through `CloudContext.create` / `createRandom` or the kubernetes runtime's
 * `KubernetesContext.create`): parent, explicit provider, the context's transformations and
 * the per-child transform in one place. tests/child-guarantees.spec.ts checks what a plan
 * shows; this checks the source, so a child a plan does not reach (another tier, mode or
 * cloud's branch) cannot bypass the factory either.
 */
describe("every SDK resource in providers/ is created by the child factory", () => {
    const files = codeFiles(ROOT, ["providers"]);
    const constructions = files.flatMap((f) => sdkConstructions(f, readFileSync(f, "utf8")).map((c) => ({ ...c, file: relative(ROOT, f) })));
    const allowed = (c: { file: string; callee: string }) => ALLOWED.some((a) => a.file === c.file && a.callee === c.callee);

    it("reads every cloud's folder and the kubernetes runtime", () => {
        for (const dir of ["aws", "gcp", "azure", "kubernetes", "shared"]) assert.ok(files.some((f) => relative(ROOT, f).startsWith(`providers/${dir}/`)), dir);
        assert.ok(files.length > 100, `only ${files.length} files`);
    });

    it("constructs no SDK resource outside the factory but the allow-listed providers", () => {
        const offending = constructions.filter((c) => !allowed(c));
        assert.deepStrictEqual(offending.map((c) => `${c.file}:${c.line} new ${c.callee}(...)`), []);
    });

    it("every allow-list entry still matches a construction (a stale entry is removed)", () => {
        const stale = ALLOWED.filter((a) => !constructions.some((c) => c.file === a.file && c.callee === a.callee));
        assert.deepStrictEqual(stale.map((a) => `${a.file} ${a.callee}`), []);
    });
});

describe("SDK-construction detector", () => {
    const source = [
        "import * as aws from \"@pulumi/aws\";",
        "import { Bucket } from \"@pulumi/aws/s3\";",
        "import Default from \"@pulumi/gcp\";",
        "import * as pulumi from \"@pulumi/pulumi\";",
        "import { make } from \"../shared/local\";",
        "import k8s = require(\"@pulumi/kubernetes\");",
        "const { CustomResource } = require(\"@pulumi/kubernetes/apiextensions\") as typeof apiextensions;",
        "const Alias = aws.iam.Role;",
        "const AliasOfAlias = Alias;",
        "new aws.s3.Bucket(\"a\", {});",
        "new Bucket(\"b\", {});",
        "new Default.storage.Bucket(\"c\", {});",
        "new pulumi.Config();",
        "new make.Thing(\"d\");",
        "new k8s.core.v1.Secret(\"e\", {});",
        "new CustomResource(\"f\", {});",
        "new AliasOfAlias(\"g\", {});",
        "new (require(\"@pulumi/random\").RandomPassword)(\"h\", {});",
        "ctx.create(aws.s3.Bucket, scope, \"i\", {});",
        "new ctor(name, args, opts);",
        "new Map();",
    ].join("\n");
    const found = sdkConstructions("/x/fake.ts", source);

    it("finds constructions through namespace, named, default, import-equals and require bindings and their aliases, and not the factory's own", () => {
        assert.deepStrictEqual(found.map((c) => [c.line, c.callee]), [
            [10, "aws.s3.Bucket"], [11, "Bucket"], [12, "Default.storage.Bucket"], [15, "k8s.core.v1.Secret"],
            [16, "CustomResource"], [17, "AliasOfAlias"], [18, "require(\"@pulumi/random\").RandomPassword"],
        ]);
    });
});

describe("the child factory", () => {
    /** A stand-in resource class: records what the factory hands its constructor. */
    class Recorded {
        constructor(readonly name: string, readonly args: { size: number; label?: string }, readonly opts: pulumi.CustomResourceOptions = {}) {}
    }
    const scope = { kind: "component" } as unknown as pulumi.ComponentResource;
    const provider = { kind: "provider" } as unknown as pulumi.ProviderResource;
    const contextWide = (() => undefined) as pulumi.ResourceTransformation;
    const own = (() => undefined) as pulumi.ResourceTransformation;

    it("parents to the scope and puts the child on the explicit provider, whatever the options say", () => {
        const other = { kind: "other" } as unknown as pulumi.Resource;
        const r = createChild(Recorded, scope, "x", { size: 1 }, { provider, transformations: [], opts: { parent: other, protect: true } });
        assert.strictEqual(r.opts.parent, scope);
        assert.strictEqual(r.opts.provider, provider);
        assert.strictEqual(r.opts.protect, true);
        assert.ok(!("transformations" in r.opts), "no empty transformations list");
    });

    it("runs the context's transformations before the child's own", () => {
        const r = createChild(Recorded, scope, "x", { size: 1 }, { provider, transformations: [contextWide], opts: { transformations: [own] } });
        assert.deepStrictEqual(r.opts.transformations, [contextWide, own]);
    });

    it("applies the per-child transform last: partial args merge over, a function edits args and options", () => {
        assert.deepStrictEqual(createChild(Recorded, scope, "x", { size: 1, label: "a" }, { provider, transformations: [], transform: { size: 2 } }).args, { size: 2, label: "a" });
        const edited = createChild(Recorded, scope, "x", { size: 1 }, {
            provider, transformations: [],
            transform: (args, opts) => { args.size = 3; opts.ignoreChanges = ["size"]; },
        });
        assert.deepStrictEqual([edited.args, edited.opts.ignoreChanges, edited.opts.provider], [{ size: 3 }, ["size"], provider]);
    });
});

/**
 * The kubernetes runtime's factory (KubernetesContext.create) adds what its workloads need
 * beyond the shared factory: the namespace first. The plan file leaves dependencies out, so
 * this reads the recording.
 */
describe("kubernetes runtime: every object in the platform namespace waits for it", () => {
    for (const cloud of CLOUDS) {
        it(`${cloud}: every object created inside the namespace (workloads, Ingress, the cloud's own ingress objects) depends on the Namespace`, async function () {
            this.timeout(240_000);
            const run = await planFor("staging", cloud, ["platform:compute.runtime=kubernetes"]);
            const namespace = run.recorded.find((r) => r.type === "kubernetes:core/v1:Namespace");
            assert.ok(namespace, "no namespace");
            const name = (namespace.rawInputs as { metadata?: { name?: string } }).metadata?.name;
            assert.ok(name, "the namespace has no name");
            // Whatever its kind or creator: a namespaced object created before its namespace fails the first deploy.
            const workloads = run.recorded.filter((r) => r.urn !== namespace.urn && (r.rawInputs as { metadata?: { namespace?: unknown } }).metadata?.namespace === name);
            assert.ok(workloads.length >= 10, `only ${workloads.length} objects in ${name}`);
            const missing = workloads.filter((r) => !r.options.dependencies.includes(namespace.urn)).map((r) => r.urn);
            assert.deepStrictEqual(missing, []);
        });
    }
});
