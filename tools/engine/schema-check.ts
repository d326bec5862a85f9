import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import type { EnumCorrection } from "../../providers/shared/cloud-engine";
import { engineForPackage, engineForType } from "./cloud-engines";
import { isSecretEnvelope } from "./plan";
import type { RecordedResource } from "./recording-monitor";

/**
 * Checks every recorded resource input against the SDK's own declaration of it: the
 * `<Type>Args` interface in the provider package's .d.ts, read with the TypeScript compiler
 * API (no hand-copied lists). It finds what the compiler cannot see once a value went through
 * a transform, an `any` or a spread: property names the SDK does not declare, missing
 * required properties, values of the wrong primitive type, and strings outside the enum an
 * input names (azure-native and kubernetes type many inputs `string | enums.X`, which the
 * compiler and the mocks accept with any string).
 *
 * Kubernetes custom resources (GKE ManagedCertificate, Karpenter NodePool, ...) are declared
 * by the SDK as free-form `CustomResourceArgs`: only their envelope is checked here.
 */

export interface SchemaFinding {
    urn: string;
    type: string;
    /** Property path inside the inputs, e.g. `sku.name` or `policy.rules[1].definition`. */
    path: string;
    message: string;
}

const SDK_ROOT = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "..");

/** Where the SDK declares a resource type: its .d.ts and the Args interface name. */
export interface Declaration {
    file: string;
    argsInterface: string;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** The module file in `dir` whose name matches `base` case-insensitively (gcp writes `sSLPolicy` as `sslpolicy`). */
function moduleFile(dir: string, base: string): string | undefined {
    if (!fs.existsSync(dir)) return undefined;
    const hit = fs.readdirSync(dir).find((f) => f.toLowerCase() === `${base.toLowerCase()}.d.ts`);
    return hit ? path.join(dir, hit) : undefined;
}

/** The SDK class whose JavaScript registers exactly this type token (proves the mapping). */
function declares(dts: string | undefined, token: string): boolean {
    if (!dts) return false;
    const js = dts.replace(/\.d\.ts$/, ".js");
    return fs.existsSync(js) && fs.readFileSync(js, "utf8").includes(`__pulumiType = '${token}'`);
}

const declarationCache = new Map<string, Declaration | undefined>();

/**
 * Maps a type token to its SDK declaration, verified against the `__pulumiType` the SDK's
 * JavaScript registers. Undefined for a Kubernetes custom resource (no typed class); throws
 * for any other token no SDK declares.
 */
export function declarationFor(token: string): Declaration | undefined {
    if (declarationCache.has(token)) return declarationCache.get(token);
    const found = locate(token);
    declarationCache.set(token, found);
    return found;
}

function locate(token: string): Declaration | undefined {
    const provider = /^pulumi:providers:(.+)$/.exec(token);
    if (provider) {
        const file = path.join(SDK_ROOT, provider[1]!, "provider.d.ts");
        if (!fs.existsSync(file)) throw new Error(`schema: no SDK declares provider ${token}`);
        return { file, argsInterface: "ProviderArgs" };
    }
    const [pkg, module, type] = token.split(":") as [string, string, string];
    const root = path.join(SDK_ROOT, pkg);
    let file: string | undefined;
    if (pkg === "kubernetes") {
        const [group, version] = module.split("/") as [string, string];
        file = moduleFile(path.join(root, group.split(".")[0]!, version), type);
        if (!declares(file, token)) return undefined; // a custom resource: CustomResourceArgs is free-form
    } else if (engineForPackage(pkg)?.sdkLayout === "native") {
        file = moduleFile(path.join(root, module), lowerFirst(type));
    } else {
        const [dir, base] = module.split("/") as [string, string];
        file = moduleFile(dir === "index" ? root : path.join(root, dir), base);
    }
    if (!declares(file, token)) throw new Error(`schema: no SDK class registers ${token} (looked at ${file ?? root})`);
    return { file: file!, argsInterface: `${type}Args` };
}

/** One TypeScript program per SDK package, built on first use (parsing a package's types takes 1-2 s). */
const programs = new Map<string, { program: ts.Program; checker: ts.TypeChecker }>();

const COMPILER_OPTIONS: ts.CompilerOptions = {
    noEmit: true,
    skipLibCheck: true,
    types: [],
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    lib: ["lib.es2020.d.ts"],
};

/**
 * A package's output types (`types/output.d.ts`, 3-9 MB each) type the resource classes'
 * outputs, never an Args interface (input.d.ts does not import them), so each program gets an
 * empty module in their place: half the declarations to parse and hold. `argsType` refuses an
 * Args interface that names `outputs.` (it would be checked against nothing).
 */
const OUTPUT_TYPES = /[\\/]@pulumi[\\/][^\\/]+[\\/]types[\\/]output\.d\.ts$/;

/** A package's input types: the types Args interfaces nest. */
const INPUT_TYPES = /[\\/]@pulumi[\\/][^\\/]+[\\/]types[\\/]input\.d\.ts$/;

/**
 * The stub holds only while the input types do not import the output types (none of the five
 * packages' do): a type they took from there would resolve to nothing, an error type that the
 * walk accepts as any. Refused on parse, from the file's top-level imports only (cheap).
 */
export function refuseOutputImports(source: ts.SourceFile): void {
    for (const s of source.statements) {
        if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && /(^|\/)output$/.test(s.moduleSpecifier.text)) {
            throw new Error(`schema: ${source.fileName} imports the SDK's output types ("${s.moduleSpecifier.text}"), which the schema check does not load`);
        }
    }
}

/** Whether a declaration's type annotations reference the `outputs` namespace (stubbed above). */
function namesOutputs(node: ts.Node): boolean {
    if (ts.isTypeReferenceNode(node) && ts.isQualifiedName(node.typeName)) {
        let left: ts.EntityName = node.typeName;
        while (ts.isQualifiedName(left)) left = left.left;
        if (left.text === "outputs") return true;
    }
    return ts.forEachChild(node, namesOutputs) ?? false;
}

/**
 * A compiler host that parses each declaration file once per process. A program is rebuilt
 * whenever a plan needs a declaration it lacks, and TypeScript reuses nothing of the old one
 * once the root files differ: without this every rebuild parsed and bound the whole package
 * again (@pulumi/aws's input and output types are tens of megabytes). A parsed, bound SourceFile
 * is shared between programs the way TypeScript's language service shares them (the binder
 * skips a file it already bound; type information lives in each program's own checker), and
 * the declarations under node_modules do not change while a process runs.
 */
const sourceFiles = new Map<string, ts.SourceFile | undefined>();
const compilerHost: ts.CompilerHost = (() => {
    const host = ts.createCompilerHost(COMPILER_OPTIONS);
    // The declarations' doc comments are most of their text; in a .d.ts they carry no types
    // (tsc skips them the same way), so parsing them only filled the heap.
    host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
    // One module resolution cache for every program (TypeScript makes a new one per program):
    // each rebuild resolved every import of @pulumi/pulumi and the package's modules again.
    const resolutions = ts.createModuleResolutionCache(host.getCurrentDirectory(), (f) => host.getCanonicalFileName(f), COMPILER_OPTIONS);
    host.resolveModuleNameLiterals = (literals, containingFile, redirected, options) =>
        literals.map((l) => ts.resolveModuleName(l.text, containingFile, options, host, resolutions, redirected));
    const parse = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersion, onError, shouldCreateNewSourceFile) => {
        if (!sourceFiles.has(fileName) || shouldCreateNewSourceFile) {
            const source = OUTPUT_TYPES.test(fileName)
                ? ts.createSourceFile(fileName, "export {};", languageVersion)
                : parse(fileName, languageVersion, onError, shouldCreateNewSourceFile);
            if (source && INPUT_TYPES.test(fileName)) refuseOutputImports(source);
            sourceFiles.set(fileName, source);
        }
        return sourceFiles.get(fileName);
    };
    return host;
})();

function programFor(pkgRoot: string, files: string[]): { program: ts.Program; checker: ts.TypeChecker } {
    let entry = programs.get(pkgRoot);
    if (!entry || files.some((f) => !entry!.program.getSourceFile(f))) {
        const known = entry ? entry.program.getRootFileNames() : [];
        const program = ts.createProgram([...new Set([...known, ...files])], COMPILER_OPTIONS, compilerHost, entry?.program);
        // Without @pulumi/pulumi every `pulumi.Input<T>` would be `any` and nothing could fail.
        if (!program.getSourceFiles().some((f) => /@pulumi[\/]pulumi[\/]index\.d\.ts$/.test(f.fileName))) {
            throw new Error(`schema: the ${pkgRoot} declarations do not resolve @pulumi/pulumi`);
        }
        entry = { program, checker: program.getTypeChecker() };
        programs.set(pkgRoot, entry);
    }
    return entry;
}

const packageOf = (decl: Declaration) => path.relative(SDK_ROOT, decl.file).split(path.sep)[0]!;

const argsTypes = new Map<string, { type: ts.Type; checker: ts.TypeChecker }>();

function argsType(decl: Declaration): { type: ts.Type; checker: ts.TypeChecker } {
    const { program, checker } = programFor(packageOf(decl), [decl.file]);
    const key = `${decl.file}#${decl.argsInterface}`;
    const cached = argsTypes.get(key);
    if (cached && cached.checker === checker) return cached;
    const source = program.getSourceFile(decl.file)!;
    const iface = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === decl.argsInterface);
    if (!iface) throw new Error(`schema: ${decl.file} declares no ${decl.argsInterface}`);
    if (namesOutputs(iface)) throw new Error(`schema: ${decl.argsInterface} in ${decl.file} names the SDK's output types, which the schema check does not load`);
    const entry = { type: checker.getTypeAtLocation(iface), checker };
    argsTypes.set(key, entry);
    return entry;
}

/** The input names the SDK declares for a type (its Args interface's properties); undefined where no typed class declares it. */
export function declaredInputs(token: string): string[] | undefined {
    const decl = declarationFor(token);
    if (!decl) return undefined;
    const { type, checker } = argsType(decl);
    return checker.getPropertiesOfType(type).map((p) => p.name);
}

/**
 * Inputs whose SDK enum is not the one the API declares, by type: each cloud lists its own
 * (`enumCorrections` in providers/<cloud>/engine.ts). Each entry replaces the SDK's list with
 * the API's own for that one property path.
 */
export function enumCorrections(type: string): readonly EnumCorrection[] | undefined {
    return engineForType(type)?.enumCorrections?.[type];
}

/**
 * What the walk derives from a declared type or property, kept per process: every plan's
 * resources meet the same few hundred of them, and the declarations do not change while a
 * process runs. Keyed by the checker's own objects, so a rebuilt program's types are new keys.
 */
const alternativesOf = new WeakMap<ts.Type, ts.Type[]>();
const enumValuesOf = new WeakMap<ts.Symbol, string[] | undefined>();

/** Checks one value against one declared type; appends findings. */
class Walker {
    constructor(
        private readonly checker: ts.TypeChecker,
        private readonly report: (path: string, message: string) => void,
        private readonly corrections: readonly EnumCorrection[] = [],
    ) {}

    /** The declared alternatives of a type, with `undefined`, `Promise<T>` and `Output<T>` taken off. */
    alternatives(type: ts.Type): ts.Type[] {
        let alts = alternativesOf.get(type);
        if (!alts) alternativesOf.set(type, (alts = this.collectAlternatives(type, new Set())));
        return alts;
    }

    private collectAlternatives(type: ts.Type, seen: Set<ts.Type>): ts.Type[] {
        if (seen.has(type)) return [];
        seen.add(type);
        if (type.isUnion()) return type.types.flatMap((t) => this.collectAlternatives(t, seen));
        if (type.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void | ts.TypeFlags.Never)) return [];
        const wrapped = this.wrappedValue(type);
        if (wrapped) return this.collectAlternatives(wrapped, seen);
        return [type];
    }

    private wrappedValue(type: ts.Type): ts.Type | undefined {
        const parts = type.isIntersection() ? type.types : [type];
        for (const part of parts) {
            const name = part.getSymbol()?.getName();
            if (name === "Promise" || name === "OutputInstance" || name === "PromiseLike") {
                const args = this.checker.getTypeArguments(part as ts.TypeReference);
                if (args.length > 0) return args[0];
            }
        }
        return undefined;
    }

    /** `enums.X` references in a property's declared type: the string values it allows. */
    enumValues(symbol: ts.Symbol): string[] | undefined {
        if (!enumValuesOf.has(symbol)) enumValuesOf.set(symbol, this.declaredEnumValues(symbol));
        return enumValuesOf.get(symbol);
    }

    private declaredEnumValues(symbol: ts.Symbol): string[] | undefined {
        const decl = symbol.valueDeclaration ?? symbol.declarations?.[0];
        const node = decl && (ts.isPropertySignature(decl) || ts.isPropertyDeclaration(decl)) ? decl.type : undefined;
        if (!node) return undefined;
        const values: string[] = [];
        let found = false;
        const visit = (n: ts.Node) => {
            // `Known*` enums are azure-native's extensible enums (x-ms-enum modelAsString): a
            // list of well-known values, not a closed set. The Container insights streams
            // (Microsoft-ContainerLogV2, Microsoft-KubeEvents, ...) are valid and not in
            // KnownDataFlowStreams: https://learn.microsoft.com/azure/azure-monitor/containers/container-insights-data-collection-configure
            if (ts.isTypeReferenceNode(n) && /^enums\.[^.]+\.Known/.test(n.typeName.getText())) return;
            if (ts.isTypeReferenceNode(n) && /^enums\./.test(n.typeName.getText())) {
                found = true;
                const t = this.checker.getTypeFromTypeNode(n);
                for (const m of t.isUnion() ? t.types : [t]) if (m.isStringLiteral()) values.push(m.value);
                return;
            }
            ts.forEachChild(n, visit);
        };
        visit(node);
        return found && values.length > 0 ? values : undefined;
    }

    check(value: unknown, type: ts.Type, at: string, enums?: string[], jsonStrings = false): void {
        if (isSecretEnvelope(value)) return this.check(value.value, type, at, enums, jsonStrings);
        if (value === undefined || value === null || isOpaque(value)) return;
        const alts = this.alternatives(type);
        if (alts.length === 0 || alts.some((t) => t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown))) return;
        const has = (flags: ts.TypeFlags) => alts.some((t) => t.flags & flags);
        const objects = alts.filter((t) => t.flags & ts.TypeFlags.Object && !this.checker.isArrayType(t) && !this.checker.isTupleType(t));
        const arrays = alts.filter((t) => this.checker.isArrayType(t) || this.checker.isTupleType(t));
        const expected = () => alts.map((t) => this.checker.typeToString(t)).join(" | ");

        if (typeof value === "string") {
            // Provider inputs reach the engine JSON-encoded (the SDK stringifies object-valued ones).
            if (jsonStrings && !has(ts.TypeFlags.StringLike) && (objects.length > 0 || arrays.length > 0 || has(ts.TypeFlags.BooleanLike | ts.TypeFlags.NumberLike))) {
                try {
                    return this.check(JSON.parse(value), type, at, enums, false);
                } catch {
                    return this.report(at, `a string where the SDK declares ${expected()}`);
                }
            }
            if (!has(ts.TypeFlags.StringLike)) return this.report(at, `a string where the SDK declares ${expected()}`);
            const literals = alts.filter((t) => t.isStringLiteral()).map((t) => (t as ts.StringLiteralType).value);
            const plain = has(ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral | ts.TypeFlags.StringMapping);
            const allowed = this.corrections.find((c) => c.path.test(at))?.values ?? enums ?? (plain ? undefined : literals);
            if (allowed && !allowed.includes(value)) this.report(at, `${JSON.stringify(value)} is not one of the values the SDK declares: ${allowed.join(", ")}`);
            return;
        }
        if (typeof value === "number") {
            if (!has(ts.TypeFlags.NumberLike)) this.report(at, `a number where the SDK declares ${expected()}`);
            return;
        }
        if (typeof value === "boolean") {
            if (!has(ts.TypeFlags.BooleanLike)) this.report(at, `a boolean where the SDK declares ${expected()}`);
            return;
        }
        if (Array.isArray(value)) {
            if (arrays.length === 0) return this.report(at, `a list where the SDK declares ${expected()}`);
            const element = this.checker.getTypeArguments(arrays[0] as ts.TypeReference)[0];
            if (element) value.forEach((v, i) => this.check(v, element, `${at}[${i}]`, enums));
            return;
        }
        if (typeof value === "object") {
            if (objects.length === 0) return this.report(at, `an object where the SDK declares ${expected()}`);
            this.checkObject(value as Record<string, unknown>, objects, at, jsonStrings);
        }
    }

    private misfit(value: Record<string, unknown>, type: ts.Type): number {
        const index = this.checker.getIndexInfosOfType(type).length > 0;
        let n = 0;
        for (const [key, v] of Object.entries(value)) {
            const prop = type.getProperty(key);
            if (!prop) {
                if (!index) n++;
                continue;
            }
            const alts = this.alternatives(this.checker.getTypeOfSymbol(prop));
            if (typeof v === "string" && alts.length > 0 && alts.every((t) => t.isStringLiteral()) && !alts.some((t) => (t as ts.StringLiteralType).value === v)) n++;
        }
        for (const prop of type.getProperties()) if (!(prop.flags & ts.SymbolFlags.Optional) && value[prop.getName()] === undefined) n++;
        return n;
    }

    private checkObject(value: Record<string, unknown>, objects: ts.Type[], at: string, jsonStrings: boolean): void {
        // Of several object alternatives (a discriminated union such as MetricAlert criteria),
        // hold the value to the one it fits best: fewest undeclared keys, literal mismatches
        // (the discriminator) and missing required properties, one level deep.
        if (objects.length > 1) {
            const fits = objects.map((t) => this.misfit(value, t));
            objects = [objects[fits.indexOf(Math.min(...fits))]!];
        }
        const keys = Object.keys(value).filter((k) => value[k] !== undefined);
        const target = objects[0]!;
        const index = this.checker.getIndexInfosOfType(target).find((i) => i.keyType.flags & ts.TypeFlags.String);
        for (const key of keys) {
            const prop = target.getProperty(key);
            const where = at ? `${at}.${key}` : key;
            if (prop) {
                this.check(value[key], this.checker.getTypeOfSymbol(prop), where, this.enumValues(prop), jsonStrings);
            } else if (index) {
                this.check(value[key], index.type, where);
            } else {
                const declared = target.getProperties().map((p) => p.getName());
                this.report(where, `unknown property ${JSON.stringify(key)}; the SDK declares ${declared.slice(0, 40).join(", ")}${declared.length > 40 ? ", ..." : ""}`);
            }
        }
        for (const prop of target.getProperties()) {
            if (prop.flags & ts.SymbolFlags.Optional || keys.includes(prop.getName())) continue;
            this.report(at ? `${at}.${prop.getName()}` : prop.getName(), "required by the SDK but not set");
        }
    }
}

/** Resource references, assets and unknowns: values the engine resolves, not plain data. */
function isOpaque(value: unknown): boolean {
    if (typeof value !== "object" || value === null) return false;
    if (specialSigKey in (value as Record<string, unknown>)) return true;
    const ctor = (value as { constructor?: { name?: string } }).constructor?.name;
    return ctor !== undefined && ctor !== "Object" && ctor !== "Array";
}

/** Every input of every custom resource, against its SDK declaration. */
export function checkSchema(resources: Pick<RecordedResource, "urn" | "type" | "custom" | "rawInputs">[]): SchemaFinding[] {
    const findings: SchemaFinding[] = [];
    const custom = resources.filter((r) => r.custom);
    // Build each package's program once with every declaration this plan needs.
    const byPackage = new Map<string, string[]>();
    for (const r of custom) {
        const decl = declarationFor(r.type);
        if (!decl) continue;
        const pkg = packageOf(decl);
        byPackage.set(pkg, [...(byPackage.get(pkg) ?? []), decl.file]);
    }
    for (const [pkg, files] of byPackage) programFor(pkg, [...new Set(files)]);
    for (const r of custom) {
        const decl = declarationFor(r.type);
        const report = (p: string, message: string) => findings.push({ urn: r.urn, type: r.type, path: p, message });
        if (!decl) {
            checkCustomResourceEnvelope(r.rawInputs, report);
            continue;
        }
        const { type, checker } = argsType(decl);
        new Walker(checker, report, enumCorrections(r.type)).check(r.rawInputs, type, "", undefined, r.type.startsWith("pulumi:providers:"));
    }
    return findings;
}

/** What every Kubernetes object needs, typed CRD or not. */
function checkCustomResourceEnvelope(inputs: Record<string, unknown>, report: (path: string, message: string) => void): void {
    if (typeof inputs.apiVersion !== "string" || !/^[a-z0-9.-]+\/v[0-9a-z]+$/.test(inputs.apiVersion)) report("apiVersion", "a custom resource needs apiVersion <group>/<version>");
    if (typeof inputs.kind !== "string" || !/^[A-Z][A-Za-z0-9]*$/.test(inputs.kind)) report("kind", "a custom resource needs a CamelCase kind");
    const metadata = inputs.metadata as Record<string, unknown> | undefined;
    if (!metadata || typeof metadata !== "object") report("metadata", "a custom resource needs metadata");
}
