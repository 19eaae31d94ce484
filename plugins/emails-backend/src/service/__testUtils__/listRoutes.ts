import { Server } from 'node:http';

interface Layer {
  regexp: RegExp;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/**
 * Every route (`METHOD /path`) the running backend serves under a plugin's
 * base path, read from Express's router stack; Backstage's own routes for
 * every plugin (`/.backstage/...`) are left out.
 */
export function listRoutes(server: Server, basePath: string): string[] {
  const app = server.listeners('request')[0] as {
    _router?: { stack: Layer[] };
  };
  const mount = find(app._router?.stack ?? [], basePath);
  if (!mount) throw new Error(`Nothing is mounted at ${basePath}`);
  const routes = new Set<string>();
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          routes.add(`${method.toUpperCase()} ${layer.route.path}`);
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk(mount);
  return [...routes].filter(r => !r.includes(' /.backstage/'));
}

/** The stack of the router mounted exactly at `path`. */
function find(stack: Layer[], path: string): Layer[] | undefined {
  for (const layer of stack) {
    if (!layer.handle?.stack) continue;
    if (layer.regexp.test(path) && !layer.regexp.test('/')) {
      return layer.handle.stack;
    }
    const inner = find(layer.handle.stack, path);
    if (inner) return inner;
  }
  return undefined;
}
