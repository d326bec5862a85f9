import * as ts from "typescript";

/**
 * Every `new X(...)` of a Pulumi SDK class in one source file, read with the TypeScript
 * compiler's own parser. An SDK class is one reached from a binding of an `@pulumi/<package>`
 * module other than `@pulumi/pulumi` (the program's own framework: its resource classes are
 * the components of components/, and it builds no cloud resource):
 * `import * as aws from "@pulumi/aws"`, `import { Provider } from "@pulumi/random/provider"`,
 * `const { CustomResource } = require("@pulumi/kubernetes/apiextensions")` (the lazy loads),
 * and any local alias of those (`const Bucket = aws.s3.Bucket`). The child factories receive
 * the class as a value and construct it themselves (`new ctor(...)`), which is no SDK binding.
 */
export interface SdkConstruction {
    /** The constructed class as written, e.g. `aws.s3.Bucket`, `CustomResource`. */
    callee: string;
    line: number;
}

const SDK_MODULE = /^@pulumi\/(?!pulumi(\/|$))/;

function isSdkRequire(node: ts.Expression): boolean {
    const e = unwrap(node);
    return ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "require"
        && e.arguments.length === 1 && ts.isStringLiteral(e.arguments[0]) && SDK_MODULE.test(e.arguments[0].text);
}

/** `x as T`, `<T>x`, `(x)`, `x!` → x. */
function unwrap(node: ts.Expression): ts.Expression {
    let e = node;
    while (ts.isAsExpression(e) || ts.isTypeAssertionExpression(e) || ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
    return e;
}

/** The identifier (or require call) an access chain like `aws.s3.Bucket` or `require("@pulumi/x").Y` starts from. */
function root(node: ts.Expression): ts.Expression {
    let e = unwrap(node);
    while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = unwrap(e.expression);
    return e;
}

function bindingNames(name: ts.BindingName): string[] {
    if (ts.isIdentifier(name)) return [name.text];
    return name.elements.flatMap((el) => (ts.isBindingElement(el) ? bindingNames(el.name) : []));
}

export function sdkConstructions(fileName: string, text: string): SdkConstruction[] {
    const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
    const sdk = new Set<string>();
    const reachesSdk = (e: ts.Expression): boolean => {
        const r = root(e);
        return isSdkRequire(r) || (ts.isIdentifier(r) && sdk.has(r.text));
    };
    // Bindings first (imports and aliases anywhere in the file), so use-before-declaration order does not matter.
    const bind = (node: ts.Node): void => {
        if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && SDK_MODULE.test(node.moduleSpecifier.text) && node.importClause) {
            const clause = node.importClause;
            if (clause.name) sdk.add(clause.name.text);
            const named = clause.namedBindings;
            if (named && ts.isNamespaceImport(named)) sdk.add(named.name.text);
            if (named && ts.isNamedImports(named)) for (const el of named.elements) sdk.add(el.name.text);
        } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)
            && ts.isStringLiteral(node.moduleReference.expression) && SDK_MODULE.test(node.moduleReference.expression.text)) {
            sdk.add(node.name.text);
        } else if (ts.isVariableDeclaration(node) && node.initializer && reachesSdk(node.initializer)) {
            for (const n of bindingNames(node.name)) sdk.add(n);
        }
        ts.forEachChild(node, bind);
    };
    // Aliases of aliases: repeat until no new binding appears.
    for (let size = -1; size !== sdk.size;) { size = sdk.size; bind(source); }

    const found: SdkConstruction[] = [];
    const visit = (node: ts.Node): void => {
        if (ts.isNewExpression(node) && reachesSdk(node.expression)) {
            found.push({ callee: unwrap(node.expression).getText(source).replace(/\s+/g, ""), line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 });
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
}
