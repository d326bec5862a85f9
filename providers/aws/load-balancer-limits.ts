import type { LoadBalancerLimits } from "../../components/config/load-balancer-limits";

/**
 * The ALB (managed runtime, and the EKS Auto Mode ALB of the kubernetes runtime): one listener
 * rule and one target group per HTTP route. Quotas: "Rules per Application Load Balancer (not
 * counting default rules): 100" and "Target Groups per Application Load Balancer: 100, not
 * adjustable" (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html).
 * Path patterns are case-sensitive (rule-condition-types.html#path-conditions).
 */
export const AWS_LOAD_BALANCER_LIMITS: LoadBalancerLimits = {
    product: "Application Load Balancer",
    maxRoutes: 100,
    limitSource: "100 listener rules and 100 target groups per Application Load Balancer (AWS ELB quotas)",
    caseInsensitivePaths: false,
};
