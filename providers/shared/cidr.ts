/** IPv4 CIDR arithmetic for the rule catalogues (pure). */

export function cidrRange(cidr: string): [number, number] | undefined {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
    if (!m) return undefined;
    const octets = m.slice(1, 5).map(Number);
    const prefix = Number(m[5]);
    if (octets.some((o) => o > 255) || prefix > 32) return undefined;
    const base = octets.reduce((acc, o) => acc * 256 + o, 0);
    const size = 2 ** (32 - prefix);
    const start = base - (base % size);
    return [start, start + size - 1];
}

export const prefixOf = (cidr: string): number => Number(cidr.split("/")[1]);

/** Is `inner` entirely inside `outer`? */
export function cidrWithin(inner: string, outer: string): boolean {
    const a = cidrRange(inner);
    const b = cidrRange(outer);
    return !!a && !!b && a[0] >= b[0] && a[1] <= b[1];
}

export function cidrOverlap(x: string, y: string): boolean {
    const a = cidrRange(x);
    const b = cidrRange(y);
    return !!a && !!b && a[0] <= b[1] && b[0] <= a[1];
}
