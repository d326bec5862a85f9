import { readdirSync, readFileSync } from "fs";
import { join, relative } from "path";
import * as ts from "typescript";

/**
 * Where code names a cloud: a string literal that is a cloud's name (`"aws"`) or starts with
 * one of its type-token prefixes (`"azure-native:storage:..."`, `` `aws:${x}` ``), a property
 * or member named after a cloud (`aws: {...}`, `cfg.aws`), and an import path through a cloud's
 * folder (`../providers/aws/rules`). Comments are not code and are not read.
 */
export interface CloudMention {
    file: string;
    line: number;
    text: string;
}

export interface CloudVocabulary {
    /** Cloud names (the registry's keys). */
    names: readonly string[];
    /** Type-token prefixes, `aws:`, `azure-native:` (from each plugin's SDK packages). */
    tokenPrefixes: readonly string[];
}

export function cloudMentions(file: string, source: string, vocabulary: CloudVocabulary, root: string): CloudMention[] {
    const sf = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true);
    const names = new Set(vocabulary.names);
    const folder = new RegExp(`(^|/)(${vocabulary.names.map(escape).join("|")})(/|$)`);
    const found: CloudMention[] = [];
    const add = (node: ts.Node, text: string) => found.push({ file: relative(root, file), line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text });
    const visit = (node: ts.Node): void => {
        if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
            const text = node.text;
            const isSpecifier = ts.isStringLiteral(node) && (ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent) || (ts.isCallExpression(node.parent) && /^(require|import)$/.test(node.parent.expression.getText(sf))));
            if (isSpecifier ? text.startsWith(".") && folder.test(text) : names.has(text) || vocabulary.tokenPrefixes.some((p) => text.startsWith(p))) add(node, text);
        } else if (ts.isIdentifier(node) && names.has(node.text) && node.parent && (
            (ts.isPropertyAssignment(node.parent) || ts.isPropertySignature(node.parent) || ts.isShorthandPropertyAssignment(node.parent)) && node.parent.name === node
            || ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) {
            add(node, node.text);
        }
        ts.forEachChild(node, visit);
    };
    visit(sf);
    return found;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Every .ts file under `dirs` (relative to `root`), node_modules excluded. */
export function codeFiles(root: string, dirs: readonly string[]): string[] {
    const walk = (path: string): string[] => {
        const entries = (() => { try { return readdirSync(path, { withFileTypes: true }); } catch { return undefined; } })();
        if (!entries) return path.endsWith(".ts") && !path.endsWith(".d.ts") ? [path] : [];
        return entries.flatMap((e) => (e.name === "node_modules" ? [] : walk(join(path, e.name))));
    };
    return dirs.flatMap((d) => walk(join(root, d)));
}

export function mentionsIn(root: string, files: readonly string[], vocabulary: CloudVocabulary): CloudMention[] {
    return files.flatMap((f) => cloudMentions(f, readFileSync(f, "utf8"), vocabulary, root));
}
