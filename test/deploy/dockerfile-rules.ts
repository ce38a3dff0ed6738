import { Copy, DockerfileParser, type Instruction } from 'dockerfile-ast';

export interface DockerfileExpectations {
  /** The exact Node version the base images must pin (package.json's `node` devDependency). */
  nodeVersion: string;
  /** Paths the runtime stage may copy from the build context (anything else is a leak or a bloat). */
  runtimeCopySources: string[];
  /** Paths the runtime stage may copy from the build stage. */
  runtimeCopiesFromBuild: string[];
}

const SECRET_NAME = /SECRET|PASSWORD|TOKEN|API_KEY|PRIVATE_KEY|CREDENTIAL/i;

/**
 * The rules our Dockerfile keeps, checked on its syntax tree (dockerfile-ast, the parser of the Docker language
 * server): an empty list means every rule holds. No image is built on the development machines (docs/deploy.md).
 */
export function dockerfileProblems(text: string, expected: DockerfileExpectations): string[] {
  const problems: string[] = [];
  const stages = splitStages(DockerfileParser.parse(text).getInstructions());
  if (stages.length < 2) problems.push('not multi-stage: expected a build stage and a runtime stage');
  for (const stage of stages) {
    const image = stage[0]!.getArguments()[0]?.getValue() ?? '';
    if (stages.some((other) => other[0]!.getArguments()[2]?.getValue() === image)) continue; // FROM an earlier stage
    const pinned = /^node:(\d+\.\d+\.\d+)-[a-z0-9-]+$/.exec(image);
    if (!pinned) problems.push(`base image ${image} is not node:<major.minor.patch>-<variant>`);
    else if (pinned[1] !== expected.nodeVersion) problems.push(`base image ${image} is not Node ${expected.nodeVersion}`);
  }
  for (const instruction of stages.flat()) {
    const keyword = instruction.getKeyword();
    if ((keyword === 'ENV' || keyword === 'ARG') && SECRET_NAME.test(instruction.getArgumentsContent() ?? '')) {
      problems.push(`${keyword} ${instruction.getArgumentsContent()}: secrets never go into an image`);
    }
    if (keyword === 'RUN' && /\bnpm (i|install)\b/.test(instruction.getArgumentsContent() ?? '')) {
      problems.push('RUN npm install: use npm ci (the lockfile decides)');
    }
  }
  const runtime = stages.at(-1) ?? [];
  const content = (keyword: string) => runtime.filter((i) => i.getKeyword() === keyword).map((i) => i.getArgumentsContent() ?? '');
  if (!content('RUN').some((run) => /\bnpm ci\b.*--omit=dev/.test(run))) problems.push('runtime stage does not run npm ci --omit=dev');
  const users = content('USER');
  if (users.length === 0 || /^(root|0)(:|$)/.test(users.at(-1)!)) problems.push('runtime stage runs as root: add USER <non-root>');
  if (content('HEALTHCHECK').length === 0) problems.push('runtime stage has no HEALTHCHECK');
  for (const keyword of ['ENTRYPOINT', 'CMD']) {
    if (content(keyword).some((args) => !args.trim().startsWith('['))) problems.push(`${keyword} is not in exec (JSON) form`);
  }
  for (const copy of runtime.filter((i) => i.getKeyword() === 'COPY' || i.getKeyword() === 'ADD')) {
    const args = copy.getArguments().map((a) => a.getValue());
    const fromBuild = copy instanceof Copy && copy.getFromFlag() !== null;
    const sources = args.filter((a) => !a.startsWith('--')).slice(0, -1);
    const allowed = fromBuild ? expected.runtimeCopiesFromBuild : expected.runtimeCopySources;
    for (const source of sources) {
      if (!allowed.includes(source))
        problems.push(`runtime stage copies ${source}${fromBuild ? ' from the build stage' : ''}: not allowed`);
    }
  }
  return problems;
}

/** What the .dockerignore must keep out of the build context. */
export function dockerignoreProblems(text: string): string[] {
  const entries = new Set(text.split('\n').map((line) => line.trim().replace(/\/$/, '')));
  return ['node_modules', '.git', '.env', 'dist', '.data']
    .filter((entry) => !entries.has(entry))
    .map((entry) => `.dockerignore misses ${entry}`);
}

function splitStages(instructions: Instruction[]): Instruction[][] {
  const stages: Instruction[][] = [];
  for (const instruction of instructions) {
    if (instruction.getKeyword() === 'FROM') stages.push([instruction]);
    else stages.at(-1)?.push(instruction);
  }
  return stages;
}
