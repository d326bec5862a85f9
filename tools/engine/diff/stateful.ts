import { engineForType, everyCloudEngine } from "../cloud-engines";

/**
 * Resource types that hold data (or the keys to it): replacing or deleting one loses
 * that data unless someone restores it. A replace or delete of any of these is the loudest
 * thing the diff can say, and it makes `npm run diff` exit 1 unless overridden. Each cloud
 * states its own in its engine facts (`statefulTypes`: providers/<cloud>/engine.ts, and the
 * builder file of the component that creates the type); which inputs replace them, in the
 * same facts' replacement entries.
 */
export function statefulLabel(type: string): string | undefined {
    return engineForType(type)?.statefulTypes[type];
}

export function isStateful(type: string): boolean {
    return statefulLabel(type) !== undefined;
}

/** Every cloud's stateful types (loads every cloud's engine). */
export function everyStatefulType(): Readonly<Record<string, string>> {
    return Object.assign({}, ...everyCloudEngine().map((e) => e.statefulTypes));
}
