import * as assert from "assert";
import * as ts from "typescript";
import { checkSchema, declarationFor, refuseOutputImports } from "../tools/engine/schema-check";
import { planFor } from "./support/harness";

/*
 * The schema check reads the SDKs' own Args declarations; these cases prove each kind of
 * finding fires (the committed plans' zero findings are asserted in deploy-rules.spec.ts).
 */
describe("schema check: inputs against the SDK declarations", function () {
    it("maps type tokens to the SDK file that registers them, custom resources to none", () => {
        assert.match(declarationFor("gcp:compute/sSLPolicy:SSLPolicy")!.file, /gcp\/compute\/sslpolicy\.d\.ts$/);
        assert.match(declarationFor("kubernetes:networking.k8s.io/v1:Ingress")!.file, /kubernetes\/networking\/v1\/ingress\.d\.ts$/);
        assert.strictEqual(declarationFor("kubernetes:networking.gke.io/v1:ManagedCertificate"), undefined);
        assert.strictEqual(declarationFor("pulumi:providers:aws")!.argsInterface, "ProviderArgs");
        assert.throws(() => declarationFor("aws:s3/nonsense:Nonsense"), /no SDK class registers aws:s3\/nonsense:Nonsense/);
    });

    it("finds unknown keys, missing required keys, wrong primitives and strings outside an enum", async () => {
        const run = await planFor("production", "azure", ["platform:compute.runtime=kubernetes"]);
        const edit = (type: string, f: (i: any) => void) => {
            const r = JSON.parse(JSON.stringify(run.recorded.find((x) => x.type === type)!));
            f(r.rawInputs);
            return r;
        };
        const findings = checkSchema([
            edit("azure-native:storage:StorageAccount", (i) => { i.sku.name = "Standard_XYZ"; i.bogus = 1; i.enableHttpsTrafficOnly = "yes"; delete i.kind; }),
            edit("azure-native:storage:ManagementPolicy", (i) => { i.policy.rules[1].definition.actions.baseBlob.tierToFreezer = { daysAfterModificationGreaterThan: 3 }; }),
            edit("kubernetes:apps/v1:Deployment", (i) => { i.spec.replicas = "3"; i.spec.template.spec.containers[0].portz = []; }),
            edit("azure-native:monitor:MetricAlert", (i) => { i.criteria.odataType = "Microsoft.Azure.Monitor.Bogus"; }),
            edit("pulumi:providers:kubernetes", (i) => { i.bogus = "x"; }),
        ]).map((f) => `${f.type.split(":").pop()} ${f.path}: ${f.message.split(";")[0]}`);
        const expected = [
            /^StorageAccount sku\.name: "Standard_XYZ" is not one of the values the SDK declares/,
            /^StorageAccount bogus: unknown property "bogus"/,
            /^StorageAccount enableHttpsTrafficOnly: a string where the SDK declares/,
            /^StorageAccount kind: required by the SDK but not set/,
            /^ManagementPolicy policy\.rules\[1\]\.definition\.actions\.baseBlob\.tierToFreezer: unknown property/,
            /^Deployment spec\.replicas: a string where the SDK declares number/,
            /^Deployment spec\.template\.spec\.containers\[0\]\.portz: unknown property/,
            /^MetricAlert criteria\.odataType: "Microsoft\.Azure\.Monitor\.Bogus" is not one of the values/,
            /^kubernetes bogus: unknown property "bogus"/,
        ];
        for (const e of expected) assert.ok(findings.some((f) => e.test(f)), `no finding matching ${e}; got:\n${findings.join("\n")}`);
        assert.strictEqual(findings.length, expected.length, findings.join("\n"));
    });

    it("holds a corrected enum to the API's values, not the SDK's clashing ones", async () => {
        const run = await planFor("production", "azure");
        const rule = run.recorded.find((x) => x.type === "azure-native:monitor:ScheduledQueryRule")!;
        assert.deepStrictEqual(checkSchema([rule]), [], "the plan's own operators are the API's");
        for (const operator of ["gt", "Greater"]) {
            const broken = JSON.parse(JSON.stringify(rule));
            broken.rawInputs.criteria.allOf[0].operator = operator;
            const findings = checkSchema([broken]).map((f) => `${f.path}: ${f.message}`);
            assert.deepStrictEqual(findings, [`criteria.allOf[0].operator: ${JSON.stringify(operator)} is not one of the values the SDK declares: Equals, GreaterThan, GreaterThanOrEqual, LessThan, LessThanOrEqual`]);
        }
    });
});

describe("schema check: the output types it leaves unparsed", () => {
    it("an input-types file that imports the output types is refused, naming it; the SDKs' own import none", () => {
        const file = (text: string) => ts.createSourceFile("node_modules/@pulumi/x/types/input.d.ts", text, ts.ScriptTarget.ES2020);
        assert.throws(() => refuseOutputImports(file(`import * as outputs from "../types/output";\nexport interface A { b: outputs.B }`)),
            /node_modules\/@pulumi\/x\/types\/input\.d\.ts imports the SDK's output types \("\.\.\/types\/output"\)/);
        assert.doesNotThrow(() => refuseOutputImports(file(`import * as inputs from "../types/input";\nimport * as enums from "../types/enums";`)));
    });
});

