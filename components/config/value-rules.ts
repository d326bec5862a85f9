import { networkOf, prefixOf } from "../cidr";
import { parseYamlSafely } from "./safe-yaml";

/**
 * Value rules the clouds (or the tools they run) enforce, as small pure functions: each returns
 * undefined when the value is fine, else what is allowed. The schema wires them to keys.
 */

/**
 * Container image references, by the OCI distribution grammar
 * (github.com/distribution/reference, reference.go): `[registry[:port]/]path[:tag][@digest]`,
 * path components lowercase `[a-z0-9]+` joined by `.`, `_`, `__` or dashes, a tag of at most
 * 128 `[\w.-]` characters not starting with `.` or `-`, a digest `sha256:` + 64 lowercase hex
 * (or `sha512:` + 128). The repository name is at most 255 characters. A tag or a digest is
 * required: an untagged image silently means `latest`.
 */
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]{1,5})?)`;
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const IMAGE = new RegExp(`^(?:(${DOMAIN})/)?(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::([\\w][\\w.-]{0,127}))?(?:@([a-z0-9]+:[a-zA-Z0-9]+))?$`);
export const IMAGE_RULE = "an image reference: lowercase repository, then :tag (at most 128 of A-Z a-z 0-9 _ . -) and/or @sha256:<64 lowercase hex>, e.g. ghcr.io/acme/api:1.4.2";

export function imageProblem(ref: string): string | undefined {
    if (ref.length > 512) return `${IMAGE_RULE}; at most 512 characters`;
    const m = IMAGE.exec(ref);
    if (!m) {
        const repo = ref.split("@")[0]!.replace(/:[^/]*$/, "");
        if (/[A-Z]/.test(repo.slice(repo.indexOf("/") + 1))) return `${IMAGE_RULE}; the repository must be lowercase`;
        return IMAGE_RULE;
    }
    const [, domain, path, tag, digest] = m;
    if ((domain ? domain.length + 1 : 0) + path!.length > 255) return `${IMAGE_RULE}; the repository name is at most 255 characters`;
    if (digest !== undefined && !/^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/.test(digest)) {
        return `${IMAGE_RULE}; a digest is sha256: and exactly 64 lowercase hex digits`;
    }
    if (tag === undefined && digest === undefined) return `${IMAGE_RULE}; pin a tag or a digest (no tag means a moving "latest")`;
    return undefined;
}

/** The network's prefix: /16 to /20, so that every zone gets its subnets (components/cidr.ts carves them). */
export function cidrPrefixProblem(cidr: string): string | undefined {
    const prefix = prefixOf(cidr);
    return prefix < 16 || prefix > 20 ? "a prefix between /16 and /20, so that every zone gets its subnets" : undefined;
}

/** RFC 5321: a path is at most 256 octets including brackets, so an address at most 254; the local part at most 64. */
export const EMAIL_MAX = 254;
export function emailProblem(email: string): string | undefined {
    const at = email.lastIndexOf("@");
    if (at > 64) return "an email address whose local part (before @) is at most 64 characters (RFC 5321)";
    return undefined;
}

/** A CIDR whose host bits are zero: the clouds reject `10.0.3.7/16` (or silently mask it), and subnets derived from it would not be network addresses. */
export function cidrHostBitsProblem(cidr: string): string | undefined {
    if (Number.isNaN(prefixOf(cidr))) return undefined; // the format rule reports it
    const network = networkOf(cidr);
    return network === cidr ? undefined : `a network address with no host bits set: ${network}`;
}

/**
 * A kubeconfig (YAML, or JSON as EKS writes it) with the structure kubectl and the Kubernetes
 * provider need: `kind: Config`, named clusters with a `server`, named users, contexts naming
 * a known cluster and user, and a `current-context` (when set) naming a known context. The
 * message never quotes the document: it is a credential.
 */
export const KUBECONFIG_MAX_BYTES = 1 << 20;
export function kubeconfigProblem(text: string): string | undefined {
    const rule = "a kubeconfig document (YAML or JSON; pulumi config set --secret platform:kubeconfig < file)";
    if (text.length > KUBECONFIG_MAX_BYTES) return `${rule} of at most 1 MiB`;
    // Never the parser's message: it could quote the document.
    const parsed = parseYamlSafely(text);
    if (!parsed.ok) return `${rule}; it does not parse as YAML or JSON${parsed.failure.line ? ` (line ${parsed.failure.line})` : ""}`;
    const doc = parsed.value;
    if (!isObject(doc)) return `${rule}; it is not a mapping`;
    if (doc.kind !== "Config") return `${rule} with kind: Config`;
    const named = (list: unknown, field: string): Map<string, Record<string, unknown>> | string => {
        if (!Array.isArray(list) || list.length === 0) return `a non-empty ${field} list`;
        const out = new Map<string, Record<string, unknown>>();
        for (const item of list) {
            if (!isObject(item) || typeof item.name !== "string" || !item.name) return `every ${field} entry named`;
            out.set(item.name, item);
        }
        return out;
    };
    const clusters = named(doc.clusters, "clusters");
    if (typeof clusters === "string") return `${rule} with ${clusters}`;
    for (const c of clusters.values()) {
        if (!isObject(c.cluster) || typeof c.cluster.server !== "string" || !/^https?:\/\/\S+$/.test(c.cluster.server)) {
            return `${rule} whose every cluster has a server URL`;
        }
    }
    const users = named(doc.users, "users");
    if (typeof users === "string") return `${rule} with ${users}`;
    const contexts = named(doc.contexts, "contexts");
    if (typeof contexts === "string") return `${rule} with ${contexts}`;
    for (const ctx of contexts.values()) {
        const c = ctx.context;
        if (!isObject(c) || typeof c.cluster !== "string" || !clusters.has(c.cluster) || typeof c.user !== "string" || !users.has(c.user)) {
            return `${rule} whose every context names one of its clusters and users`;
        }
    }
    const current = doc["current-context"];
    if (current !== undefined && current !== "" && (typeof current !== "string" || !contexts.has(current))) {
        return `${rule} whose current-context names one of its contexts`;
    }
    if ((current === undefined || current === "") && contexts.size > 1) return `${rule} with a current-context (it has several contexts)`;
    return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}
