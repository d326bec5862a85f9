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

const CREDENTIAL_VALUE: RegExp[] = [
    /\bapiVersion\b[\s\S]*\b(clusters|users|contexts)\b|\b(clusters|users|contexts)\b[\s\S]*\bapiVersion\b/, // kubeconfig (YAML or JSON)
    /-----BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)-----/, // PEM
    /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./, // JWT (service-account tokens)
    /\b(AKIA|ASIA)[A-Z0-9]{16}\b/, // AWS access key id
    /\bBearer\s+\S{8,}/i,
    /\b(token|password|secret|client-key-data|client-certificate-data)\b\s*["']?\s*[:=]/i,
    /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, // URL with user:password
    /AccountKey=|SharedAccessSignature=|sig=[A-Za-z0-9%]{20,}/, // Azure storage keys and SAS
    /"type"\s*:\s*"service_account"/, // GCP key file
];

/** True if the value, or any string inside it, looks like a credential. Bounded walk. */
export function looksLikeCredential(value: unknown): boolean {
    const stack: unknown[] = [value];
    let seen = 0;
    while (stack.length > 0 && seen++ < 10_000) {
        const v = stack.pop();
        if (typeof v === "string") {
            if (CREDENTIAL_VALUE.some((re) => re.test(v))) return true;
        } else if (v && typeof v === "object") {
            for (const [k, child] of Object.entries(v)) {
                if (CREDENTIAL_KEY_NAME.test(k)) return true;
                stack.push(child);
            }
        }
    }
    return false;
}
