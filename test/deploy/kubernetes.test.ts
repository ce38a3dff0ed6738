import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig, SUBGRAPH_NAMES } from '../../platform/config.js';
import { kubernetesProblems, type KubernetesExpectations } from './kubernetes-rules.js';
import { podContainers, renderKustomization, strategicMerge, type K8sObject } from './kustomize-render.js';

const defaults = loadConfig({});
const expected: KubernetesExpectations = {
  knownVariables: [...CONFIG_VARIABLES, 'OTEL_EXPORTER_OTLP_ENDPOINT'],
  services: {
    gateway: { variable: 'PORT', port: defaults.PORT },
    ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, { variable: `${name.toUpperCase()}_PORT`, port: defaults.portFor(name) }])),
  },
  configMap: 'ragline-config',
  secret: 'ragline-secrets',
};
const find = (objects: K8sObject[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name)!;

describe('Kubernetes manifests (rendered here, validated against the Kubernetes schemas; never applied here)', () => {
  const base = renderKustomization('deploy/k8s/base');
  const production = renderKustomization('deploy/k8s/overlays/production');

  it('renders valid objects that keep every rule, in the base and in production', () => {
    expect(kubernetesProblems(base, expected)).toEqual([]);
    expect(kubernetesProblems(production, expected)).toEqual([]);
    const deployments = production.filter((o) => o.kind === 'Deployment').map((o) => podContainers(o)[0].args[0]);
    expect(deployments.sort()).toEqual(['gateway', ...SUBGRAPH_NAMES].sort());
  });

  it('wires the gateway and the assistant to the Services, and runs the migrations as a Job', () => {
    const config = find(base, 'ConfigMap', 'ragline-config').data;
    for (const name of SUBGRAPH_NAMES) {
      const service = find(base, 'Service', name);
      expect(config[`${name.toUpperCase()}_URL`]).toBe(`http://${name}:${service.spec.ports[0].port}/graphql`);
    }
    expect(config.GATEWAY_URL).toBe(`http://gateway:${find(base, 'Service', 'gateway').spec.ports[0].port}/graphql`);
    expect(podContainers(find(base, 'Job', 'ragline-migrate'))[0].args).toEqual(['migrate']);
  });

  it('runs production in its namespace, on a pinned image, with RS256 tokens and two replicas of everything at least', () => {
    for (const object of production) expect(object.metadata.namespace).toBe('ragline');
    for (const container of production.flatMap(podContainers)) expect(container.image).toMatch(/^[\w.-]+\/ragline:\d+\.\d+\.\d+$/);
    const config = loadConfig({ ...find(production, 'ConfigMap', 'ragline-config').data });
    expect(config.JWT_ALGORITHM).toBe('RS256');
    expect(config.JWT_JWKS_URL).toMatch(/^https:/);
    for (const hpa of production.filter((o) => o.kind === 'HorizontalPodAutoscaler'))
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    const knowledge = podContainers(find(production, 'Deployment', 'ragline-knowledge'))[0];
    expect(knowledge.resources.limits.memory).toBe('3Gi');
    expect(knowledge.readinessProbe.httpGet.path).toBe('/readyz'); // the patch merged into the container, not replaced it
  });

  it('merges patches as kustomize does for our fields: containers by name, maps key by key, other values replaced', () => {
    const merged = strategicMerge(
      { spec: { replicas: 1, containers: [{ name: 'a', image: 'x', args: ['1'] }, { name: 'b' }] } },
      { spec: { containers: [{ name: 'a', args: ['2'] }, { name: 'c' }] } },
    );
    expect(merged).toEqual({ spec: { replicas: 1, containers: [{ name: 'a', image: 'x', args: ['2'] }, { name: 'b' }, { name: 'c' }] } });
  });

  it('catches manifests that break the rules', () => {
    const deployment = structuredClone(find(base, 'Deployment', 'ragline-orders'));
    const container = podContainers(deployment)[0];
    delete container.livenessProbe;
    container.readinessProbe.httpGet.path = '/healthz';
    delete container.resources.limits;
    container.ports[0].containerPort = 'http';
    container.envFrom = [{ configMapRef: { name: 'ragline-config' } }];
    deployment.spec.template.spec.securityContext = {};
    const config = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ragline-config' }, data: { ORDER_URL: 'x' } };
    expect(kubernetesProblems([deployment, config], expected)).toEqual([
      expect.stringMatching(/^Deployment ragline-orders: .*containerPort/),
      'ConfigMap ragline-config: ORDER_URL is not a RAGline setting',
      'Deployment ragline-orders: pods may run as root',
      'Deployment ragline-orders: no cpu and memory limits',
      'Deployment ragline-orders: does not read ConfigMap ragline-config and Secret ragline-secrets',
      'Deployment ragline-orders: listens on 4001, declares http',
      'Deployment ragline-orders: livenessProbe is not GET /healthz on the http port',
      'Deployment ragline-orders: readinessProbe is not GET /readyz on the http port',
      'Deployment ragline-orders: not behind exactly one Service on http',
      'Deployment ragline-orders: no HorizontalPodAutoscaler',
      'Deployment ragline-orders: no PodDisruptionBudget',
    ]);
    expect(() => renderKustomization('test/fixtures/kustomize-bad-patch')).toThrow(/no Deployment ragline-ordrs to patch/);
  });
});
