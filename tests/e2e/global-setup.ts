import { request, type FullConfig } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { ADMIN_PASSWORD, authStatePath } from './e2e-env.js';

/**
 * Signs in as the bootstrap administrator when the server asks for a session, and keeps the
 * session cookie for every test. A server without sign-in gets an empty state.
 */
export default async function globalSetup(config: FullConfig): Promise<void> {
  const state = authStatePath(process.env.E2E_DATA_DIR!);
  const baseURL = config.projects[0]!.use.baseURL!;
  const api = await request.newContext({ baseURL });
  const me = await api.get('/api/auth/me');
  if (me.status() === 401) {
    const signIn = await api.post('/api/auth/sign-in', { data: { username: 'admin', password: ADMIN_PASSWORD } });
    if (!signIn.ok()) throw new Error(`Could not sign in as admin: ${signIn.status()} ${await signIn.text()}`);
    // Tests expect the administrator's UI in English, whatever an earlier run chose.
    await api.patch('/api/auth/me', { data: { locale: null } });
    await api.storageState({ path: state });
  } else {
    writeFileSync(state, JSON.stringify({ cookies: [], origins: [] }));
  }
  await api.dispose();
}
