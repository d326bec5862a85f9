/** A `platform:jobs` override with one migrate job run before each deploy, planned by jobs.spec.ts and bindings.spec.ts (the same plan, so the harness plans it once). */
export const MIGRATE_JOB = `platform:jobs={"migrate":{"image":"ghcr.io/acme/api:1.4.2","command":["python","manage.py","migrate"],"runBeforeDeploy":true,"timeoutSeconds":900,"secrets":{"SECRET_KEY":{"secure":"v1:AAAA"}}}}`;
