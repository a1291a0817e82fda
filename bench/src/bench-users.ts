import { createCore } from '@crm/core';

/** Local bench database only: these users exist nowhere else. */
const PASSWORD = 'bench-only-password';
const AUDIT = { actorId: null, requestId: 'bench' };
const label = (en: string) => ({ 'zh-CN': en, en, es: en });

/**
 * The users the load runs as: `bench_sales` works on records through an ordinary role (so the
 * permission checks run, with scope "all" so the SQL stays comparable with the baseline's);
 * `bench_admin` changes definitions (adding fields is an administrator's job).
 */
export const BENCH_USERS = {
  sales: { username: 'bench_sales', role: 'bench_sales' },
  admin: { username: 'bench_admin', role: 'bench_admin' },
} as const;

export async function ensureBenchUsers(databaseUrl: string): Promise<void> {
  const core = await createCore({ databaseUrl });
  try {
    await core.organisation.saveRole({ name: BENCH_USERS.admin.role, label: label('Bench administrator'), permissions: { admin: true } }, AUDIT);
    await core.organisation.saveRole(
      {
        name: BENCH_USERS.sales.role,
        label: label('Bench sales'),
        permissions: {
          entities: {
            customer: { actions: ['create', 'read', 'update'], scope: 'all', limits: { credit_limit: { max: 1_000_000 } } },
            order: { actions: ['create', 'read', 'update'], scope: 'all' },
          },
        },
      },
      AUDIT,
    );
    const existing = new Set(((await core.organisation.listUsers()) as { username: string }[]).map((user) => user.username));
    for (const user of Object.values(BENCH_USERS)) {
      if (existing.has(user.username)) continue;
      await core.organisation.createUser({ username: user.username, displayName: user.username, password: PASSWORD, roles: [user.role] }, AUDIT);
    }
  } finally {
    await core.close();
  }
}

/** Signs in through the API and returns the bearer token. */
export async function signIn(apiUrl: string, username: string): Promise<string> {
  const response = await fetch(`${apiUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in as ${username} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
