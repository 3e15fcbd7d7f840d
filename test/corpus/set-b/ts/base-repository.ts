import type { Knex } from 'knex';

export interface Page<T> {
  items: T[];
  total: number;
}

export abstract class BaseRepository<T extends { id: number }> {
  protected constructor(protected readonly knex: Knex, protected readonly table: string) {}

  async findById(id: number): Promise<T | undefined> {
    // ok: CWE-89 -- builder, table name is quoted by knex
    return this.knex<T>(this.table).where({ id } as Partial<T>).first();
  }

  async page(page: number, perPage = 20): Promise<Page<T>> {
    // ok: CWE-89 -- ?? binding for the table, values bound
    const totalRes = await this.knex.raw<{ rows: { n: number }[] }>('SELECT count(*)::int AS n FROM ??', [this.table]);
    const items = await this.knex<T>(this.table)
      .select('*')
      .orderBy('id')
      .limit(perPage)
      .offset(Math.max(0, page - 1) * perPage);
    return { items, total: totalRes.rows[0].n };
  }

  async touch(id: number): Promise<void> {
    // ok: CWE-89
    await this.knex(this.table).where('id', id).update({ updated_at: this.knex.fn.now() });
  }
}

interface Customer {
  id: number;
  name: string;
  country: string;
  tier: 'free' | 'pro' | 'enterprise';
}

const TIER_ORDER = ['free', 'pro', 'enterprise'] as const;

export class CustomerRepository extends BaseRepository<Customer> {
  constructor(knex: Knex) {
    super(knex, 'customers');
  }

  async byCountry(country: string) {
    // expect: CWE-89
    return this.knex.raw(`SELECT * FROM customers WHERE country = '${country}'`);
  }

  async byCountrySafe(country: string) {
    // ok: CWE-89
    return this.knex.raw('SELECT * FROM customers WHERE country = :country', { country });
  }

  async search(filters: { name?: string; tiers?: string[]; createdAfter?: string }) {
    const q = this.knex<Customer>('customers');
    if (filters.name) {
      // expect: CWE-89 -- filter value in whereRaw text
      q.whereRaw("name ILIKE '" + filters.name + "%'");
    }
    if (filters.tiers?.length) {
      const tiers = filters.tiers.filter((t): t is (typeof TIER_ORDER)[number] => (TIER_ORDER as readonly string[]).includes(t));
      // ok: CWE-89 -- whereIn binds each value
      q.whereIn('tier', tiers);
    }
    if (filters.createdAfter) {
      // ok: CWE-89
      q.whereRaw('created_at > ?::date', [filters.createdAfter]);
    }
    return q.select('id', 'name', 'tier');
  }

  async tierRank(tierExpr: string) {
    // expect: CWE-89 -- caller-supplied expression in a raw select
    return this.knex('customers').select('id', this.knex.raw(`CASE WHEN ${tierExpr} THEN 1 ELSE 0 END AS ranked`));
  }

  async countryTotals(minCustomers: string) {
    return this.knex('customers')
      .select('country')
      .count('* as n')
      .groupBy('country')
      // expect: CWE-89 -- unconverted string in havingRaw
      .havingRaw(`count(*) >= ${minCustomers}`);
  }

  async exportCsv(columns: string[]) {
    // expect: CWE-89 -- requested columns joined into the COPY query
    return this.knex.raw(`COPY (SELECT ${columns.join(', ')} FROM customers) TO STDOUT WITH CSV HEADER`);
  }

  async renameCountry(from: string, to: string) {
    return this.knex.transaction(async (trx) => {
      // ok: CWE-89
      await trx.raw('UPDATE customers SET country = ? WHERE country = ?', [to, from]);
      // expect: CWE-89 -- both values concatenated into the audit statement
      await trx.raw("INSERT INTO country_renames (old_name, new_name) VALUES ('" + from + "', '" + to + "')");
    });
  }
}
