import * as YAML from "yaml";
import { LIMITS } from "../../components/config";
import { EXISTING_CLUSTER_KUBECONFIG } from "../support/kubeconfig";
import { committedConfig } from "../support/config-case";

/**
 * Malformed stack files and override sets, one per class of the issue and per config key. Each
 * names the key the single message must name, the value it must show (as printed: JSON text,
 * `[secret]`, `(missing)`) and what it must say is allowed. `file` builds the stack file (text,
 * or a mutation of a committed file's config); `config` are `--config` overrides; without
 * `file` the committed stack file is used as is.
 */
export interface CorpusCase {
    title: string;
    stack?: "production" | "staging";
    file?: string | ((config: Record<string, any>) => void);
    config?: string[];
    key: string;
    /** The printed value; omitted for file-level errors and usage errors, which have none. */
    value?: string;
    allowed: RegExp;
    /** The message's location prefix: `file` means the stack file with line:column. */
    at?: "file" | "file-only" | "--config";
    /** A `--config` usage error (its own one-line format, naming the path and why). */
    usage?: boolean;
    /** Secrets the message must not contain. */
    secrets?: string[];
}

const PROD = () => committedConfig("production");
const set = (cfg: Record<string, any>, key: string, value: unknown) => { cfg[key] = value; };
const service = (cfg: Record<string, any>, name: string, patch: Record<string, unknown>) => {
    cfg["platform:services"][name] = { ...cfg["platform:services"][name], ...patch };
};
const KUBECONFIG_YAML = [
    "apiVersion: v1", "kind: Config", "current-context: prod",
    "clusters:", "- name: prod", "  cluster:", "    server: https://203.0.113.7", "    certificate-authority-data: LS0tLS1CRUdJTg==",
    "users:", "- name: admin", "  user:", "    token: eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXRleHQ",
    "contexts:", "- name: prod", "  context: {cluster: prod, user: admin}",
].join("\n");
const TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXRleHQ";
const yamlOf = (config: Record<string, unknown>) => YAML.stringify({ config });
const manyServices = (n: number, http: boolean) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`s${i}`, { image: "ghcr.io/acme/s:1.0.0", ...(http ? { http: { pathPrefix: `/s${i}` } } : {}) }]));
const KUBE = ["platform:compute.runtime=kubernetes", "platform:kubernetes.ingressClass=nginx"];
const DIGEST = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

export const CORPUS: CorpusCase[] = [
    // ---- YAML the parser rejects: file, line, column, what is wrong; bounded on hostile input.
    { title: "duplicate top-level config key", file: "config:\n  platform:cloud: aws\n  platform:cloud: gcp\n", key: "stack file", allowed: /Map keys must be unique/, at: "file" },
    { title: "duplicate nested key", file: "config:\n  platform:cloud: aws\n  platform:database:\n    size: small\n    size: large\n", key: "stack file", allowed: /Map keys must be unique/, at: "file" },
    { title: "tab indentation", file: "config:\n\tplatform:cloud: aws\n", key: "stack file", allowed: /Tabs are not allowed/, at: "file" },
    { title: "bad indentation", file: "config:\n  platform:cloud: aws\n platform:environment: production\n", key: "stack file", allowed: /not valid YAML/, at: "file" },
    { title: "unclosed flow sequence", file: "config:\n  platform:tags: [a, b\n", key: "stack file", allowed: /not valid YAML/, at: "file" },
    { title: "unclosed flow mapping", file: "config: {platform:cloud: aws\n", key: "stack file", allowed: /not valid YAML/, at: "file" },
    { title: "unterminated quoted string", file: "config:\n  platform:appName: \"acme\n", key: "stack file", allowed: /not valid YAML/, at: "file" },
    { title: "two YAML documents", file: "config:\n  platform:cloud: aws\n---\nconfig:\n  platform:cloud: gcp\n", key: "stack file", allowed: /second YAML document/, at: "file" },
    { title: "alias bomb", file: (() => { let b = "config:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"; for (let i = 1; i < 10; i++) b += `  a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]\n`; return b; })(), key: "stack file", allowed: /more than 100 alias expansions/, at: "file-only" },
    { title: "20,000-deep flow nesting", file: `config:\n  platform:tags: ${"[".repeat(20000)}${"]".repeat(20000)}\n`, key: "stack file", allowed: /nested more than 64 levels/, at: "file" },
    { title: "20,000-deep block nesting", file: `config:\n  platform:tags:\n    ${"- ".repeat(20000)}x\n`, key: "stack file", allowed: /nested more than 64 levels/, at: "file" },
    { title: "a file over 1 MiB", file: `config:\n  platform:cloud: aws\n# ${"x".repeat(1 << 20)}\n`, key: "stack file", allowed: /larger than 1048576 bytes/, at: "file-only" },
    { title: "top level is a scalar", file: "just text\n", key: "stack file", allowed: /a YAML mapping with a config: key/, at: "file" },
    { title: "top level is a list", file: "- config\n- platform\n", key: "stack file", allowed: /a YAML mapping with a config: key/, at: "file" },
    { title: "unknown top-level key", file: "confg:\n  platform:cloud: aws\n", key: "confg", allowed: /not a stack file key; allowed: config, .*did you mean config\?/, at: "file" },
    { title: "config is a list", file: "config:\n  - platform:cloud\n", key: "config", allowed: /a mapping of config keys to values/, at: "file" },
    { title: "a complex (sequence) key", file: "config:\n  ? [platform:cloud, x]\n  : aws\n", key: "config", allowed: /keys that are plain text/, at: "file" },
    { title: "an invalid escape in a double-quoted string", file: "config:\n  platform:appName: \"a\\qb\"\n", key: "stack file", allowed: /not valid YAML/, at: "file" },

    // ---- Keys outside the platform namespace: an error naming the nearest known key.
    { title: "misspelled namespace", file: (c) => set(c, "platfrom:database", { size: "small" }), key: "platfrom:database", value: '{"size":"small"}', allowed: /did you mean platform:database\?/, at: "file" },
    { title: "upper-case namespace", file: (c) => set(c, "PLATFORM:appName", "acme"), key: "PLATFORM:appName", value: '"acme"', allowed: /did you mean platform:appName\?/, at: "file" },
    { title: "leading space before the key", file: (c) => { delete c["platform:appName"]; set(c, " platform:appName", "acme"); }, key: '" platform:appName"', value: '"acme"', allowed: /did you mean platform:appName\?/, at: "file" },
    { title: "no namespace at all", file: (c) => { delete c["platform:monitoring"]; set(c, "monitoring", { alertEmail: "oncall@example.com" }); }, key: "monitoring", value: '{"alertEmail":"oncall@example.com"}', allowed: /did you mean platform:monitoring\?/, at: "file" },
    { title: "wrong case in the name", file: (c) => set(c, "platform:LoadBalancer", { waf: true }), key: "platform:LoadBalancer", value: '{"waf":true}', allowed: /did you mean platform:loadBalancer\?/, at: "file" },
    { title: "kebab-case name", file: (c) => set(c, "platform:object-store", {}), key: "platform:object-store", value: "{}", allowed: /did you mean platform:objectStore\?/, at: "file" },
    { title: "provider key not on the allow-list", file: (c) => set(c, "aws:profile", "prod"), key: "aws:profile", value: '"prod"', allowed: /no such key/, at: "file" },
    { title: "misspelled Pulumi key", file: (c) => set(c, "pulumi:tag", { team: "x" }), key: "pulumi:tag", value: '{"team":"x"}', allowed: /did you mean pulumi:tags\?/, at: "file" },
    { title: "aws:region that disagrees with platform:aws.region", file: (c) => set(c, "aws:region", "eu-west-1"), key: "aws:region", value: '"eu-west-1"', allowed: /"us-west-2", the value of platform:aws.region/, at: "file" },
    { title: "gcp:project that disagrees with platform:gcp.project", file: (c) => set(c, "gcp:project", "other-project"), key: "gcp:project", value: '"other-project"', allowed: /"acme-platform-prod", the value of platform:gcp.project/, at: "file" },
    { title: "azure-native:location that disagrees", config: ["platform:cloud=azure", "azure-native:location=westeurope"], key: "azure-native:location", value: '"westeurope"', allowed: /"eastus", the value of platform:azure.location/, at: "--config" },
    { title: "azure-native:subscriptionId with no platform value", config: ["azure-native:subscriptionId=00000000-0000-0000-0000-000000000000"], key: "azure-native:subscriptionId", value: '"00000000-0000-0000-0000-000000000000"', allowed: /set platform:azure.subscriptionId instead/, at: "--config" },
    { title: "misspelled platform key via --config", config: ["platform:databse.size=small"], key: "platform:databse", value: '{"size":"small"}', allowed: /did you mean platform:database\?/, at: "--config" },
    { title: "misspelled nested key", file: (c) => set(c, "platform:database", { sise: "small" }), key: "platform:database.sise", value: '"small"', allowed: /did you mean platform:database.size\?/, at: "file" },
    { title: "misspelled service field", file: (c) => service(c, "api", { imag: "x" }), key: "platform:services.api.imag", value: '"x"', allowed: /did you mean platform:services.api.image\?/, at: "file" },
    { title: "unknown nested key with no near match", config: ["platform:cache.zzzzzzzz=1"], key: "platform:cache.zzzzzzzz", value: "1", allowed: /^no such key \(keys are/, at: "--config" },

    // ---- --config paths that do not fit the value: usage errors naming the path and why.
    { title: "path into a string", config: ["platform:appName.first=x"], key: "platform:appName.first", allowed: /platform:appName is a string, not an object/, usage: true },
    { title: "path into a number", config: ["platform:services.api.port.value=1"], key: "platform:services.api.port.value", allowed: /platform:services.api.port is a number, not an object/, usage: true },
    { title: "huge list index", config: ["platform:services.worker.command[999999999]=x"], key: "command[999999999]", allowed: /index \[999999999\] is too large; allowed: 0 to 1000/, usage: true },
    { title: "index past the end of the list", config: ["platform:services.worker.command[7]=x"], key: "platform:services.worker.command[7]", allowed: /past the end of platform:services.worker.command \(3 item\(s\)\); allowed: an index from 0 to 3/, usage: true },
    { title: "index into an object", config: ["platform:database[0]=x"], key: "platform:database[0]", allowed: /platform:database is an object, not a list/, usage: true },
    { title: "name into a list", config: ["platform:services.worker.command.first=x"], key: "platform:services.worker.command.first", allowed: /platform:services.worker.command is a list, not an object/, usage: true },
    { title: "__proto__ in the path", config: ["platform:database.__proto__.size=huge"], key: "__proto__", allowed: /is not allowed \(__proto__, constructor and prototype are never config keys\)/, usage: true },
    { title: "constructor in the path", config: ["platform:services.constructor.image=x"], key: "constructor", allowed: /never config keys/, usage: true },
    { title: "prototype in the path", config: ["platform:tags.prototype=x"], key: "prototype", allowed: /never config keys/, usage: true },
    { title: "__proto__ as the top-level name", config: ["platform:__proto__=x"], key: "__proto__", allowed: /never config keys/, usage: true },
    { title: "empty path segment", config: ["platform:database..size=small"], key: "platform:database..size", allowed: /empty path segment/, usage: true },
    { title: "trailing dot", config: ["platform:database.=small"], key: "platform:database.", allowed: /ends with "\." or is empty/, usage: true },
    { title: "no namespace in the key", config: ["database.size=small"], key: "database.size", allowed: /has no namespace/, usage: true },
    { title: "no '=' at all", config: ["platform:database.size"], key: "platform:database.size", allowed: /allowed: KEY=VALUE/, usage: true },
    { title: "empty key", config: ["=small"], key: "=small", allowed: /allowed: KEY=VALUE/, usage: true },
    { title: "malformed JSON value", config: ["platform:services={\"api\":"], key: "platform:services", allowed: /not valid JSON/, usage: true },
    { title: "JSON value nested too deep", config: [`platform:tags=${"[".repeat(40)}${"]".repeat(40)}`], key: "platform:tags", allowed: /nested more than 32 levels/, usage: true },
    { title: "an override over 64 KiB", config: [`platform:appName=${"a".repeat(70_000)}`], key: "platform:appName", allowed: /longer than 65536 bytes/, usage: true },
    { title: "JSON __proto__ key in a value is dropped, not honoured", config: ['platform:database={"__proto__":{"size":"huge"},"size":"tiny"}'], key: "platform:database.size", value: '"tiny"', allowed: /one of small, medium, large/, at: "--config" },

    // ---- Config that validates but would break the plan.
    { title: "service named db (collides with the database alarms)", file: (c) => service(c, "db", { image: "ghcr.io/acme/db:1.0.0" }), key: "platform:services.db", value: '"db"', allowed: /a service name other than db, cache/, at: "file" },
    { title: "service named cache", config: ['platform:services.cache={"image":"ghcr.io/acme/c:1.0.0"}'], key: "platform:services.cache", value: '"cache"', allowed: /reserved/, at: "--config" },
    { title: "service named agw on Azure (gateway identity)", config: ["platform:cloud=azure", 'platform:services.agw={"image":"ghcr.io/acme/c:1.0.0"}'], key: "platform:services.agw", value: '"agw"', allowed: /reserved/, at: "--config" },
    { title: "service named aks", config: ['platform:services.aks={"image":"ghcr.io/acme/c:1.0.0"}'], key: "platform:services.aks", value: '"aks"', allowed: /reserved/, at: "--config" },
    { title: "/api and /api/ on two services", file: (c) => service(c, "web", { http: { pathPrefix: "/api/" } }), key: "platform:services.web.http", value: '{"pathPrefix":"/api/"}', allowed: /a route different from service api's \(both are \*\/api on Application Load Balancer\)/, at: "file" },
    { title: "/ and no prefix on two services", file: (c) => service(c, "api", { http: {} }), key: "platform:services.web.http", value: '{"pathPrefix":"/"}', allowed: /different from service api's \(both are \*\//, at: "file" },
    { title: "/API and /api on Azure (case-insensitive gateway)", config: ["platform:cloud=azure", "platform:services.web.http.pathPrefix=/API"], key: "platform:services.web.http", value: '{"pathPrefix":"/API"}', allowed: /both are \*\/api on Application Gateway/, at: "--config" },
    { title: "same host in different case", config: ["platform:services.api.http.host=api.example.com", "platform:services.web.http.host=API.example.com", "platform:services.web.http.pathPrefix=/api"], key: "platform:services.web.http.host", value: '"API.example.com"', allowed: /lowercase DNS hostname/, at: "--config" },
    { title: "150 HTTP services exceed the ALB's 100 rules", file: (c) => set(c, "platform:services", manyServices(150, true)), key: "platform:services", value: '"150 services with an http route"', allowed: /at most 100 on aws: 100 listener rules and 100 target groups per Application Load Balancer/, at: "file" },
    { title: "101 HTTP services exceed the Application Gateway's 100 pools", file: (c) => { set(c, "platform:cloud", "azure"); set(c, "platform:services", manyServices(101, true)); }, key: "platform:services", value: '"101 services with an http route"', allowed: /at most 100 on azure/, at: "file" },
    { title: `more than ${LIMITS.services} services`, file: (c) => set(c, "platform:services", { ...manyServices(LIMITS.services, false), web: { image: "ghcr.io/acme/web:1.0.0", http: {} } }), key: "platform:services", allowed: new RegExp(`at most ${LIMITS.services} services per stack`), at: "file" },
    { title: "10,000 services are rejected in bounded time", file: (c) => set(c, "platform:services", manyServices(10_000, true)), key: "platform:services", allowed: /at most 200 services per stack/, at: "file" },
    { title: "no HTTP service for the load balancer", file: (c) => set(c, "platform:services", { worker: { image: "ghcr.io/acme/w:1.0.0" } }), key: "platform:services", value: '["worker"]', allowed: /at least one service with an `http` route/, at: "file" },

    // ---- Values the cloud rejects.
    { title: "CIDR with host bits", config: ["platform:network.cidr=10.0.3.7/16"], key: "platform:network.cidr", value: '"10.0.3.7/16"', allowed: /a network address with no host bits set: 10.0.0.0\/16/, at: "--config" },
    { title: "CIDR with host bits in the stack file", file: (c) => set(c, "platform:network", { cidr: "172.16.9.0/20" }), key: "platform:network.cidr", value: '"172.16.9.0/20"', allowed: /172.16.0.0\/20/, at: "file" },
    { title: "CIDR prefix out of range", config: ["platform:network.cidr=10.0.0.0/33"], key: "platform:network.cidr", value: '"10.0.0.0/33"', allowed: /IPv4 CIDR/, at: "--config" },
    { title: "CIDR too small for the subnets", config: ["platform:network.cidr=10.0.0.0/24"], key: "platform:network.cidr", value: '"10.0.0.0/24"', allowed: /\/16 and \/20/, at: "--config" },
    { title: "one zone on AWS (staging)", stack: "staging", config: ["platform:network.zones=1", "platform:database.highAvailability=true"], key: "platform:network.zones", value: "1", allowed: /2 or 3 on AWS/, at: "--config" },
    { title: "one zone in production", config: ["platform:network.zones=1"], key: "platform:network.zones", value: "1", allowed: /2 or 3 in production/, at: "--config" },
    { title: "AWS region that does not exist", config: ["platform:aws.region=mars-central1"], key: "platform:aws.region", value: '"mars-central1"', allowed: /an AWS region such as us-west-2; did you mean/, at: "--config" },
    { title: "AWS region with a typo", file: (c) => set(c, "platform:aws", { region: "us-west-3" }), key: "platform:aws.region", value: '"us-west-3"', allowed: /did you mean us-west-[12]\?/, at: "file" },
    { title: "GCP region that does not exist", config: ["platform:cloud=gcp", "platform:gcp.region=mars-central1"], key: "platform:gcp.region", value: '"mars-central1"', allowed: /a GCP region such as us-central1; did you mean/, at: "--config" },
    { title: "GCP region in AWS form", config: ["platform:gcp.region=us-central-1"], key: "platform:gcp.region", value: '"us-central-1"', allowed: /did you mean us-central1\?/, at: "--config" },
    { title: "Azure location that does not exist", config: ["platform:cloud=azure", "platform:azure.location=marscentral"], key: "platform:azure.location", value: '"marscentral"', allowed: /an Azure location such as eastus/, at: "--config" },
    { title: "Azure location display name", config: ["platform:azure.location=East US"], key: "platform:azure.location", value: '"East US"', allowed: /Azure location/, at: "--config" },
    { title: "image with an upper-case repository", config: ["platform:services.api.image=ghcr.io/Acme/API:1.0"], key: "platform:services.api.image", value: '"ghcr.io/Acme/API:1.0"', allowed: /the repository must be lowercase/, at: "--config" },
    { title: "image with a short digest", config: ["platform:services.api.image=ghcr.io/acme/api@sha256:abc123"], key: "platform:services.api.image", value: '"ghcr.io/acme/api@sha256:abc123"', allowed: /exactly 64 lowercase hex/, at: "--config" },
    { title: "image with an upper-case digest", config: [`platform:services.api.image=ghcr.io/acme/api@sha256:${DIGEST.toUpperCase()}`], key: "platform:services.api.image", allowed: /exactly 64 lowercase hex/, at: "--config" },
    { title: "image digest with an unknown algorithm", config: [`platform:services.api.image=ghcr.io/acme/api@md5:${DIGEST.slice(0, 32)}`], key: "platform:services.api.image", allowed: /a digest is sha256:/, at: "--config" },
    { title: "image without tag or digest", config: ["platform:services.api.image=ghcr.io/acme/api"], key: "platform:services.api.image", value: '"ghcr.io/acme/api"', allowed: /pin a tag or a digest/, at: "--config" },
    { title: "image tag too long", config: [`platform:services.api.image=ghcr.io/acme/api:${"v".repeat(129)}`], key: "platform:services.api.image", allowed: /image reference/, at: "--config" },
    { title: "image tag starting with a dot", config: ["platform:services.api.image=ghcr.io/acme/api:.hidden"], key: "platform:services.api.image", value: '"ghcr.io/acme/api:.hidden"', allowed: /image reference/, at: "--config" },
    { title: "image with a space", config: ["platform:services.api.image=ghcr.io/acme/api :1"], key: "platform:services.api.image", allowed: /image reference/, at: "--config" },
    { title: "image reference over 512 characters", config: [`platform:services.api.image=ghcr.io/${"a".repeat(600)}:1`], key: "platform:services.api.image", allowed: /at most 512 characters/, at: "--config" },
    { title: "a 1 MB email address", file: (c) => set(c, "platform:monitoring", { alertEmail: `${"a".repeat(1_000_000)}@example.com` }), key: "platform:monitoring.alertEmail", allowed: /an email address of at most 254 characters/, at: "file" },
    { title: "email local part over 64 characters", config: [`platform:monitoring.alertEmail=${"a".repeat(65)}@example.com`], key: "platform:monitoring.alertEmail", allowed: /local part .* at most 64/, at: "--config" },
    { title: "email without a domain", config: ["platform:monitoring.alertEmail=oncall@"], key: "platform:monitoring.alertEmail", value: '"oncall@"', allowed: /an email address/, at: "--config" },
    { title: "any 20-character string as a kubeconfig", config: [...KUBE, "platform:kubeconfig=abcdefghijklmnopqrstuvwxyz"], key: "platform:kubeconfig", value: "[secret]", allowed: /a kubeconfig document .* not a mapping/, at: "--config", secrets: ["abcdefghijklmnopqrstuvwxyz"] },
    { title: "kubeconfig without clusters", config: [...KUBE, 'platform:kubeconfig={"apiVersion":"v1","kind":"Config","clusters":[],"users":[],"contexts":[]}'], key: "platform:kubeconfig", value: "[secret]", allowed: /with a non-empty clusters list/, at: "--config" },
    { title: "kubeconfig whose context names an unknown cluster", file: (c) => { set(c, "platform:compute", { runtime: "kubernetes" }); set(c, "platform:kubernetes", { ingressClass: "nginx" }); set(c, "platform:kubeconfig", KUBECONFIG_YAML.replace("{cluster: prod", "{cluster: other")); }, key: "platform:kubeconfig", value: "[secret]", allowed: /every context names one of its clusters and users/, at: "file", secrets: [TOKEN] },
    { title: "kubeconfig of another kind", config: [...KUBE, 'platform:kubeconfig={"apiVersion":"v1","kind":"Pod"}'], key: "platform:kubeconfig", value: "[secret]", allowed: /with kind: Config/, at: "--config" },
    { title: "kubeconfig that is not YAML", file: (c) => { set(c, "platform:compute", { runtime: "kubernetes" }); set(c, "platform:kubeconfig", "clusters: [unclosed\n  token: hunter2-secret"); }, key: "platform:kubeconfig", value: "[secret]", allowed: /does not parse as YAML or JSON/, at: "file", secrets: ["hunter2-secret"] },
    { title: "kubeconfig nested 20,000 deep", file: (c) => { set(c, "platform:compute", { runtime: "kubernetes" }); set(c, "platform:kubeconfig", `${"[".repeat(20000)}${"]".repeat(20000)}`); }, key: "platform:kubeconfig", value: "[secret]", allowed: /does not parse as YAML or JSON/, at: "file" },
    { title: "kubeconfig under the managed runtime", config: [`platform:kubeconfig=${EXISTING_CLUSTER_KUBECONFIG}`, "platform:kubernetes.ingressClass=nginx"], key: "platform:kubeconfig", value: "[secret]", allowed: /only with platform:compute.runtime = kubernetes/, at: "--config", secrets: ["dummy-token-for-tests"] },
    { title: "existing cluster without its ingress class", config: ["platform:compute.runtime=kubernetes", `platform:kubeconfig=${EXISTING_CLUSTER_KUBECONFIG}`], key: "platform:kubernetes.ingressClass", value: "(missing)", allowed: /required with platform:kubeconfig/, at: "file-only" },

    // ---- Per key: a wrong value or type for every key of the schema.
    { title: "cloud: unknown", config: ["platform:cloud=oracle"], key: "platform:cloud", value: '"oracle"', allowed: /one of aws, gcp, azure/, at: "--config" },
    { title: "cloud: missing", file: (c) => { delete c["platform:cloud"]; }, key: "platform:cloud", value: "(missing)", allowed: /this key is required/, at: "file-only" },
    { title: "cloud: upper case", file: (c) => set(c, "platform:cloud", "AWS"), key: "platform:cloud", value: '"AWS"', allowed: /one of aws, gcp, azure/, at: "file" },
    { title: "environment: unknown", file: (c) => set(c, "platform:environment", "prod"), key: "platform:environment", value: '"prod"', allowed: /one of production, staging/, at: "file" },
    { title: "environment: missing", file: (c) => { delete c["platform:environment"]; }, key: "platform:environment", value: "(missing)", allowed: /required/, at: "file-only" },
    { title: "appName: too long", file: (c) => set(c, "platform:appName", "averyveryverylongname"), key: "platform:appName", value: '"averyveryverylongname"', allowed: /3-12 characters/, at: "file" },
    { title: "appName: upper case", config: ["platform:appName=Acme"], key: "platform:appName", value: '"Acme"', allowed: /lowercase/, at: "--config" },
    { title: "appName: an object", file: (c) => set(c, "platform:appName", { first: "x" }), key: "platform:appName", value: '"{\\"first\\":\\"x\\"}"', allowed: /3-12 characters/, at: "file" },
    { title: "tags: bad key", config: ["platform:tags.Team=x"], key: "platform:tags.Team", value: '"Team"', allowed: /a key that is a lowercase tag key/, at: "--config" },
    { title: "tags: value GCP rejects", file: (c) => set(c, "platform:tags", { team: "Payments Team" }), key: "platform:tags.team", value: '"Payments Team"', allowed: /GCP label rules/, at: "file" },
    { title: "tags: not a mapping", file: (c) => set(c, "platform:tags", "team=payments"), key: "platform:tags", value: '"team=payments"', allowed: /^an object \(a YAML mapping\)$/, at: "file" },
    { title: "tags: more than 50", file: (c) => set(c, "platform:tags", Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, "x"]))), key: "platform:tags", allowed: /at most 50 tags/, at: "file" },
    { title: "aws: unknown nested key", config: ["platform:aws.zone=us-west-2a"], key: "platform:aws.zone", value: '"us-west-2a"', allowed: /no such key/, at: "--config" },
    { title: "aws: a string instead of a mapping", file: (c) => set(c, "platform:aws", "us-west-2"), key: "platform:aws", value: '"us-west-2"', allowed: /an object \(a YAML mapping\)/, at: "file" },
    { title: "gcp.project: invalid id", config: ["platform:gcp.project=Acme_Prod"], key: "platform:gcp.project", value: '"Acme_Prod"', allowed: /a GCP project id/, at: "--config" },
    { title: "gcp.project: missing on GCP", file: (c) => { set(c, "platform:cloud", "gcp"); set(c, "platform:gcp", { region: "us-central1" }); }, key: "platform:gcp.project", value: "(missing)", allowed: /required when platform:cloud is gcp/, at: "file" },
    { title: "azure.subscriptionId: not a UUID", config: ["platform:azure.subscriptionId=my-subscription"], key: "platform:azure.subscriptionId", value: '"my-subscription"', allowed: /a UUID/, at: "--config" },
    { title: "network.zones: zero", config: ["platform:network.zones=0"], key: "platform:network.zones", value: "0", allowed: /an integer >= 1/, at: "--config" },
    { title: "network.zones: four", config: ["platform:network.zones=4"], key: "platform:network.zones", value: "4", allowed: /an integer <= 3/, at: "--config" },
    { title: "network.zones: a fraction", file: (c) => set(c, "platform:network", { zones: 2.5 }), key: "platform:network.zones", value: "2.5", allowed: /^an integer$/, at: "file" },
    { title: "database.size: unknown", config: ["platform:database.size=huge"], key: "platform:database.size", value: '"huge"', allowed: /one of small, medium, large/, at: "--config" },
    { title: "database.storageGb: text", file: (c) => set(c, "platform:database", { storageGb: "lots" }), key: "platform:database.storageGb", value: '"lots"', allowed: /^an integer$/, at: "file" },
    { title: "database.storageGb: too small", config: ["platform:database.storageGb=5"], key: "platform:database.storageGb", value: "5", allowed: /an integer >= 20/, at: "--config" },
    { title: "database.backupRetentionDays: below the production minimum", config: ["platform:database.backupRetentionDays=7"], key: "platform:database.backupRetentionDays", value: "7", allowed: /30 to 35 days/, at: "--config" },
    { title: "database.backupRetentionDays: above 35", config: ["platform:database.backupRetentionDays=90"], key: "platform:database.backupRetentionDays", value: "90", allowed: /an integer <= 35/, at: "--config" },
    { title: "database.highAvailability: the string yes", config: ["platform:database.highAvailability=yes"], key: "platform:database.highAvailability", value: '"yes"', allowed: /^true or false$/, at: "--config" },
    { title: "database.deletionProtection: a number", config: ["platform:database.deletionProtection=1"], key: "platform:database.deletionProtection", value: "1", allowed: /true or false/, at: "--config" },
    { title: "database.name: not an identifier", config: ["platform:database.name=app-db"], key: "platform:database.name", value: '"app-db"', allowed: /PostgreSQL identifier/, at: "--config" },
    { title: "cache.size: unknown", config: ["platform:cache.size=xl"], key: "platform:cache.size", value: '"xl"', allowed: /one of small, medium, large/, at: "--config" },
    { title: "cache.nodes: one in production", config: ["platform:cache.nodes=1"], key: "platform:cache.nodes", value: "1", allowed: /2 to 6 in production/, at: "--config" },
    { title: "cache.nodes: seven", config: ["platform:cache.nodes=7"], key: "platform:cache.nodes", value: "7", allowed: /an integer <= 6/, at: "--config" },
    { title: "cache.snapshotRetentionDays: negative", config: ["platform:cache.snapshotRetentionDays=-1"], key: "platform:cache.snapshotRetentionDays", value: "-1", allowed: /an integer >= 0/, at: "--config" },
    { title: "objectStore.tempExpirationDays: zero", config: ["platform:objectStore.tempExpirationDays=0"], key: "platform:objectStore.tempExpirationDays", value: "0", allowed: /an integer >= 1/, at: "--config" },
    { title: "objectStore.archiveAfterDays: after expiry", config: ["platform:objectStore.archiveAfterDays=400"], key: "platform:objectStore.archiveAfterDays", value: "400", allowed: /fewer days than objectStore.expirationDays \(365\)/, at: "--config" },
    { title: "objectStore.expirationDays: text", config: ["platform:objectStore.expirationDays=forever"], key: "platform:objectStore.expirationDays", value: '"forever"', allowed: /an integer/, at: "--config" },
    { title: "loadBalancer.domain: not a hostname", config: ["platform:loadBalancer.domain=not a host"], key: "platform:loadBalancer.domain", value: '"not a host"', allowed: /DNS hostname/, at: "--config" },
    { title: "loadBalancer.domain: missing", file: (c) => set(c, "platform:loadBalancer", { waf: true }), key: "platform:loadBalancer.domain", value: "(missing)", allowed: /required/, at: "file" },
    { title: "loadBalancer.waf: a string", config: ["platform:loadBalancer.waf=on"], key: "platform:loadBalancer.waf", value: '"on"', allowed: /true or false/, at: "--config" },
    { title: "loadBalancer.deletionProtection: null", file: (c) => set(c, "platform:loadBalancer", { domain: "app.example.com", deletionProtection: null }), key: "platform:loadBalancer.deletionProtection", value: "null", allowed: /true or false/, at: "file" },
    { title: "compute.runtime: unknown", config: ["platform:compute.runtime=lambda"], key: "platform:compute.runtime", value: '"lambda"', allowed: /one of managed, kubernetes/, at: "--config" },
    { title: "compute.size: unknown", config: ["platform:compute.size=tiny"], key: "platform:compute.size", value: '"tiny"', allowed: /one of small, medium, large/, at: "--config" },
    { title: "compute.minReplicas above maxReplicas", config: ["platform:compute.minReplicas=5", "platform:compute.maxReplicas=2"], key: "platform:compute.minReplicas", value: "5", allowed: /at most compute.maxReplicas \(2\)/, at: "--config" },
    { title: "compute.maxReplicas: over 1000", config: ["platform:compute.maxReplicas=5000"], key: "platform:compute.maxReplicas", value: "5000", allowed: /an integer <= 1000/, at: "--config" },
    { title: "compute.cpuTargetPercent: 100", config: ["platform:compute.cpuTargetPercent=100"], key: "platform:compute.cpuTargetPercent", value: "100", allowed: /an integer <= 95/, at: "--config" },
    { title: "compute.memoryTargetPercent: 5", config: ["platform:compute.memoryTargetPercent=5"], key: "platform:compute.memoryTargetPercent", value: "5", allowed: /an integer >= 10/, at: "--config" },
    { title: "compute.scaleOutCooldownSeconds: an hour and more", config: ["platform:compute.scaleOutCooldownSeconds=7200"], key: "platform:compute.scaleOutCooldownSeconds", value: "7200", allowed: /an integer <= 3600/, at: "--config" },
    { title: "compute.scaleInCooldownSeconds: a huge number", config: ["platform:compute.scaleInCooldownSeconds=999999999999999"], key: "platform:compute.scaleInCooldownSeconds", value: "999999999999999", allowed: /an integer <= 3600/, at: "--config" },
    { title: "compute.logRetentionDays: not offered", config: ["platform:compute.logRetentionDays=3"], key: "platform:compute.logRetentionDays", value: "3", allowed: /one of 7, 14, 30, 60, 90, 180, 365/, at: "--config" },
    { title: "kubernetes.version: latest", config: ["platform:kubernetes.version=latest"], key: "platform:kubernetes.version", value: '"latest"', allowed: /minor version such as 1.33/, at: "--config" },
    { title: "kubernetes.nodeSize: unknown", config: ["platform:kubernetes.nodeSize=huge"], key: "platform:kubernetes.nodeSize", value: '"huge"', allowed: /one of small, medium, large/, at: "--config" },
    { title: "kubernetes.minNodes above maxNodes", config: ["platform:kubernetes.minNodes=5", "platform:kubernetes.maxNodes=2"], key: "platform:kubernetes.minNodes", value: "5", allowed: /at most kubernetes.maxNodes \(2\)/, at: "--config" },
    { title: "kubernetes.maxNodes: zero", config: ["platform:kubernetes.maxNodes=0"], key: "platform:kubernetes.maxNodes", value: "0", allowed: /an integer >= 1/, at: "--config" },
    { title: "kubernetes.ingressClass: not a name", config: ["platform:kubernetes.ingressClass=Nginx_Class"], key: "platform:kubernetes.ingressClass", value: '"Nginx_Class"', allowed: /Kubernetes resource name/, at: "--config" },
    { title: "monitoring.alertEmail: a list", file: (c) => set(c, "platform:monitoring", { alertEmail: ["a@example.com"] }), key: "platform:monitoring.alertEmail", value: '["a@example.com"]', allowed: /^a string$/, at: "file" },
    { title: "services: none", file: (c) => set(c, "platform:services", {}), key: "platform:services", value: "{}", allowed: /at least one service/, at: "file" },
    { title: "services: a list", file: (c) => set(c, "platform:services", ["api", "web"]), key: "platform:services", value: '["api","web"]', allowed: /^an object \(a YAML mapping\)$/, at: "file" },
    { title: "services.<name>: bad name", config: ['platform:services.Api_1={"image":"ghcr.io/a/b:1"}'], key: "platform:services.Api_1", value: '"Api_1"', allowed: /lowercase letters and digits/, at: "--config" },
    { title: "services.<name>: not a mapping", file: (c) => set(c, "platform:services", { ...c["platform:services"], extra: "ghcr.io/acme/x:1" }), key: "platform:services.extra", value: '"ghcr.io/acme/x:1"', allowed: /an object \(a YAML mapping\)/, at: "file" },
    { title: "services.<name>.image: missing", file: (c) => service(c, "api", { image: undefined }), key: "platform:services.api.image", value: "(missing)", allowed: /required/, at: "file" },
    { title: "services.<name>.port: negative", config: ["platform:services.api.port=-1"], key: "platform:services.api.port", value: "-1", allowed: /an integer >= 1/, at: "--config" },
    { title: "services.<name>.port: above 65535", file: (c) => service(c, "web", { port: 70000 }), key: "platform:services.web.port", value: "70000", allowed: /an integer <= 65535/, at: "file" },
    { title: "services.<name>.size: unknown", config: ["platform:services.worker.size=xl"], key: "platform:services.worker.size", value: '"xl"', allowed: /one of small, medium, large/, at: "--config" },
    { title: "services.<name>.http.pathPrefix: no leading slash", config: ["platform:services.api.http.pathPrefix=api"], key: "platform:services.api.http.pathPrefix", value: '"api"', allowed: /a URL path starting with '\/'/, at: "--config" },
    { title: "services.<name>.http.pathPrefix: a dot segment", config: ["platform:services.api.http.pathPrefix=/api/../admin"], key: "platform:services.api.http.pathPrefix", value: '"/api/../admin"', allowed: /without \/\/ or \. and \.\. segments/, at: "--config" },
    { title: "services.<name>.http.pathPrefix: a double slash", config: ["platform:services.api.http.pathPrefix=//api"], key: "platform:services.api.http.pathPrefix", value: '"//api"', allowed: /without \/\//, at: "--config" },
    { title: "services.<name>.http.host: not a hostname", config: ["platform:services.api.http.host=*.example.com"], key: "platform:services.api.http.host", value: '"*.example.com"', allowed: /DNS hostname/, at: "--config" },
    { title: "services.<name>.http: unknown field", config: ["platform:services.api.http.path=/api"], key: "platform:services.api.http.path", value: '"/api"', allowed: /did you mean platform:services.api.http.pathPrefix\?/, at: "--config" },
    { title: "services.<name>.healthPath: a URL", config: ["platform:services.api.healthPath=http://x/health"], key: "platform:services.api.healthPath", value: '"http://x/health"', allowed: /URL path/, at: "--config" },
    { title: "services.<name>.minReplicas above maxReplicas", config: ["platform:services.api.minReplicas=9", "platform:services.api.maxReplicas=3"], key: "platform:services.api.minReplicas", value: "9", allowed: /at most services.api.maxReplicas \(3\)/, at: "--config" },
    { title: "services.<name>.maxReplicas: text", config: ["platform:services.api.maxReplicas=many"], key: "platform:services.api.maxReplicas", value: '"many"', allowed: /an integer/, at: "--config" },
    { title: "services.<name>.command: a string", file: (c) => service(c, "worker", { command: "python -m worker" }), key: "platform:services.worker.command", value: '"python -m worker"', allowed: /^a list$/, at: "file" },
    { title: "services.<name>.command: empty list", file: (c) => service(c, "worker", { command: [] }), key: "platform:services.worker.command", value: "[]", allowed: /at least 1 item/, at: "file" },
    { title: "services.<name>.command: a number inside", file: (c) => service(c, "worker", { command: ["python", 3] }), key: "platform:services.worker.command[1]", value: "3", allowed: /^a string$/, at: "file" },
    { title: "services.<name>.env: lower-case name", config: ["platform:services.api.env.log_level=debug"], key: "platform:services.api.env.log_level", value: '"log_level"', allowed: /upper-case environment variable name/, at: "--config" },
    { title: "services.<name>.env: a number value", file: (c) => service(c, "api", { env: { WORKERS: 4 } }), key: "platform:services.api.env.WORKERS", value: "4", allowed: /^a string$/, at: "file" },
    { title: "services.<name>.env: over 100 variables", file: (c) => service(c, "api", { env: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`V${i}`, "x"])) }), key: "platform:services.api.env", allowed: /at most 100 variables/, at: "file" },
    { title: "pulumi:tags is accepted but platform keys still checked", config: ['pulumi:tags={"team":"payments"}', "platform:cache.size=xl"], key: "platform:cache.size", value: '"xl"', allowed: /one of small, medium, large/, at: "--config" },
];

/** The stack file text of a case (undefined: the committed file). */
export function stackFileOf(c: CorpusCase): string | undefined {
    if (typeof c.file === "string") return c.file;
    if (!c.file) return undefined;
    const cfg = c.stack === "staging" ? committedConfig("staging") : PROD();
    c.file(cfg);
    return yamlOf(cfg);
}
