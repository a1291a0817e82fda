import Fastify from 'fastify';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';

/**
 * The baseline: bare Fastify + node-postgres with hand-written SQL against the product's own tables
 * (no validation, no permissions, no hooks, no audit). It is the floor of what this machine and
 * database can do for each scenario. Expressions are written exactly like the product's
 * (record-table.ts, field-sql.ts) so that PostgreSQL uses the same indexes and plans.
 */
const COLUMNS = 'id, version, def_version, data, owner_id, department_id, created_by, updated_by, created_at, updated_at, deleted_at';
const TABLE = 'crm_records.customer';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const { rows: definition } = await pool.query<{ version: number }>("select current_version as version from crm_entity_definition where name = 'customer'");
const defVersion = definition[0]?.version ?? 1;

const app = Fastify({ logger: false });

app.get('/health', async () => ({ status: 'ok' }));

/** Indexed custom-field filter + sort by an indexed custom field + page of 50. */
app.get<{ Querystring: { segment: string } }>('/customers', async (request) => {
  const { rows } = await pool.query(
    `select ${COLUMNS} from ${TABLE}
     where deleted_at is null and (data ->> 'segment') = $1::text
     order by (data ->> 'account_no') asc, id asc limit 50`,
    [request.query.segment],
  );
  return { data: rows };
});

/** Non-indexed custom-field filter, default order (newest first) + page of 50. */
app.get<{ Querystring: { min_employees: string } }>('/customers/by-employees', async (request) => {
  const { rows } = await pool.query(
    `select ${COLUMNS} from ${TABLE}
     where deleted_at is null and ((data ->> 'employee_count')::numeric) >= $1::numeric
     order by created_at desc, id desc limit 50`,
    [request.query.min_employees],
  );
  return { data: rows };
});

/** Exact count of the rows an indexed filter matches. */
app.get<{ Querystring: { segment: string } }>('/customers/count', async (request) => {
  const { rows } = await pool.query<{ total: string }>(
    `select count(*) as total from ${TABLE} where deleted_at is null and (data ->> 'segment') = $1::text`,
    [request.query.segment],
  );
  return { total: Number(rows[0]!.total) };
});

app.get<{ Params: { id: string } }>('/customers/:id', async (request, reply) => {
  const { rows } = await pool.query(`select ${COLUMNS} from ${TABLE} where id = $1::uuid and deleted_at is null`, [request.params.id]);
  if (!rows[0]) return reply.status(404).send({ error: 'not found' });
  return rows[0];
});

app.post<{ Body: Record<string, unknown> }>('/customers', async (request, reply) => {
  const { rows } = await pool.query(
    `insert into ${TABLE} (id, def_version, data) values ($1, $2, $3::jsonb) returning ${COLUMNS}`,
    [uuidv7(), defVersion, JSON.stringify(request.body)],
  );
  return reply.status(201).send(rows[0]);
});

/** Merge patch guarded by the version the client saw (If-Match), like the product's. */
app.patch<{ Params: { id: string }; Body: Record<string, unknown> }>('/customers/:id', async (request, reply) => {
  const version = Number(String(request.headers['if-match'] ?? '').replace(/"/g, ''));
  const { rows } = await pool.query(
    `update ${TABLE} set data = data || $3::jsonb, version = version + 1, updated_at = now()
     where id = $1::uuid and version = $2 and deleted_at is null returning ${COLUMNS}`,
    [request.params.id, version, JSON.stringify(request.body)],
  );
  if (!rows[0]) return reply.status(409).send({ error: 'version conflict or not found' });
  return reply.header('etag', `"${rows[0].version}"`).send(rows[0]);
});

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 3902) });

const shutdown = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
