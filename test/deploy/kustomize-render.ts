import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: any;
}

/**
 * Renders a kustomization the way `kustomize build` would for the features our manifests use, since kustomize
 * cannot be installed here: `resources` (files and other kustomization folders), `labels` (metadata labels only),
 * `namespace`, `images` (name -> newName:newTag) and `patches` given as files of strategic-merge patches.
 *
 * The strategic merge is the subset our patches need: maps merge key by key; lists of maps whose items all carry a
 * `name` (containers, env, ports, volumes: Kubernetes' patchMergeKey for each of them) merge item by item on that
 * name; any other list or value replaces. A patch must name an object of the render, as kustomize requires.
 */
export function renderKustomization(folder: string): K8sObject[] {
  const kustomization = readYaml(join(folder, 'kustomization.yaml'))[0] as any;
  let objects: K8sObject[] = (kustomization.resources ?? []).flatMap((resource: string) =>
    resource.endsWith('.yaml') ? (readYaml(join(folder, resource)) as K8sObject[]) : renderKustomization(join(folder, resource)),
  );
  for (const { path } of kustomization.patches ?? []) {
    for (const patch of readYaml(join(folder, path)) as K8sObject[]) {
      const index = objects.findIndex((o) => o.kind === patch.kind && o.metadata.name === patch.metadata.name);
      if (index < 0) throw new Error(`${join(folder, path)}: no ${patch.kind} ${patch.metadata.name} to patch`);
      objects[index] = strategicMerge(objects[index], patch);
    }
  }
  for (const { pairs } of kustomization.labels ?? []) {
    objects = objects.map((o) => ({ ...o, metadata: { ...o.metadata, labels: { ...o.metadata.labels, ...pairs } } }));
  }
  if (kustomization.namespace) objects = objects.map((o) => ({ ...o, metadata: { ...o.metadata, namespace: kustomization.namespace } }));
  for (const image of kustomization.images ?? []) {
    for (const container of objects.flatMap(podContainers)) {
      if (container.image === image.name) container.image = `${image.newName ?? image.name}:${image.newTag}`;
    }
  }
  return objects;
}

/** The containers of a Deployment's or a Job's pod template. */
export function podContainers(object: K8sObject): any[] {
  return object.spec?.template?.spec?.containers ?? [];
}

export function strategicMerge(base: any, patch: any): any {
  if (Array.isArray(base) && Array.isArray(patch) && [...base, ...patch].every((item) => typeof item?.name === 'string')) {
    const merged = base.map((item) => {
      const update = patch.find((p) => p.name === item.name);
      return update ? strategicMerge(item, update) : item;
    });
    return [...merged, ...patch.filter((p) => !base.some((item) => item.name === p.name))];
  }
  if (isMap(base) && isMap(patch)) {
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(patch)) merged[key] = key in base ? strategicMerge(base[key], value) : value;
    return merged;
  }
  return structuredClone(patch);
}

const isMap = (value: unknown): value is Record<string, any> => typeof value === 'object' && value !== null && !Array.isArray(value);

function readYaml(path: string): unknown[] {
  return parseAllDocuments(readFileSync(path, 'utf8')).map((document) => {
    if (document.errors.length > 0) throw new Error(`${path}: ${document.errors[0]!.message}`);
    return document.toJS();
  });
}
