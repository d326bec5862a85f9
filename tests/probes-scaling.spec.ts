import * as assert from "assert";
import { inputs, named, ofType, planFor } from "./support/harness";

/*
 * Probes and scaling follow the config: `services.<name>.readinessPath` gates traffic (load
 * balancer checks, readiness / startup probes) while `healthPath` stays the liveness check; ECS
 * workers get a container health check like every other runtime; the HPA's scale-down window is
 * `compute.scaleInCooldownSeconds`.
 */

const READY = ["platform:services.api.readinessPath=/health/readiness"];

describe("probes and scaling follow the config", () => {
    it("aws: the api's target group checks the readiness path, its container health check the health path; workers are probed", async () => {
        const run = await planFor("production", "aws", READY);
        const tg = ofType(run, "aws:lb/targetGroup:TargetGroup").map(inputs).find((i) => i.port === 8080 && /api/.test(String(i.name)));
        assert.ok(tg, "api target group");
        assert.strictEqual(tg.healthCheck.path, "/health/readiness");
        const def = (svc: string) => JSON.parse(inputs(named(run, "aws:ecs/taskDefinition:TaskDefinition", `service-${svc}-task`)).containerDefinitions)[0];
        assert.match(def("api").healthCheck.command.join(" "), /127\.0\.0\.1:8080\/health \|\|/);
        assert.match(def("worker").healthCheck.command.join(" "), /127\.0\.0\.1:8081\/health \|\|/, "the worker has a container health check");
    });

    it("gcp: Cloud Run's startup probe (which gates traffic) uses the readiness path, liveness the health path", async () => {
        const run = await planFor("production", "gcp", READY);
        const c = inputs(named(run, "gcp:cloudrunv2/service:Service", "service-api-service")).template.containers[0];
        assert.strictEqual(c.startupProbe.httpGet.path, "/health/readiness");
        assert.strictEqual(c.livenessProbe.httpGet.path, "/health");
        const web = inputs(named(run, "gcp:cloudrunv2/service:Service", "service-web-service")).template.containers[0];
        assert.strictEqual(web.startupProbe.httpGet.path, "/health", "readinessPath defaults to healthPath");
    });

    it("azure: Readiness probe and the gateway probe on the readiness path, Liveness on the health path", async () => {
        const run = await planFor("production", "azure", READY);
        const probes = inputs(named(run, "azure-native:app:ContainerApp", "service-api-app")).template.containers[0].probes;
        const path = (type: string) => probes.find((p: any) => p.type === type).httpGet.path;
        assert.deepStrictEqual([path("Readiness"), path("Liveness")], ["/health/readiness", "/health"]);
        const gateway = ofType(run, "azure-native:network:ApplicationGateway").map(inputs)[0]!;
        assert.ok(gateway.probes.some((p: any) => p.path === "/health/readiness"), JSON.stringify(gateway.probes.map((p: any) => p.path)));
    });

    it("kubernetes: readinessProbe on the readiness path, liveness on the health path, HPA scale-down window = compute.scaleInCooldownSeconds", async () => {
        const run = await planFor("production", "aws", [...READY, "platform:compute.runtime=kubernetes", "platform:compute.scaleInCooldownSeconds=900"]);
        const c = inputs(named(run, "kubernetes:apps/v1:Deployment", "service-api-deployment")).spec.template.spec.containers[0];
        assert.strictEqual(c.readinessProbe.httpGet.path, "/health/readiness");
        assert.strictEqual(c.livenessProbe.httpGet.path, "/health");
        for (const svc of ["api", "web", "worker"]) {
            const hpa = inputs(named(run, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler", `service-${svc}-hpa`));
            assert.strictEqual(hpa.spec.behavior.scaleDown.stabilizationWindowSeconds, 900);
        }
    });
});
