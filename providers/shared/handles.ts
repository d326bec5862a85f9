import type { CloudHandle } from "../../components/component";

/**
 * A cloud's typed handles (one entry per component kind) over the contract's opaque
 * `CloudHandle`. `wrap` tags a cloud's value when its component returns it; `read` takes it
 * back in a later component and fails loudly when the Platform passed another cloud's handle,
 * or none where one is required (a wiring bug, never a user error).
 */
export interface HandleCodec<H extends object> {
    wrap<K extends keyof H & string>(kind: K, value: H[K]): CloudHandle;
    read<K extends keyof H & string>(kind: K, handle: CloudHandle | undefined, by: string): H[K];
    /** The handle when this cloud made it; undefined when another implementation did (the kubernetes runtime's load balancer) or none exists. */
    readIfOwn<K extends keyof H & string>(kind: K, handle: CloudHandle | undefined): H[K] | undefined;
}

export function handleCodec<H extends object>(cloud: string): HandleCodec<H> {
    return {
        wrap: (kind, value) => ({ ...value, cloud, kind }),
        read: (kind, handle, by) => {
            if (!handle || handle.cloud !== cloud || handle.kind !== kind) {
                throw new Error(`internal: the ${cloud} ${by} needs the ${cloud} ${kind} handle, got ${handle ? `${handle.cloud} ${handle.kind}` : "none"} (components/platform.ts passes it)`);
            }
            return handle as unknown as H[typeof kind];
        },
        readIfOwn: (kind, handle) => (handle?.cloud === cloud && handle.kind === kind ? (handle as unknown as H[typeof kind]) : undefined),
    };
}
