import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

/**
 * The bench backends as compiled JavaScript, as a built backend runs them:
 * without Backstage's TypeScript transform for node, which compiles every
 * module at load and costs a forked backend about 270 MiB and its start-up
 * CPU (docs/performance.md). Compiled once per bench run with the swc that
 * @backstage/cli brings, into a temporary directory outside the repository.
 */

const REPO = join(__dirname, '../../../..');
/** Sources compiled, by the path their imports use. */
const SOURCES: [string, string][] = [
  ['plugins/emails-backend/src', 'plugins/emails-backend/src'],
  [
    'plugins/emails-backend/bench/support',
    'plugins/emails-backend/bench/support',
  ],
  [
    'plugins/emails-common/src',
    'node_modules/@internal/plugin-emails-common/src',
  ],
  ['plugins/emails-node/src', 'node_modules/@internal/plugin-emails-node/src'],
  ['packages/test-bed/src', 'node_modules/@internal/emails-test-bed/src'],
];
const PACKAGES = [
  'plugin-emails-common',
  'plugin-emails-node',
  'emails-test-bed',
];

let compiled: string | undefined;

function swc(): {
  transformFileSync(file: string, options: object): { code: string };
} {
  const cli = dirname(require.resolve('@backstage/cli/package.json'));
  return require(require.resolve('@swc/core', { paths: [cli] }));
}

function typescriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typescriptFiles(path);
    const source =
      /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name);
    return source && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Compiles the backend once; answers the compiled backendChild.js. */
export function compiledBackendChild(): string {
  if (!compiled) compiled = compile();
  return join(compiled, 'plugins/emails-backend/bench/support/backendChild.js');
}

/** Where compiled modules find their libraries: the repository's node_modules. */
export function compiledNodePath(): string {
  return [
    join(REPO, 'plugins/emails-backend/node_modules'),
    join(REPO, 'node_modules'),
  ].join(':');
}

function compile(): string {
  // Beside the figures file when the bench's global setup made one: removed with it.
  const parent = process.env.BENCH_FIGURES
    ? dirname(process.env.BENCH_FIGURES)
    : tmpdir();
  const out = mkdtempSync(join(parent, 'emails-bench-js-'));
  const { transformFileSync } = swc();
  for (const [from, to] of SOURCES) {
    const root = join(REPO, from);
    for (const file of typescriptFiles(root)) {
      const target = join(out, to, relative(root, file)).replace(
        /\.tsx?$/,
        '.js',
      );
      mkdirSync(dirname(target), { recursive: true });
      const { code } = transformFileSync(file, {
        jsc: {
          parser: { syntax: 'typescript', tsx: file.endsWith('.tsx') },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
        swcrc: false,
        configFile: false,
      });
      writeFileSync(target, code);
    }
  }
  for (const name of PACKAGES) {
    const dir = join(out, 'node_modules/@internal', name);
    if (!existsSync(dir)) continue;
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: `@internal/${name}`, main: 'src/index.js' }),
    );
  }
  return out;
}
