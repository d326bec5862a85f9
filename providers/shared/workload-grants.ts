import { type BoundComponent, grantOrder, type ServiceBindings, type WorkloadBindings } from "../../components/binding";

/**
 * The keys of ServiceBindings whose cloud handle fails its per-key check (`Checks[K]`, each
 * cloud's `<Cloud>GrantChecks`: the handle carries a `grant` typed for that very handle and
 * outputs): each cloud's workload-grants.ts requires this to be `never`, so the typecheck names
 * a bound component that lacks its grant or carries one typed for another component's handle.
 * (The check is per key because a hook's handle is a parameter: one check against a
 * `Grant<never>` would accept a grant typed for any handle at all.)
 */
export type Ungranted<Checks extends { [K in keyof ServiceBindings]: boolean }> = { [K in keyof ServiceBindings]: Checks[K] extends true ? never : K }[keyof ServiceBindings];

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
