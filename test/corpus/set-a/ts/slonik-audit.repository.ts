import { createPool, sql, type DatabasePool } from 'slonik';
import { z } from 'zod';

const AuditRow = z.object({
  id: z.number(),
  actor: z.string(),
  action: z.string(),
  created_at: z.string(),
});

export type AuditFilters = { actor?: string; action?: string; since?: string };

export class AuditRepository {
  private constructor(private readonly pool: DatabasePool) {}

  static async connect(url: string = process.env.DATABASE_URL ?? ''): Promise<AuditRepository> {
    return new AuditRepository(await createPool(url));
  }

  byActor(actor: string) {
    // ok: CWE-89 -- slonik sql.type tagged template binds ${actor}
    return this.pool.any(sql.type(AuditRow)`SELECT id, actor, action, created_at FROM audit_log WHERE actor = ${actor}`);
  }

  async record(actor: string, action: string): Promise<void> {
    // ok: CWE-89 -- slonik's sql.unsafe is still a parameterising tagged template
    await this.pool.query(sql.unsafe`INSERT INTO audit_log (actor, action) VALUES (${actor}, ${action})`);
  }

  byColumn(column: 'actor' | 'action', value: string) {
    // ok: CWE-89 -- sql.identifier escapes the column, value bound
    return this.pool.any(sql.unsafe`SELECT * FROM audit_log WHERE ${sql.identifier([column])} = ${value}`);
  }

  byIds(ids: readonly number[]) {
    // ok: CWE-89 -- sql.array binds the list
    return this.pool.any(sql.unsafe`SELECT * FROM audit_log WHERE id = ANY(${sql.array(ids, 'int4')})`);
  }

  search(filters: AuditFilters) {
    const conditions = [];
    if (filters.actor) {
      // ok: CWE-89 -- parameterised fragment
      conditions.push(sql.fragment`actor = ${filters.actor}`);
    }
    if (filters.action) {
      // ok: CWE-89 -- parameterised fragment
      conditions.push(sql.fragment`action = ${filters.action}`);
    }
    if (filters.since) {
      // ok: CWE-89 -- parameterised fragment
      conditions.push(sql.fragment`created_at >= ${filters.since}`);
    }
    if (conditions.length === 0) {
      // ok: CWE-89 -- constant fragment
      conditions.push(sql.fragment`TRUE`);
    }
    // ok: CWE-89 -- fragments joined with sql.join
    return this.pool.any(sql.unsafe`SELECT * FROM audit_log WHERE ${sql.join(conditions, sql.fragment` AND `)} ORDER BY created_at DESC LIMIT 200`);
  }

  async countSince(days: number): Promise<number> {
    // ok: CWE-89 -- interval built from a bound number
    return this.pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM audit_log WHERE created_at > now() - make_interval(days => ${days})`);
  }
}
