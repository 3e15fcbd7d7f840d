import type { Knex } from 'knex';

export interface Tenant {
  id: number;
  slug: string;
  plan: string;
  created_at: string;
}

const TENANT_COLUMNS = ['id', 'slug', 'plan', 'created_at'];
const PLAN_ORDER = "CASE plan WHEN 'enterprise' THEN 0 WHEN 'team' THEN 1 ELSE 2 END";

export class TenantRepository {
  constructor(private readonly knex: Knex) {}

  findBySlug(slug: string) {
    // ok: CWE-89 -- builder where with a value binding
    return this.knex<Tenant>('tenants').select(TENANT_COLUMNS).where({ slug }).first();
  }

  listOrderedByPlan() {
    // ok: CWE-89 -- constant raw fragment
    return this.knex<Tenant>('tenants').select(TENANT_COLUMNS).orderByRaw(PLAN_ORDER);
  }

  findByPlan(plan: string) {
    // expect: CWE-89 -- parameter concatenated in whereRaw
    return this.knex<Tenant>('tenants').whereRaw("plan = '" + plan + "'");
  }

  findByPlanBound(plan: string) {
    // ok: CWE-89 -- named binding
    return this.knex<Tenant>('tenants').whereRaw('plan = :plan', { plan });
  }

  usageSince(tenantId: number, since: string) {
    // expect: CWE-89 -- since (a string) interpolated into knex.raw
    return this.knex.raw(`SELECT SUM(units) AS units FROM usage WHERE tenant_id = ${tenantId} AND day >= '${since}'`);
  }

  usageSinceBound(tenantId: number, since: string) {
    // ok: CWE-89 -- positional bindings
    return this.knex.raw('SELECT SUM(units) AS units FROM usage WHERE tenant_id = ? AND day >= ?', [tenantId, since]);
  }

  useSchemaOf(tenant: Tenant) {
    // expect: CWE-89 -- slug (stored data) used as a schema identifier without escaping
    return this.knex.raw(`SET search_path TO tenant_${tenant.slug}, public`);
  }

  useSchemaOfBound(tenant: Tenant) {
    // ok: CWE-89 -- ?? identifier binding
    return this.knex.raw('SET search_path TO ??, public', [`tenant_${tenant.slug}`]);
  }

  search(term: string, sortColumn: string) {
    // expect: CWE-89 -- the LIKE value is bound but sortColumn goes unvalidated through orderByRaw
    return this.knex<Tenant>('tenants').where('slug', 'like', `%${term}%`).orderByRaw(`${sortColumn} asc`);
  }

  withOwnerRole(role: string) {
    // expect: CWE-89 -- joinRaw with an interpolated parameter
    return this.knex('tenants as t').joinRaw(`JOIN users u ON u.tenant_id = t.id AND u.role = '${role}'`).select('t.*');
  }

  withOwnerRoleBound(role: string) {
    // ok: CWE-89 -- joinRaw with a binding
    return this.knex('tenants as t').joinRaw('JOIN users u ON u.tenant_id = t.id AND u.role = ?', [role]).select('t.*');
  }

  auditTrail(tenantId: number, actions: string[]) {
    const list = actions.map((a) => `'${a}'`).join(', ');
    // expect: CWE-89 -- quoted list built from string parameters inside whereRaw
    return this.knex('tenant_events').where('tenant_id', tenantId).whereRaw(`kind IN (${list})`);
  }

  async moveUsers(fromId: number, toId: number, emails: string[]): Promise<void> {
    await this.knex.transaction(async (trx) => {
      // ok: CWE-89 -- whereIn binds every email
      await trx('users').whereIn('email', emails).andWhere('tenant_id', fromId).update({ tenant_id: toId });
      // ok: CWE-89 -- insert with an object
      await trx('tenant_events').insert({ tenant_id: toId, kind: 'users_moved', count: emails.length });
    });
  }

  planCounts(minTenants: number) {
    // ok: CWE-89 -- havingRaw with a typed number
    return this.knex('tenants').select('plan').count('* as n').groupBy('plan').havingRaw(`count(*) >= ${minTenants}`);
  }

  planCountsFor(plans: string) {
    // expect: CWE-89 -- comma-separated string pasted into an IN list
    return this.knex('tenants').select('plan').count('* as n').whereRaw(`plan IN (${plans})`).groupBy('plan');
  }
}
