import * as fs from "fs";
import Module = require("module");
import * as path from "path";
// Before @pulumi/pulumi loads (check loads this module first): npm's arborist and the TypeScript compiler stay unloaded (lazy-sdk-modules.ts).
import "./lazy-sdk-modules";
import * as pulumi from "@pulumi/pulumi";
import type { Policies, PolicyConfigSchema } from "@pulumi/policy";
import { isSecretEnvelope, PlanViolation } from "./plan";
import type { RecordedResource } from "./recording-monitor";
import type { PolicyRunner } from "./run-plan";

/*
 * Runs the CrossGuard pack offline through @pulumi/policy's OWN analyzer code: the exported
 * `makeAnalyzeRpcFun` / `makeAnalyzeStackRpcFun` of @pulumi/policy/server.js are called with
 * real pulumirpc AnalyzeRequest / AnalyzeStackRequest protobuf messages, after `configure` and
 * `configureStack` were called with real ConfigureAnalyzerRequest / AnalyzerStackConfigureRequest
 * messages, exactly as the Pulumi CLI drives a policy pack over gRPC. So props are deserialized
 * by the SDK, wrapped in its unknown-checking proxy, `notApplicable`, `getConfig`, `stackTags`,
 * enforcement levels, the preview "can't run during preview" downgrade and `reportViolation`
 * are the SDK's, not a re-implementation. What this file does itself is what the CLI does:
 * reconcile the pack config (schema defaults, then `all`, then per-policy values, then schema
 * validation, as pulumi's ReconcilePolicyPackConfig) and marshal the recorded resources.
 *
 * `configure`/`configureStack` are not exported by server.js (only `serve` wires them to the
 * gRPC server, which must not start here), so evaluations use private instances of server.js
 * with those two functions exported: an instance serves one evaluation at a time, and its module
 * state (pack config, stack tags) is replaced by that evaluation's `configure` and
 * `configureStack`, while every module it requires is the one the CLI path uses.
 */

const policyRequire = Module.createRequire(require.resolve("@pulumi/policy/server.js"));
const analyzerProto = policyRequire("@pulumi/pulumi/proto/analyzer_pb");
const structProto = Module.createRequire(require.resolve("@pulumi/pulumi/proto/analyzer_pb"))("google-protobuf/google/protobuf/struct_pb");
const rpc = require("@pulumi/pulumi/runtime/rpc");
const policyVersion: string = policyRequire("./package.json").version;

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

/** `--policy-pack-config` file shape: `{ all?: level, <policy>: level | { enforcementLevel?, ...props } }`. */
export type PolicyPackConfigFile = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

/** One resource to analyze, as the engine would send it. */
export interface AnalyzerResourceInput {
    urn: string;
    type: string;
    name: string;
    /** Inputs as the program sent them: secrets as RPC envelopes, unknowns as pulumi.unknown or the RPC sentinel. */
    inputs: Record<string, unknown>;
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    options?: { protect?: boolean; ignoreChanges?: string[]; aliases?: string[]; deleteBeforeReplace?: boolean };
    /** The resource's provider (type, name, urn, inputs), for `args.provider`. */
    provider?: { urn: string; type: string; name: string; inputs: Record<string, unknown> };
}

export interface EvaluateOptions {
    policies: Policies;
    packName?: string;
    packVersion?: string;
    /** @default "mandatory" */
    enforcementLevel?: EnforcementLevel;
    config?: PolicyPackConfigFile;
    /** Stack tags (`pulumi:project`, `pulumi:runtime`, ...) given to `configureStack`. */
    stackTags?: Record<string, string>;
    /** The stack's root URN: stack-policy findings without a URN are reported against it. */
    stackUrn?: string;
    /** Run per-resource `validateResource` policies. @default true */
    analyzeResources?: boolean;
    /** Run `validateStack` policies. @default true */
    analyzeStack?: boolean;
    /** Told the first time each stack policy reads a resource's props (what that policy's verdict can depend on). */
    onPropsRead?: (policy: string, urn: string) => void;
}

export interface Diagnostic extends PlanViolation {
    packName: string;
    description: string;
}

export interface NotApplicable {
    policy: string;
    urn: string;
    reason: string;
}

export interface Evaluation {
    violations: Diagnostic[];
    notApplicable: NotApplicable[];
    /** The reconciled per-policy config handed to `configure`. */
    config: Record<string, { enforcementLevel: EnforcementLevel; properties: Record<string, unknown> }>;
}

export class PolicyConfigError extends Error {}

// ---------------------------------------------------------------------------------------------
// The analyzer (a private instance of @pulumi/policy/server.js)
// ---------------------------------------------------------------------------------------------

interface AnalyzerServer {
    makeAnalyzeRpcFun(name: string, version: string, level: string, policies: Policies): RpcFun;
    makeAnalyzeStackRpcFun(name: string, version: string, level: string, policies: Policies): RpcFun;
    __configure: RpcFun;
    __configureStack: RpcFun;
    __setPropsRead(f: EvaluateOptions["onPropsRead"]): void;
}
type RpcFun = (call: { request: unknown }, callback: (err: unknown, resp?: any) => void) => unknown;

const SERVER_FILE = require.resolve("@pulumi/policy/server.js");
let serverSource: string | undefined;

/**
 * Edits to the analyzer instance's copy of server.js, each a line for a line (every later line
 * keeps its number in stack traces), each found exactly once or the instance is not built. None
 * changes what a policy sees or what the analyzer answers; they stop work whose result nobody
 * reads, give each policy its own copy of what it could edit, or tell `onPropsRead`. In CPU profiles before them, a not-applicable error's stack trace was about 5 % of
 * `npm run check`; deserializing properties 14 % of the mutation suite (tests/policy/mutations.spec.ts),
 * and its copies much of the 24 % it spent in GC.
 */
const ANALYZER_EDITS: Array<{ what: string; from: string; to: string }> = [
    {
        // `args.notApplicable(reason)` throws a NotApplicableError that server.js catches at once
        // and reads only `reason` of (its three `instanceof NotApplicableError` branches). The
        // pack calls it for every resource policy a resource's type does not match, tens of
        // thousands of times a check: built with no frames captured, then the process's limit is
        // restored, so every other error keeps its stack.
        what: "throwNotApplicable",
        from: "    throw new NotApplicableError(reason);",
        to: "    const limit = Error.stackTraceLimit; Error.stackTraceLimit = 0; let error; try { error = new NotApplicableError(reason); } finally { Error.stackTraceLimit = limit; } throw error;",
    },
    // server.js deserializes (copies) a resource's properties, and its provider's, for every
    // policy before calling it, though most policies return on the resource's type without
    // reading them. Deferred, each policy still gets its own copy (no policy sees another's
    // edits), made from the same immutable message on the copy's first use.
    // A stack policy's first read of a resource's props is also told to the evaluation's
    // `onPropsRead` (EvaluateOptions), if it has one.
    ...["req", "r", "prov"].map((message) => ({
        what: `deserializeProperties(${message}.getProperties(), false)`,
        from: `const deserd = deserialize_1.deserializeProperties(${message}.getProperties(), false);`,
        to: `const deserd = __deferredCopy(() => (${message === "r" ? "__propsRead(p.name, r), " : ""}deserialize_1.deserializeProperties(${message}.getProperties(), false)));`,
    })),
    // Messages are reused across evaluations (messageOf), and server.js hands a policy the
    // options' lists themselves: each policy gets its own copies, as it does of the props.
    ...["Ignorechanges", "Aliases", "Additionalsecretoutputs"].map((list) => {
        const line = `: opts.get${list}List(),`;
        return { what: `opts.get${list}List()`, from: line, to: line.replace("List()", "List().slice()") };
    }),
    {
        // The property dependencies of a stack resource are read once per message, not once per
        // stack policy: server.js only maps them to resource objects (fresh for every policy).
        what: "getPropertyDependencies(r)",
        from: "propertyDependencies: getPropertyDependencies(r),",
        to: "propertyDependencies: __once(r, getPropertyDependencies),",
    },
];

/**
 * `__deferredCopy` of the edits above, appended to the instance's source: the object `copy()`
 * returns, made on first use. Every operation a policy can do on its props (read, list, `in`,
 * write, delete, define) is forwarded to the copy. The target is an empty plain object, as the
 * copy is one (deserializeProperties builds an object literal): its prototype is answered without
 * making the copy, as the unknown-checking proxy asks it (`instanceof Object`) of every policy's props.
 */
const DEFERRED_COPY = `
let __onPropsRead;
exports.__setPropsRead = (f) => { __onPropsRead = f; };
function __propsRead(policy, r) { if (__onPropsRead) __onPropsRead(policy, r.getUrn()); }
const __onceOf = new WeakMap();
function __once(r, f) { let v = __onceOf.get(r); if (v === undefined) { v = f(r); __onceOf.set(r, v); } return v; }
function __deferredCopy(copy) {
    let made;
    const real = () => (made === undefined ? (made = copy()) : made);
    return new Proxy({}, {
        get: (_, key) => Reflect.get(real(), key),
        set: (_, key, value) => Reflect.set(real(), key, value),
        has: (_, key) => Reflect.has(real(), key),
        deleteProperty: (_, key) => Reflect.deleteProperty(real(), key),
        ownKeys: () => Reflect.ownKeys(real()),
        getOwnPropertyDescriptor: (_, key) => { const d = Reflect.getOwnPropertyDescriptor(real(), key); return d && { ...d, configurable: true }; },
        defineProperty: (_, key, d) => Reflect.defineProperty(real(), key, d),
    });
}`;

function editedServerSource(source: string): string {
    let edited = source;
    for (const edit of ANALYZER_EDITS) {
        const at = edited.indexOf(edit.from);
        if (at < 0 || edited.indexOf(edit.from, at + 1) >= 0 || edit.to.includes("\n")) {
            throw new Error(`@pulumi/policy ${policyVersion}: server.js no longer has exactly one "${edit.what}" line as expected; update tools/engine/policies.ts`);
        }
        edited = edited.slice(0, at) + edit.to + edited.slice(at + edit.from.length);
    }
    return `${edited}\n${DEFERRED_COPY.replace(/\n\s*/g, " ")}\n`;
}

function loadAnalyzer(): AnalyzerServer {
    serverSource ??= fs.readFileSync(SERVER_FILE, "utf8");
    if (!/\nfunction configure\(call, callback\)/.test(serverSource) || !/\nfunction configureStack\(call, callback\)/.test(serverSource)) {
        throw new Error(`@pulumi/policy ${policyVersion}: server.js no longer defines configure/configureStack; update tools/engine/policies.ts`);
    }
    // evaluateWith gives the stack request its list through an overridden getResourcesList, not
    // setResourcesList: that holds only while server.js reads the list there and nowhere else.
    const listReads = serverSource.match(/\b\w+\.(?:getResourcesList|setResourcesList|serializeBinary|toObject)\b/g) ?? [];
    if (listReads.join() !== "req.getResourcesList") {
        throw new Error(`@pulumi/policy ${policyVersion}: server.js reads the stack request's resources as ${JSON.stringify(listReads)}, not once through req.getResourcesList(); update tools/engine/policies.ts`);
    }
    const m = new Module(SERVER_FILE, module) as Module & { _compile(src: string, file: string): void };
    m.filename = SERVER_FILE;
    m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(SERVER_FILE));
    m._compile(`${editedServerSource(serverSource)};exports.__configure = configure; exports.__configureStack = configureStack;\n`, SERVER_FILE);
    return m.exports as AnalyzerServer;
}

/**
 * Instances not serving an evaluation. Compiling server.js costs more than a small evaluation,
 * and an instance holds no state that outlives one: `configure` replaces the whole pack config
 * and `configureStack` the whole tag map (server.js assigns both afresh), and every evaluation
 * calls both before analyzing. Evaluations that overlap each take their own instance.
 */
const idleAnalyzers: AnalyzerServer[] = [];

async function withAnalyzer<T>(work: (analyzer: AnalyzerServer) => Promise<T>): Promise<T> {
    const analyzer = idleAnalyzers.pop() ?? loadAnalyzer();
    try {
        return await work(analyzer);
    } finally {
        idleAnalyzers.push(analyzer);
    }
}

function call<T>(fn: RpcFun, request: unknown): Promise<T> {
    return new Promise<T>((resolve, reject) => {
        try {
            const r = fn({ request }, (err, resp) => (err ? reject(err) : resolve(resp as T)));
            if (r && typeof (r as Promise<unknown>).then === "function") (r as Promise<unknown>).catch(reject);
        } catch (err) {
            reject(err);
        }
    });
}

// ---------------------------------------------------------------------------------------------
// Config reconciliation (pulumi's ReconcilePolicyPackConfig) and a JSON-schema subset validator
// ---------------------------------------------------------------------------------------------

const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export function reconcileConfig(policies: Policies, packLevel: EnforcementLevel, given: PolicyPackConfigFile = {}): Evaluation["config"] {
    return Object.keys(given).length === 0 ? defaultConfig(policies, packLevel) : reconcileGiven(policies, packLevel, given);
}

/**
 * Each policy's config when none is given (its schema defaults and level), by policy object and
 * pack level, frozen: an evaluation without config (every plan's, every spec's) reconciles,
 * validates and converts only policies it has not seen. Invalid defaults are never kept, so
 * they fail every evaluation with the same error as before.
 */
const defaultEntries = new WeakMap<object, Map<EnforcementLevel, Evaluation["config"][string]>>();

function defaultConfig(policies: Policies, packLevel: EnforcementLevel): Evaluation["config"] {
    const result: Evaluation["config"] = {};
    for (const p of policies) {
        let entry = defaultEntries.get(p)?.get(packLevel);
        if (!entry) {
            // One policy alone reconciles as in the whole list (entries depend on nothing else); on an error or a duplicate name, the whole list is reconciled, for the error message of all.
            if (policies.filter((q) => q.name === p.name).length > 1) return reconcileGiven(policies, packLevel, {});
            try {
                entry = deepFreezePlain(reconcileGiven([p], packLevel, {})[p.name]!);
            } catch {
                return reconcileGiven(policies, packLevel, {});
            }
            if (!defaultEntries.has(p)) defaultEntries.set(p, new Map());
            defaultEntries.get(p)!.set(packLevel, entry);
        }
        result[p.name] = entry;
    }
    return result;
}

/** The messages of frozen (default) config entries, once per process. */
const policyConfigMessages = new WeakMap<object, unknown>();

function policyConfigMessage(c: Evaluation["config"][string]): unknown {
    let pc = policyConfigMessages.get(c);
    if (!pc) {
        pc = new analyzerProto.PolicyConfig();
        (pc as any).setEnforcementlevel(levelToProto(c.enforcementLevel));
        (pc as any).setProperties(structProto.Struct.fromJavaScript(c.properties));
        if (Object.isFrozen(c)) policyConfigMessages.set(c, pc);
    }
    return pc;
}

function reconcileGiven(policies: Policies, packLevel: EnforcementLevel, given: PolicyPackConfigFile): Evaluation["config"] {
    const result: Evaluation["config"] = {};
    for (const p of policies) {
        const properties: Record<string, unknown> = {};
        for (const [k, schema] of Object.entries(p.configSchema?.properties ?? {})) {
            if ("default" in (schema as object)) properties[k] = structuredClone((schema as { default: unknown }).default);
        }
        result[p.name] = { enforcementLevel: (p.enforcementLevel ?? packLevel) as EnforcementLevel, properties };
    }
    const level = (v: unknown, where: string): EnforcementLevel => {
        if (!LEVELS.includes(v as EnforcementLevel)) throw new PolicyConfigError(`policy config ${where}: enforcementLevel ${JSON.stringify(v)} is not one of ${LEVELS.join(", ")}`);
        return v as EnforcementLevel;
    };
    const all = given.all;
    if (all !== undefined) {
        const l = typeof all === "string" ? all : all.enforcementLevel;
        if (l !== undefined) for (const r of Object.values(result)) r.enforcementLevel = level(l, "all");
    }
    for (const [name, value] of Object.entries(given)) {
        if (name === "all") continue;
        const target = result[name];
        if (!target) throw new PolicyConfigError(`policy config: no policy named "${name}" in the pack`);
        if (typeof value === "string") {
            target.enforcementLevel = level(value, name);
            continue;
        }
        const { enforcementLevel, ...props } = value;
        if (enforcementLevel !== undefined) target.enforcementLevel = level(enforcementLevel, name);
        Object.assign(target.properties, props);
    }
    const errors: string[] = [];
    for (const p of policies) {
        const schema = p.configSchema;
        if (!schema) continue;
        errors.push(...validateAgainst({ type: "object", properties: schema.properties, required: schema.required }, result[p.name]!.properties, p.name));
    }
    if (errors.length > 0) throw new PolicyConfigError(`invalid policy pack config:\n  ${errors.join("\n  ")}`);
    return result;
}

type Schema = PolicyConfigSchema["properties"][string] & Record<string, any>;

/** The JSON-schema keywords the pack's schemas use (type, properties, required, items, enum, minimum, maximum, minLength, additionalProperties). */
export function validateAgainst(schema: Schema, value: unknown, at: string): string[] {
    const errs: string[] = [];
    const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
    const typeOk = (t: string) =>
        t === "integer" ? Number.isInteger(value) : t === "number" ? typeof value === "number" : t === "array" ? Array.isArray(value) : t === "object" ? typeof value === "object" && value !== null && !Array.isArray(value) : t === "null" ? value === null : typeof value === t;
    if (types.length > 0 && !types.some(typeOk)) return [`${at}: ${JSON.stringify(value)} is not of type ${types.join("|")}`];
    if (schema.enum && !schema.enum.some((e: unknown) => JSON.stringify(e) === JSON.stringify(value))) errs.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
    if (typeof value === "number") {
        if (typeof schema.minimum === "number" && value < schema.minimum) errs.push(`${at}: ${value} is less than the minimum ${schema.minimum}`);
        if (typeof schema.maximum === "number" && value > schema.maximum) errs.push(`${at}: ${value} is greater than the maximum ${schema.maximum}`);
    }
    if (typeof value === "string" && typeof schema.minLength === "number" && value.length < schema.minLength) errs.push(`${at}: ${JSON.stringify(value)} is shorter than ${schema.minLength} characters`);
    if (Array.isArray(value) && schema.items) value.forEach((v, i) => errs.push(...validateAgainst(schema.items as Schema, v, `${at}[${i}]`)));
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
        const obj = value as Record<string, unknown>;
        for (const r of (schema.required as string[] | undefined) ?? []) if (!(r in obj) || obj[r] === undefined) errs.push(`${at}: "${r}" is required`);
        const props = (schema.properties ?? {}) as Record<string, Schema>;
        for (const [k, v] of Object.entries(obj)) {
            if (props[k]) errs.push(...validateAgainst(props[k]!, v, `${at}.${k}`));
            else if (schema.additionalProperties === false) errs.push(`${at}: property "${k}" is not allowed`);
            else if (schema.additionalProperties && typeof schema.additionalProperties === "object") errs.push(...validateAgainst(schema.additionalProperties as Schema, v, `${at}.${k}`));
        }
    }
    return errs;
}

// ---------------------------------------------------------------------------------------------
// Marshalling the recorded resources into analyzer requests
// ---------------------------------------------------------------------------------------------

const UNKNOWN_SENTINEL: string = rpc.unknownValue;

function isUnknownValue(v: unknown): boolean {
    return v === (pulumi as unknown as { unknown?: unknown }).unknown || (typeof v === "object" && v !== null && (v as { constructor?: { name?: string } }).constructor?.name === "Unknown");
}

async function outputValue(o: unknown): Promise<unknown> {
    const out = o as { promise?: (withUnknowns?: boolean) => Promise<unknown>; isKnown?: Promise<boolean> };
    if (!out || typeof out.promise !== "function") return undefined;
    return (await out.isKnown) === false ? UNKNOWN_SENTINEL : out.promise();
}

/**
 * The wire form the engine sends analyzers: secrets kept as envelopes (the SDK unwraps them),
 * unknowns as the unknown sentinel, resource references as their id (custom) or URN, as
 * the engine marshals with KeepResources off.
 */
export async function marshal(value: unknown): Promise<unknown> {
    if (value === undefined) return undefined;
    if (value === null || typeof value === "boolean" || typeof value === "number" || typeof value === "string") return value;
    if (isUnknownValue(value)) return UNKNOWN_SENTINEL;
    if (isSecretEnvelope(value)) return { [rpc.specialSigKey]: rpc.specialSecretSig, value: (await marshal(value.value)) ?? null };
    if (Array.isArray(value)) return Promise.all(value.map(async (v) => (await marshal(v)) ?? null));
    if (pulumi.Resource.isInstance(value)) {
        const r = value as unknown as { id?: unknown; urn: unknown };
        return pulumi.CustomResource.isInstance(value) ? outputValue(r.id) : outputValue(r.urn);
    }
    if (pulumi.Output.isInstance(value)) return marshal(await outputValue(value));
    if (pulumi.asset.Asset.isInstance(value)) {
        const a = value as unknown as Record<string, unknown>;
        const key = ["path", "text", "uri"].find((k) => a[k] !== undefined)!;
        return { [rpc.specialSigKey]: rpc.specialAssetSig, [key]: await a[key] };
    }
    if (pulumi.asset.Archive.isInstance(value)) {
        const a = value as unknown as Record<string, unknown>;
        if (a.assets) {
            const assets: Record<string, unknown> = {};
            for (const [k, v] of Object.entries((await a.assets) as Record<string, unknown>)) assets[k] = await marshal(v);
            return { [rpc.specialSigKey]: rpc.specialArchiveSig, assets };
        }
        const key = ["path", "uri"].find((k) => a[k] !== undefined)!;
        return { [rpc.specialSigKey]: rpc.specialArchiveSig, [key]: await a[key] };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const m = await marshal(v);
        if (m !== undefined) out[k] = m;
    }
    return out;
}

/**
 * Wire forms of deep-frozen inputs, by identity. A plan the suite shares is deep-frozen
 * (tests/support/plan-cache.ts), so its inputs cannot change under the cache; an evaluation of a
 * mutated copy (the mutation suite edits one resource and re-evaluates the stack policies over
 * all of them) then marshals only the edited resource, whose inputs are a new, unfrozen object.
 * Inputs that could still change (anything unfrozen at any depth, or holding a class instance)
 * are marshalled afresh every time.
 */
const marshalledFrozen = new WeakMap<object, Promise<unknown>>();

function deeplyFrozen(value: unknown): boolean {
    if (value === null || typeof value !== "object") return true;
    const proto = Object.getPrototypeOf(value);
    if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return false;
    return Object.isFrozen(value) && Object.values(value).every(deeplyFrozen);
}

function marshalInputs(inputs: Record<string, unknown>): Promise<unknown> {
    if (!marshalledFrozen.has(inputs) && !deeplyFrozen(inputs)) return marshal(inputs);
    let wire = marshalledFrozen.get(inputs);
    if (!wire) {
        wire = marshal(inputs);
        marshalledFrozen.set(inputs, wire);
    }
    return wire;
}

/**
 * The properties message of some inputs. The analyzer converts a resource's message back to
 * JavaScript (`Struct.toJavaScript`) for every policy that reads it (each stack policy walks
 * every resource, a provider is read with each of its resources), always from the same message;
 * `deserializeProperties` then copies what it gets, so one conversion per message serves them
 * all, frozen so that no reader can change what the next one sees. A message is built once per
 * inputs object in an evaluation, and once per process for deep-frozen inputs (see marshalInputs).
 */
type Structs = Map<object, Promise<unknown>>;
const structsOfFrozen = new WeakMap<object, Promise<unknown>>();

function toStruct(inputs: Record<string, unknown>, structs: Structs): Promise<unknown> {
    const frozen = marshalledFrozen.has(inputs) || deeplyFrozen(inputs);
    let struct = frozen ? structsOfFrozen.get(inputs) : structs.get(inputs);
    if (!struct) {
        struct = marshalInputs(inputs).then((wire) => {
            const message = structProto.Struct.fromJavaScript(wire ?? {});
            let js: unknown;
            message.toJavaScript = () => (js ??= deepFreezePlain(structProto.Struct.prototype.toJavaScript.call(message)));
            return message;
        });
        if (frozen) structsOfFrozen.set(inputs, struct);
        else structs.set(inputs, struct);
    }
    return struct;
}

function deepFreezePlain<T>(value: T): T {
    if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const v of Object.values(value)) deepFreezePlain(v);
    }
    return value;
}

function resourceOptions(r: AnalyzerResourceInput): unknown {
    const o = new analyzerProto.AnalyzerResourceOptions();
    o.setProtect(r.options?.protect ?? false);
    o.setIgnorechangesList(r.options?.ignoreChanges ?? []);
    o.setAliasesList((r.options?.aliases ?? []).filter((a) => a.startsWith("urn:")));
    if (r.options?.deleteBeforeReplace !== undefined) {
        o.setDeletebeforereplace(r.options.deleteBeforeReplace);
        o.setDeletebeforereplacedefined(true);
    }
    if (r.parent) o.setParent(r.parent);
    return o;
}

async function providerMessage(r: AnalyzerResourceInput, structs: Structs): Promise<unknown> {
    if (!r.provider) return undefined;
    const p = new analyzerProto.AnalyzerProviderResource();
    p.setType(r.provider.type);
    p.setName(r.provider.name);
    p.setUrn(r.provider.urn);
    p.setProperties(await toStruct(r.provider.inputs, structs));
    return p;
}

/** The setters an AnalyzeRequest and an AnalyzerResource share (two message classes, one shape). */
interface ResourceMessage {
    setType(v: string): void;
    setUrn(v: string): void;
    setName(v: string): void;
    setProperties(v: unknown): void;
    setOptions(v: unknown): void;
    setProvider(v: unknown): void;
}

/** Fills the fields both messages have: type, urn, name, properties, options and provider. */
async function withResourceFields<M extends ResourceMessage>(m: M, r: AnalyzerResourceInput, structs: Structs): Promise<M> {
    m.setType(r.type);
    m.setUrn(r.urn);
    m.setName(r.name);
    m.setProperties(await toStruct(r.inputs, structs));
    m.setOptions(resourceOptions(r));
    const provider = await providerMessage(r, structs);
    if (provider) m.setProvider(provider);
    return m;
}

function analyzeRequest(r: AnalyzerResourceInput, structs: Structs): Promise<unknown> {
    return withResourceFields(new analyzerProto.AnalyzeRequest(), r, structs);
}

async function stackResource(r: AnalyzerResourceInput, structs: Structs): Promise<unknown> {
    const ar = await withResourceFields(new analyzerProto.AnalyzerResource(), r, structs);
    if (r.parent) ar.setParent(r.parent);
    ar.setDependenciesList(r.dependencies ?? []);
    const pd = ar.getPropertydependenciesMap();
    for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
        const d = new analyzerProto.AnalyzerPropertyDependencies();
        d.setUrnsList(urns);
        pd.set(k, d);
    }
    return ar;
}

/**
 * The messages of stable inputs (see analyzerResources), by identity, once per process: the
 * analyzer only reads a request (each policy gets its own copy of the properties and options),
 * so the messages of a shared plan's resources serve every evaluation over it; an evaluation of
 * a mutated copy builds messages for the edited resources only. Other inputs get theirs anew.
 */
const analyzeRequests = new WeakMap<AnalyzerResourceInput, Promise<unknown>>();
const stackResources = new WeakMap<AnalyzerResourceInput, Promise<unknown>>();

function messageOf(cache: WeakMap<AnalyzerResourceInput, Promise<unknown>>, r: AnalyzerResourceInput, structs: Structs, build: (r: AnalyzerResourceInput, structs: Structs) => Promise<unknown>): Promise<unknown> {
    if (!stableInputs.has(r)) return build(r, structs);
    let message = cache.get(r);
    if (!message) {
        message = build(r, structs);
        cache.set(r, message);
    }
    return message;
}

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

function levelOf(enumValue: number): EnforcementLevel {
    const E = analyzerProto.EnforcementLevel;
    return enumValue === E.MANDATORY ? "mandatory" : enumValue === E.REMEDIATE ? "remediate" : enumValue === E.DISABLED ? "disabled" : "advisory";
}

function collect(resp: any, fallbackUrn: string, into: Evaluation): void {
    for (const d of resp.getDiagnosticsList()) {
        into.violations.push({
            policy: d.getPolicyname(),
            packName: d.getPolicypackname(),
            urn: d.getUrn() || fallbackUrn,
            level: levelOf(d.getEnforcementlevel()) as PlanViolation["level"],
            message: d.getMessage(),
            description: d.getDescription(),
        });
    }
    for (const n of resp.getNotApplicableList?.() ?? []) into.notApplicable.push({ policy: n.getPolicyName(), urn: fallbackUrn, reason: n.getReason() });
}

/** Evaluates policies over resources exactly as `pulumi preview --policy-pack` would. */
export async function evaluatePolicies(resources: AnalyzerResourceInput[], options: EvaluateOptions): Promise<Evaluation> {
    const config = reconcileConfig(options.policies, options.enforcementLevel ?? "mandatory", options.config);
    return withAnalyzer((analyzer) => evaluateWith(analyzer, resources, options, config));
}

async function evaluateWith(analyzer: AnalyzerServer, resources: AnalyzerResourceInput[], options: EvaluateOptions, config: Evaluation["config"]): Promise<Evaluation> {
    const packName = options.packName ?? "platform-guardrails";
    const packVersion = options.packVersion ?? packVersionOf();
    const packLevel = options.enforcementLevel ?? "mandatory";
    const structs: Structs = new Map();

    const configure = new analyzerProto.ConfigureAnalyzerRequest();
    const map = configure.getPolicyconfigMap();
    for (const [name, c] of Object.entries(config)) map.set(name, policyConfigMessage(c));
    await call(analyzer.__configure, configure);

    const stackConfigure = new analyzerProto.AnalyzerStackConfigureRequest();
    const tags = stackConfigure.getTagsMap();
    for (const [k, v] of Object.entries(options.stackTags ?? {})) tags.set(k, v);
    await call(analyzer.__configureStack, stackConfigure);

    const result: Evaluation = { violations: [], notApplicable: [], config };
    if (options.analyzeResources !== false) {
        const analyze = analyzer.makeAnalyzeRpcFun(packName, packVersion, packLevel, options.policies);
        for (const r of resources) collect(await call(analyze, await messageOf(analyzeRequests, r, structs, analyzeRequest)), r.urn, result);
    }
    if (options.analyzeStack !== false) {
        const analyzeStack = analyzer.makeAnalyzeStackRpcFun(packName, packVersion, packLevel, options.policies);
        const req = new analyzerProto.AnalyzeStackRequest();
        const list: unknown[] = [];
        for (const r of resources) list.push(await messageOf(stackResources, r, structs, stackResource));
        // The request holds the list as its field, as setResourcesList would leave it, without
        // setResourcesList's serialization of every resource's properties into the request's
        // wire array (jspb re-walks each message tree on every set): server.js reads the list only
        // through getResourcesList, and the messages of a shared plan serve many evaluations.
        req.getResourcesList = () => list;
        analyzer.__setPropsRead(options.onPropsRead);
        try {
            collect(await call(analyzeStack, req), options.stackUrn ?? "", result);
        } finally {
            analyzer.__setPropsRead(undefined);
        }
    }
    return result;
}

function levelToProto(level: EnforcementLevel): number {
    const E = analyzerProto.EnforcementLevel;
    return { advisory: E.ADVISORY, mandatory: E.MANDATORY, remediate: E.REMEDIATE, disabled: E.DISABLED }[level];
}

let cachedPackVersion: string | undefined;
function packVersionOf(): string {
    cachedPackVersion ??= (JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "policy", "package.json"), "utf8")) as { version: string }).version;
    return cachedPackVersion;
}

// ---------------------------------------------------------------------------------------------
// From a plan recording to analyzer inputs
// ---------------------------------------------------------------------------------------------

/**
 * Analyzer inputs that cannot change: made by analyzerResources from a deep-frozen recorded
 * resource (and provider), and frozen themselves. Their messages are built once (messageOf).
 */
const stableInputs = new WeakSet<AnalyzerResourceInput>();
/** The input of a deep-frozen recorded resource, with the provider object it was resolved against. */
const inputsOfFrozen = new WeakMap<RecordedResource, { provider: RecordedResource | undefined; input: AnalyzerResourceInput }>();

function analyzerInput(r: RecordedResource, prov: RecordedResource | undefined): AnalyzerResourceInput {
    return {
        urn: r.urn,
        type: r.type,
        name: r.name,
        inputs: r.rawInputs,
        parent: r.parent,
        dependencies: r.options.dependencies,
        propertyDependencies: r.options.propertyDependencies,
        options: { protect: r.options.protect, ignoreChanges: r.options.ignoreChanges, aliases: r.options.aliases, deleteBeforeReplace: r.options.deleteBeforeReplace || undefined },
        provider: prov ? { urn: prov.urn, type: prov.type, name: prov.name, inputs: prov.rawInputs } : undefined,
    };
}

/** The recorded resources as the engine would hand them to an analyzer, providers resolved. */
export function analyzerResources(recorded: RecordedResource[]): AnalyzerResourceInput[] {
    const byUrn = new Map(recorded.map((r) => [r.urn, r]));
    return recorded.map((r) => {
        const providerUrn = r.options.provider ? r.options.provider.split("::").slice(0, -1).join("::") : undefined;
        const prov = providerUrn ? byUrn.get(providerUrn) : undefined;
        const known = inputsOfFrozen.get(r);
        if (known && known.provider === prov) return known.input;
        if (!deeplyFrozenRecord(r) || (prov && !deeplyFrozenRecord(prov))) return analyzerInput(r, prov);
        const input = deepFreezePlain(analyzerInput(r, prov));
        stableInputs.add(input);
        inputsOfFrozen.set(r, { provider: prov, input });
        return input;
    });
}

/** A recorded resource none of whose fields can change (what a shared plan's resources are). */
function deeplyFrozenRecord(r: RecordedResource): boolean {
    return Object.isFrozen(r) && deeplyFrozen(r.options) && (marshalledFrozen.has(r.rawInputs) || deeplyFrozen(r.rawInputs));
}

export function stackUrnOf(recorded: RecordedResource[]): string {
    return recorded.find((r) => r.type === "pulumi:pulumi:Stack")?.urn ?? "";
}

export function stackTagsOf(recorded: RecordedResource[]): Record<string, string> {
    const urn = recorded[0]?.urn ?? "";
    const m = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn);
    return { "pulumi:project": m?.[2] ?? "", "pulumi:runtime": "nodejs", "pulumi:description": "" };
}

export interface PackOptions {
    config?: PolicyPackConfigFile;
}

/** The evaluation options of the platform pack over one plan recording: its policies, level, config, stack tags and URN. */
export function packEvaluationOptions(recorded: RecordedResource[], options: PackOptions = {}): EvaluateOptions {
    const pack = require("../../policy/policies") as typeof import("../../policy/policies");
    return {
        policies: pack.policies,
        packName: pack.PACK_NAME,
        enforcementLevel: pack.PACK_ENFORCEMENT_LEVEL,
        config: options.config,
        stackTags: stackTagsOf(recorded),
        stackUrn: stackUrnOf(recorded),
    };
}

/** Evaluates the platform pack over one plan recording (mutated or not). */
export async function evaluatePack(recorded: RecordedResource[], options: PackOptions = {}): Promise<Evaluation> {
    return evaluatePolicies(analyzerResources(recorded), packEvaluationOptions(recorded, options));
}

export function toPlanViolations(e: Evaluation): PlanViolation[] {
    return e.violations.map(({ policy, urn, level, message }) => ({ policy, urn, level, message }));
}

/** The runner `npm run plan` installs: the pack over the recording, in the plan's violation shape. */
export function policyRunner(options: PackOptions = {}): PolicyRunner {
    return async (run) => toPlanViolations(await evaluatePack(run.recorded, options));
}

/** The pack as `npm run plan` runs it (PlanOptions.policies). `PLATFORM_POLICY_CONFIG` may name a pack config file. */
export function packPolicies(options: PackOptions = {}): PolicyRunner {
    const file = process.env.PLATFORM_POLICY_CONFIG;
    const config = options.config ?? (file ? (JSON.parse(fs.readFileSync(file, "utf8")) as PolicyPackConfigFile) : undefined);
    return policyRunner({ config });
}

export { isSecretEnvelope };
