import * as assert from "assert";
import type { Policies } from "@pulumi/policy";
import { AnalyzerResourceInput, analyzerResources, evaluatePolicies, EvaluateOptions } from "../../tools/engine/policies";
import type { RecordedResource } from "../../tools/engine/recording-monitor";
import { deepFreeze } from "../support/plan-cache";

/*
 * tools/engine/policies.ts reuses what it can between and within evaluations: analyzer
 * instances (server.js compiled once, not per evaluation), one JavaScript conversion per
 * properties message however many policies read it, the analyzer inputs and messages of a
 * deep-frozen (shared) recording, and each policy's default config. None of that may carry anything from one
 * evaluation, or one policy, into another.
 */

const bucket: AnalyzerResourceInput = { urn: "urn:pulumi:production::platform::test:index:Bucket::b", type: "test:index:Bucket", name: "b", inputs: { acl: "private", tags: { team: "data" } } };

const policies: Policies = [
    {
        name: "no-public-acl",
        description: "acl must not be public",
        validateResource: (args, report) => {
            if (args.props.acl !== "private") report(`acl is ${args.props.acl}`);
        },
    },
    {
        name: "stack-tag-says-production",
        description: "the stack tag names the environment",
        validateStack: (args, report) => {
            if (args.stackTags.get("environment") !== "production") report(`environment tag is ${args.stackTags.get("environment")}`);
        },
    },
    {
        // Tries to change what the next policy reads: the props a policy gets must be its own copy.
        name: "writes-its-props",
        description: "edits the resource it is shown",
        validateStack: (args) => {
            const props = args.resources[0]!.props as Record<string, any>;
            props.acl = "public-read";
            props.tags.team = "nobody";
        },
    },
    {
        name: "reads-after-the-writer",
        description: "sees the resource as sent",
        validateStack: (args, report) => {
            const props = args.resources[0]!.props as Record<string, any>;
            if (props.acl !== "private" || props.tags.team !== "data") report(`saw acl=${props.acl} team=${props.tags.team}`);
        },
    },
];

const options = (over: Partial<EvaluateOptions> = {}): EvaluateOptions => ({ policies, stackTags: { environment: "production" }, ...over });
/** The two policies that read config and tags. */
const guards = (over: Partial<EvaluateOptions> = {}) => options({ policies: policies.slice(0, 2), ...over });
const names = (e: { violations: Array<{ policy: string }> }) => e.violations.map((v) => v.policy).sort();

describe("policy evaluation: what is reused carries nothing over", () => {
    it("a policy's edits to its props never reach another policy or a later evaluation", async () => {
        const resources = [bucket];
        for (let i = 0; i < 3; i++) assert.deepStrictEqual(names(await evaluatePolicies(resources, options())), []);
        assert.deepStrictEqual(bucket.inputs, { acl: "private", tags: { team: "data" } });
    });

    it("each evaluation's config and stack tags are its own, in sequence and when evaluations overlap", async () => {
        const disabled = guards({ config: { "no-public-acl": "disabled", "stack-tag-says-production": "disabled" } });
        const publicBucket = { ...bucket, inputs: { ...bucket.inputs, acl: "public-read" } };
        assert.deepStrictEqual(names(await evaluatePolicies([publicBucket], disabled)), []);
        assert.deepStrictEqual(names(await evaluatePolicies([publicBucket], guards({ stackTags: { environment: "staging" } }))), ["no-public-acl", "stack-tag-says-production"]);
        const [a, b, c] = await Promise.all([
            evaluatePolicies([publicBucket], disabled),
            evaluatePolicies([publicBucket], guards({ stackTags: { environment: "staging" } })),
            evaluatePolicies([bucket], guards()),
        ]);
        assert.deepStrictEqual([names(a), names(b), names(c)], [[], ["no-public-acl", "stack-tag-says-production"], []]);
    });

    it("an inputs object changed in place between evaluations is read anew; only a deep-frozen one is converted once per process", async () => {
        const live: AnalyzerResourceInput = { ...bucket, inputs: { acl: "private", tags: { team: "data" } } };
        assert.deepStrictEqual(names(await evaluatePolicies([live], guards())), []);
        (live.inputs as Record<string, unknown>).acl = "public-read";
        assert.deepStrictEqual(names(await evaluatePolicies([live], guards())), ["no-public-acl"], "a changed, unfrozen inputs object was served from a cache");
        // Half-frozen (the top frozen, a nested object not): still not cached, its nested change is seen.
        const half: AnalyzerResourceInput = { ...bucket, inputs: Object.freeze({ acl: "private", tags: { team: "data" } as Record<string, string> }) };
        assert.deepStrictEqual(names(await evaluatePolicies([half], guards())), []);
        (half.inputs.tags as Record<string, string>).team = "changed";
        const teamPolicy: Policies = [{ name: "team-is-data", description: "team tag", validateResource: (args, report) => void (args.props.tags?.team !== "data" && report("team changed")) }];
        assert.deepStrictEqual(names(await evaluatePolicies([half], { policies: teamPolicy, stackTags: {} })), ["team-is-data"]);
        // Deep-frozen: the same answer under each evaluation's own config and tags, in sequence and overlapping.
        const frozen: AnalyzerResourceInput = { ...bucket, inputs: Object.freeze({ acl: "public-read", tags: Object.freeze({ team: "data" }) }) };
        const disabled = guards({ config: { "no-public-acl": "disabled", "stack-tag-says-production": "disabled" } });
        assert.deepStrictEqual(names(await evaluatePolicies([frozen], guards())), ["no-public-acl"]);
        assert.deepStrictEqual(names(await evaluatePolicies([frozen], disabled)), []);
        const [x, y] = await Promise.all([evaluatePolicies([frozen], guards({ stackTags: { environment: "staging" } })), evaluatePolicies([frozen], disabled)]);
        assert.deepStrictEqual([names(x), names(y)], [["no-public-acl", "stack-tag-says-production"], []]);
    });

    it("a deep-frozen recording's inputs and messages serve every evaluation, and a policy's edits to its props or options lists reach no other policy or evaluation", async () => {
        const options = { protect: false, retainOnDelete: false, dependencies: [], aliases: [], deleteBeforeReplace: false, ignoreChanges: ["tags"] };
        const recorded: RecordedResource[] = deepFreeze([{ urn: bucket.urn, type: bucket.type, name: bucket.name, custom: true, rawInputs: { acl: "private", tags: { team: "data" } }, options }]);
        assert.strictEqual(analyzerResources(recorded)[0], analyzerResources(recorded)[0], "a frozen recording's analyzer input was made again");
        type Opts = { ignoreChanges: string[]; aliases: string[]; additionalSecretOutputs: string[] };
        const edit = (props: Record<string, any>, opts: Opts) => {
            props.acl = "public-read";
            props.tags.team = "nobody";
            for (const list of [opts.ignoreChanges, opts.aliases, opts.additionalSecretOutputs]) list.push("edited");
        };
        const intact = (props: Record<string, any>, opts: Opts) =>
            props.acl === "private" && props.tags.team === "data" && JSON.stringify([opts.ignoreChanges, opts.aliases, opts.additionalSecretOutputs]) === JSON.stringify([["tags"], [], []]);
        const editing: Policies = [
            { name: "resource-writer", description: "edits", validateResource: (args) => edit(args.props, args.opts as unknown as Opts) },
            { name: "resource-reader", description: "sees it as sent", validateResource: (args, report) => void (intact(args.props, args.opts as unknown as Opts) || report("saw an edit")) },
            { name: "stack-writer", description: "edits", validateStack: (args) => edit(args.resources[0]!.props, args.resources[0]!.opts as unknown as Opts) },
            { name: "stack-reader", description: "sees it as sent", validateStack: (args, report) => void (intact(args.resources[0]!.props, args.resources[0]!.opts as unknown as Opts) || report("saw an edit")) },
            { name: "stack-type-reader", description: "reads types only", validateStack: (args, report) => void (args.resources.some((r) => r.type === "test:index:Queue") && report("a queue")) },
        ];
        const reads: string[] = [];
        for (let i = 0; i < 3; i++) {
            assert.deepStrictEqual(names(await evaluatePolicies(analyzerResources(recorded), { policies: editing, stackTags: {}, onPropsRead: (policy, urn) => reads.push(`${policy} ${urn}`) })), []);
        }
        // onPropsRead names each stack policy that read a resource's props, once per evaluation, and no other.
        assert.deepStrictEqual(reads, [0, 1, 2].flatMap(() => [`stack-writer ${bucket.urn}`, `stack-reader ${bucket.urn}`]));
        assert.deepStrictEqual(recorded[0]!.options.ignoreChanges, ["tags"]);
    });

    it("notApplicable keeps its reason and captures no stack trace; the process's limit and every other error's stack stay", async () => {
        let thrown: unknown;
        const limit = Error.stackTraceLimit;
        const skipping: Policies = [
            {
                name: "only-queues",
                description: "applies to queues only",
                validateResource: (args) => {
                    try {
                        args.notApplicable("not a queue");
                    } catch (err) {
                        thrown = err;
                        throw err;
                    }
                },
            },
            { name: "crashes", description: "a policy bug", validateResource: () => { throw new Error("policy bug"); } },
        ];
        const e = await evaluatePolicies([bucket], { policies: skipping.slice(0, 1), stackTags: {} });
        assert.deepStrictEqual(e.notApplicable.map((n) => [n.policy, n.reason]), [["only-queues", "not a queue"]]);
        assert.ok(thrown instanceof Error && (thrown as Error & { reason?: string }).reason === "not a queue", "the analyzer's own NotApplicableError");
        assert.doesNotMatch(String((thrown as Error).stack), /\n\s+at /, "a stack trace was captured for a not-applicable result");
        assert.strictEqual(Error.stackTraceLimit, limit);
        // A policy's own error is reported with its stack (server.js asGrpcError appends it).
        await assert.rejects(evaluatePolicies([bucket], { policies: skipping.slice(1), stackTags: {} }), (err: Error) => /policy bug/.test(err.message) && /\n\s+at /.test(err.message));
    });

    it("a policy's props are copied only when it reads them, and read, list, spread and write as the resource's properties", async () => {
        const deserialize = require("@pulumi/policy/deserialize") as { deserializeProperties: (...args: unknown[]) => unknown };
        const original = deserialize.deserializeProperties;
        let copies = 0;
        deserialize.deserializeProperties = (...args: unknown[]) => (copies++, original(...args));
        const seen: unknown[] = [];
        const typeOnly = (name: string): Policies[number] => ({ name, description: "returns on the type", validateResource: (args) => void (args.type === "test:index:Queue" && seen.push(args.props.acl)) });
        const reader: Policies[number] = {
            name: "reads-everything",
            description: "reads, lists, spreads and writes its props",
            validateResource: (args, report) => {
                const props = args.props as Record<string, any>;
                seen.push(Object.keys(props).sort(), { ...props }, JSON.parse(JSON.stringify(props)), "tags" in props, props instanceof Object);
                props.acl = "public-read";
                delete props.tags;
                if (props.acl !== "public-read" || "tags" in props) report("a write to its own props did not hold");
            },
        };
        try {
            const e = await evaluatePolicies([bucket], { policies: [typeOnly("a"), typeOnly("b"), reader, typeOnly("c")], stackTags: {} });
            assert.deepStrictEqual(names(e), []);
            assert.strictEqual(copies, 1, "properties were copied for policies that never read them");
        } finally {
            deserialize.deserializeProperties = original;
        }
        const inputs = { acl: "private", tags: { team: "data" } };
        assert.deepStrictEqual(seen, [["acl", "tags"], inputs, inputs, true, true]);
        assert.deepStrictEqual(bucket.inputs, inputs);
    });
});
