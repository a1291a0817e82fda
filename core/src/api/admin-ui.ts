import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const ADMIN_UI_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../admin-ui/dist');

/**
 * Serves the built admin UI at `/` when it has been built; client-side routes fall back to
 * index.html. Returns false when there is no build (API-only mode).
 */
export async function serveAdminUi(app: FastifyInstance, root = ADMIN_UI_DIST): Promise<boolean> {
  if (!existsSync(path.join(root, 'index.html'))) return false;
  await app.register(fastifyStatic, { root, wildcard: false, index: ['index.html'] });
  return true;
}

/** A GET for a page (not an API call, not a file) that the SPA router should answer. */
export function isSpaRoute(method: string, url: string): boolean {
  return method === 'GET' && !url.startsWith('/api') && !path.extname(url.split('?')[0] ?? '');
}
