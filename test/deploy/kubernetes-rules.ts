import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { podContainers, type K8sObject } from './kustomize-render.js';

/** The kinds our manifests use, each with the model that validates it against the Kubernetes OpenAPI schema. */
const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
};

export interface KubernetesExpectations {
  knownVariables: readonly string[];
  /** Port variable and default port of each service. */
  services: Record<string, { variable: string; port: number }>;
  configMap: string;
  secret: string;
}

/** Every object validated by kubernetes-models, then the rules of docs/deploy.md. An empty list: all hold. */
export function kubernetesProblems(objects: K8sObject[], expected: KubernetesExpectations): string[] {
  const problems: string[] = [];
  const named = (kind: string, name?: string) => objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  for (const object of objects) {
    const Model = MODELS[`${object.apiVersion}/${object.kind}`];
    if (!Model)
      problems.push(`${object.kind} ${object.metadata.name}: ${object.apiVersion}/${object.kind} is not a kind these manifests use`);
    else {
      try {
        new Model(object).validate();
      } catch (error) {
        problems.push(`${object.kind} ${object.metadata.name}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  }
  for (const config of named('ConfigMap')) {
    for (const key of Object.keys(config.data ?? {})) {
      if (!expected.knownVariables.includes(key)) problems.push(`ConfigMap ${config.metadata.name}: ${key} is not a RAGline setting`);
    }
  }
  for (const workload of [...named('Deployment'), ...named('Job')]) {
    const where = `${workload.kind} ${workload.metadata.name}`;
    if (!workload.spec.template.spec.securityContext?.runAsNonRoot) problems.push(`${where}: pods may run as root`);
    for (const container of podContainers(workload)) {
      for (const kind of ['requests', 'limits']) {
        if (!container.resources?.[kind]?.cpu || !container.resources?.[kind]?.memory) problems.push(`${where}: no cpu and memory ${kind}`);
      }
      const sources = (container.envFrom ?? []).map((source: any) => source.configMapRef?.name ?? source.secretRef?.name);
      if (!sources.includes(expected.configMap) || !sources.includes(expected.secret)) {
        problems.push(`${where}: does not read ConfigMap ${expected.configMap} and Secret ${expected.secret}`);
      }
      if (sources.includes(expected.configMap) && named('ConfigMap', expected.configMap).length === 0)
        problems.push(`${where}: ConfigMap missing`);
    }
  }
  for (const deployment of named('Deployment')) {
    const where = `Deployment ${deployment.metadata.name}`;
    const container = podContainers(deployment)[0];
    const service = expected.services[container?.args?.[0]];
    if (!service) {
      problems.push(`${where}: runs ${container?.args?.[0]}, not a RAGline service`);
      continue;
    }
    const port = container.ports?.find((p: any) => p.name === 'http')?.containerPort;
    const portVariable = container.env?.find((e: any) => e.name === service.variable)?.value;
    if (port === undefined || Number(portVariable ?? service.port) !== port)
      problems.push(`${where}: listens on ${portVariable ?? service.port}, declares ${port}`);
    for (const [probe, path] of [
      ['livenessProbe', '/healthz'],
      ['readinessProbe', '/readyz'],
    ]) {
      const get = container[probe!]?.httpGet;
      if (get?.path !== path || get?.port !== 'http') problems.push(`${where}: ${probe} is not GET ${path} on the http port`);
    }
    const labels = deployment.spec.template.metadata.labels;
    const selects = (selector: Record<string, string> = {}) =>
      Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);
    const services = named('Service').filter((s) => selects(s.spec.selector));
    if (services.length !== 1 || services[0]!.spec.ports[0].targetPort !== 'http')
      problems.push(`${where}: not behind exactly one Service on http`);
    const hpa = named('HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === deployment.metadata.name);
    if (!hpa) problems.push(`${where}: no HorizontalPodAutoscaler`);
    const pdb = named('PodDisruptionBudget').find((p) => selects(p.spec.selector.matchLabels));
    if (!pdb) problems.push(`${where}: no PodDisruptionBudget`);
    if (pdb && hpa && pdb.spec.minAvailable !== undefined && pdb.spec.minAvailable >= hpa.spec.minReplicas) {
      problems.push(`${where}: its PodDisruptionBudget never lets a node drain`);
    }
  }
  return problems;
}
