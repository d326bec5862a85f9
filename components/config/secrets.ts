/**
 * Which config values an error may never print. Three independent reasons, any one suffices:
 *
 * 1. The engine marks the key secret. Under `pulumi up` the program receives decrypted values
 *    plus the list of secret keys (`PULUMI_CONFIG_SECRET_KEYS`); a top-level key holding any
 *    `secure:` value anywhere inside it is in that list, so everything under it is masked.
 * 2. The key's name says credential (`kubeconfig`, `password`, `token`, ...), whatever its
 *    spelling or namespace: a misspelled `platform:kubeConfig` is still a kubeconfig.
 * 3. The value looks like one: a kubeconfig document, a PEM block, a JWT, a cloud access key,
 *    a `Bearer` token, a URL with a password, wherever it sits.
 */
export class SecretMask {
    static readonly none = new SecretMask([]);
    private readonly secretKeys: string[];

    constructor(secretKeys: Iterable<string>) {
        this.secretKeys = [...secretKeys];
    }

    masks(key: string, value: unknown): boolean {
        return this.isSecretKey(key) || CREDENTIAL_KEY_NAME.test(key) || looksLikeCredential(value);
    }

    /** `platform:services` secret masks `platform:services.api.image`; compared trimmed and case-blind too. */
    private isSecretKey(key: string): boolean {
        const norm = (k: string) => k.trim().toLowerCase();
        const k = norm(key);
        return this.secretKeys.some((s) => {
            const secret = norm(s);
            return k === secret || k.startsWith(`${secret}.`) || k.startsWith(`${secret}[`);
        });
    }
}

/** Key names that carry credentials on any of the clouds or in Kubernetes. */
const CREDENTIAL_KEY_NAME = /kube-?config|passw(or)?d|secret|token|credential|private-?key|access-?key|client-?key|api-?key|certificate|connection-?string|sas\b/i;

/** Value shapes of credentials. Every quantifier is bounded, so a megabyte of text is scanned in linear time. */
const CREDENTIAL_VALUE: Array<(v: string) => boolean> = [
    (v) => /\bapiVersion\b/.test(v) && /\b(clusters|users|contexts)\b/.test(v), // kubeconfig (YAML or JSON)
    (v) => /-----BEGIN [A-Z ]{0,40}(PRIVATE KEY|CERTIFICATE)-----/.test(v), // PEM
    (v) => /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./.test(v), // JWT (service-account tokens)
    (v) => /\b(AKIA|ASIA)[A-Z0-9]{16}\b/.test(v), // AWS access key id
    (v) => /\bBearer\s{1,5}\S{8}/i.test(v),
    (v) => /\b(token|password|passwd|secret|client-key-data|client-certificate-data)\b\s{0,5}["']?\s{0,5}[:=]/i.test(v),
    (v) => /\b[a-z][a-z0-9+.-]{0,30}:\/\/[^/\s:@]{1,256}:[^/\s@]{1,256}@/i.test(v), // URL with user:password
    (v) => /AccountKey=|SharedAccessSignature=|\bsig=[A-Za-z0-9%]{20}/.test(v), // Azure storage keys and SAS
    (v) => /"type"\s{0,5}:\s{0,5}"service_account"/.test(v), // GCP key file
];

/** True if the value, or any string inside it, looks like a credential. Bounded walk. */
export function looksLikeCredential(value: unknown): boolean {
    const stack: unknown[] = [value];
    let seen = 0;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,UpdateOperator: the cap bounds the time on hostile input; a config value (at most 5 levels, bounded lists) is walked whole either way
    while (stack.length > 0 && seen++ < 10_000) {
        const v = stack.pop();
        if (typeof v === "string") {
            if (CREDENTIAL_VALUE.some((looks) => looks(v))) return true;
        // Stryker disable next-line ConditionalExpression: numbers and booleans have no entries to walk
        } else if (v && typeof v === "object") {
            for (const [k, child] of Object.entries(v)) {
                if (CREDENTIAL_KEY_NAME.test(k)) return true;
                stack.push(child);
            }
        }
    }
    return false;
}
