import type { Rule } from "../../shared/rules";
import { awsComputeRules } from "./compute";
import { awsDataRules } from "./data";
import { awsNameRules } from "./names";
import { awsNetworkRules } from "./network";
import { awsSecurityRules } from "./security";
import { awsTagRule } from "./tags";

/** Every AWS type the program creates that carries `tags` (the tag rule applies to all of them). */
const TAGGED = [
    "aws:acm/certificate:Certificate", "aws:appautoscaling/target:Target", "aws:budgets/budget:Budget", "aws:cloudwatch/logGroup:LogGroup", "aws:cloudwatch/metricAlarm:MetricAlarm",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "aws:ec2/eip:Eip", "aws:ec2/flowLog:FlowLog", "aws:ec2/internetGateway:InternetGateway", "aws:ec2/natGateway:NatGateway", "aws:ec2/routeTable:RouteTable",
    "aws:ec2/securityGroup:SecurityGroup", "aws:ec2/subnet:Subnet", "aws:ec2/vpc:Vpc", "aws:ecs/cluster:Cluster", "aws:ecs/service:Service",
    "aws:ecs/taskDefinition:TaskDefinition", "aws:eks/addon:Addon", "aws:eks/cluster:Cluster", "aws:elasticache/parameterGroup:ParameterGroup",
    "aws:elasticache/replicationGroup:ReplicationGroup", "aws:elasticache/subnetGroup:SubnetGroup", "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    "aws:iam/role:Role", "aws:kms/key:Key", "aws:lb/listener:Listener", "aws:lb/listenerRule:ListenerRule", "aws:lb/loadBalancer:LoadBalancer",
    "aws:lb/targetGroup:TargetGroup", "aws:rds/instance:Instance", "aws:rds/parameterGroup:ParameterGroup", "aws:rds/subnetGroup:SubnetGroup",
    "aws:s3/bucket:Bucket", "aws:secretsmanager/secret:Secret", "aws:sns/topic:Topic", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:wafv2/webAcl:WebAcl",
];

/** The AWS rule catalogue (docs/cloud-mapping.md lists its families). */
export const awsRules: readonly Rule[] = [
    ...awsNameRules,
    { ...awsTagRule, types: TAGGED },
    ...awsDataRules,
    ...awsNetworkRules,
    ...awsComputeRules,
    ...awsSecurityRules,
];
