import { createPool, sql, type DatabasePool } from 'slonik';
import { z } from 'zod';
import pg from 'pg';
import { format } from 'node:util';

const Invoice = z.object({
  id: z.number(),
  customerId: z.number(),
  amountCents: z.number(),
  status: z.enum(['draft', 'sent', 'paid', 'void']),
});

type InvoiceFilter = { status?: string; customerId?: number; minAmount?: number; sortBy?: string };

const SORT_COLUMNS = new Set(['id', 'amount_cents', 'issued_at']);

export class InvoiceRepository {
  private legacy = new pg.Pool({ connectionString: process.env.LEGACY_DB_URL });

  constructor(private readonly pool: DatabasePool) {}

  static async create(url: string) {
    return new InvoiceRepository(await createPool(url));
  }

  async byId(id: number) {
    // ok: CWE-89 -- slonik tagged template
    return this.pool.maybeOne(sql.type(Invoice)`SELECT id, customer_id AS "customerId", amount_cents AS "amountCents", status FROM invoices WHERE id = ${id}`);
  }

  async filter(f: InvoiceFilter) {
    const conditions = [sql.fragment`TRUE`];
    if (f.status) conditions.push(sql.fragment`status = ${f.status}`);
    if (f.customerId) conditions.push(sql.fragment`customer_id = ${f.customerId}`);
    if (f.minAmount) conditions.push(sql.fragment`amount_cents >= ${f.minAmount}`);
    const sortCol = f.sortBy && SORT_COLUMNS.has(f.sortBy) ? f.sortBy : 'id';
    // ok: CWE-89 -- fragments joined by slonik, identifier quoted by sql.identifier
    return this.pool.any(sql.unsafe`SELECT * FROM invoices WHERE ${sql.join(conditions, sql.fragment` AND `)} ORDER BY ${sql.identifier([sortCol])}`);
  }

  async markPaid(ids: readonly number[]) {
    // ok: CWE-89 -- sql.array binds the whole list
    return this.pool.query(sql.unsafe`UPDATE invoices SET status = 'paid', paid_at = now() WHERE id = ANY(${sql.array(ids, 'int4')})`);
  }

  async totalsFor(table: string) {
    // ok: CWE-89 -- identifier helper quotes whatever it is given
    return this.pool.oneFirst(sql.unsafe`SELECT sum(amount_cents) FROM ${sql.identifier(['billing', table])}`);
  }

  async insertMany(rows: { customerId: number; amountCents: number }[]) {
    // ok: CWE-89 -- unnest with bound arrays
    await this.pool.query(sql.unsafe`
      INSERT INTO invoices (customer_id, amount_cents)
      SELECT * FROM ${sql.unnest(rows.map((r) => [r.customerId, r.amountCents]), ['int4', 'int4'])}`);
  }

  // ---- legacy endpoints still served from the old database -----------------

  async legacySearch(customerName: string) {
    // expect: CWE-89
    const res = await this.legacy.query(`SELECT * FROM legacy_invoices WHERE customer_name = '${customerName}'`);
    return res.rows;
  }

  async legacyByStatus(status: string, order: string) {
    const text = ['SELECT * FROM legacy_invoices WHERE status = $1 ORDER BY', order, 'LIMIT 100'].join(' ');
    // expect: CWE-89 -- order clause from the caller
    const res = await this.legacy.query(text, [status]);
    return res.rows;
  }

  async legacyTotals(year: string) {
    // expect: CWE-89 -- util.format with %s
    const res = await this.legacy.query(format("SELECT customer_name, sum(amount) FROM legacy_invoices WHERE to_char(issued_at, 'YYYY') = '%s' GROUP BY 1", year));
    return res.rows;
  }

  async legacyFilter(filters: Record<string, string>) {
    let text = 'SELECT * FROM legacy_invoices WHERE 1=1';
    for (const [k, v] of Object.entries(filters)) {
      text += ` AND ${k} = '${v}'`;
    }
    // expect: CWE-89 -- keys and values of a caller-supplied object
    const res = await this.legacy.query(text);
    return res.rows;
  }

  async legacyVoid(id: number, reason: string) {
    // ok: CWE-89
    await this.legacy.query('UPDATE legacy_invoices SET status = $1, note = $2 WHERE id = $3', ['void', reason, id]);
  }
}

export async function handleSearch(repo: InvoiceRepository, query: Record<string, string | undefined>) {
  if (query.legacy) return repo.legacySearch(query.name ?? '');
  return repo.filter({ status: query.status, sortBy: query.sort, customerId: query.customer ? Number(query.customer) : undefined });
}
