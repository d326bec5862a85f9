import { type BoundComponent, grantOrder, type ServiceBindings, type WorkloadBindings } from "../../components/binding";

/**
 * The keys of ServiceBindings whose handle on a cloud (its handles interface `H`) carries no
 * `grant` of that cloud's hook type `G`: each cloud's workload-grants.ts requires this to be
 * `never`, so the typecheck names a bound component that lacks its grant.
 */
export type Ungranted<H, G> = { [K in keyof ServiceBindings]: K extends keyof H ? (H[K] extends { grant: G } ? never : K) : K }[keyof ServiceBindings];

/**
 * The one login a bound component's grant made for the workload's identity (the database's
 * IAM user), or undefined: two components each claiming to authenticate it is a conflict the
 * runtime cannot settle by picking one, so it fails naming both.
 */
export function soleLogin<L>(cloud: string, by: string, granted: ReadonlyArray<{ component: string; login?: L }>): L | undefined {
    const withLogin = granted.filter((g) => g.login !== undefined);
    if (withLogin.length > 1) {
        throw new Error(`${cloud}: the ${by} is given a login by more than one bound component (${withLogin.map((g) => g.component).join(", ")}); only one may authenticate it`);
    }
    return withLogin[0]?.login;
}

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
