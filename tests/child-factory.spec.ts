import * as assert from "assert";
import { readFileSync } from "fs";
import { join, relative } from "path";
import { codeFiles } from "./support/cloud-literals";
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
