import { type BoundComponent, grantOrder, type ServiceBindings, type WorkloadBindings } from "../../components/binding";

/**
 * The keys of ServiceBindings whose handle on a cloud (its handles interface `H`) carries no
 * `grant` of that cloud's hook type `G`: each cloud's workload-grants.ts requires this to be
 * `never`, so the typecheck names a bound component that lacks its grant.
 */
export type Ungranted<H, G> = { [K in keyof ServiceBindings]: K extends keyof H ? (H[K] extends { grant: G } ? never : K) : K }[keyof ServiceBindings];

/**
 * Each bound component, in grant order (components/binding.ts), with the grant hook its handle
 * carries for `cloud`; fails naming the component when the handle has none (a bound component
 * whose builder file on this cloud exports no `grant`).
 */
export function boundGrantHooks<Hook>(cloud: string, bindings: WorkloadBindings, by: string): Array<{ bound: BoundComponent; handle: object; hook: Hook }> {
    return grantOrder(bindings).map((bound) => {
        const handle = bound.outputs.handle as unknown as { cloud: string; grant?: unknown };
        if (handle.cloud !== cloud || typeof handle.grant !== "function") {
            throw new Error(`internal: the ${cloud} ${by} is bound to ${bound.key}, whose ${handle.cloud} handle carries no ${cloud} \`grant\` (its providers/${cloud} builder file exports one)`);
        }
        return { bound, handle, hook: handle.grant as Hook };
    });
}
