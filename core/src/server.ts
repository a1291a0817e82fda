import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { readConfig } from './config.js';
import { createCore } from './core.js';
import { describeDatabase } from './db/create-orm.js';
import { seedDemoData } from './modules/seed/seed-demo-data.js';
import { ensureAdministrator } from './modules/auth/bootstrap-admin.js';
import { DEMO_PASSWORD, DEMO_USERS } from './modules/seed/demo-organisation.js';
import { createLogger } from './shared/logger.js';

const config = readConfig();
const database = { databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.poolSize };
console.log(`Opening ${describeDatabase(database)} …`);
const logger = createLogger(config.logLevel);
const core = await createCore(database, { logger, jobs: { pollIntervalMs: config.jobPollIntervalMs }, exactCountLimit: config.exactCountLimit });
const seeded = config.seedDemo ? await seedDemoData(core) : undefined;
if (seeded) console.log(`Seeded demo data: ${seeded.records} records, ${seeded.users.length} users.`);
const administrator = await ensureAdministrator(core.orm, core.organisation, process.env.CRM_ADMIN_PASSWORD);
const app = await buildApp(core, { logger: { level: config.logLevel }, serveUi: true });
await app.listen({ host: config.host, port: config.port });
const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
console.log(`\nCRM platform is running at ${url}`);
console.log(`  API:     ${url}/api`);
console.log(`  OpenAPI: ${url}/api/openapi.json`);
console.log(uiServed(app) ? `  Admin UI: ${url}/` : '  Admin UI: not built (pnpm --filter @crm/admin-ui build)');
if (administrator) console.log(`\nAdministrator: ${administrator.username} / ${administrator.password}  (shown once; change it after signing in)`);
if (config.seedDemo) {
  console.log(`\nDemo logins (password ${DEMO_PASSWORD}):`);
  for (const user of DEMO_USERS) console.log(`  ${user.username.padEnd(14)} ${user.role}`);
}

const shutdown = async () => {
  await app.close();
  await core.close();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);

function uiServed(instance: FastifyInstance): boolean {
  return instance.hasRoute({ method: 'GET', url: '/*' }) || instance.hasRoute({ method: 'GET', url: '/' });
}
