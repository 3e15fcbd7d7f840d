import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

const AUDITED_TABLES = ['orders', 'invoices', 'customers'] as const;

export class AddAuditColumns1699874512345 implements MigrationInterface {
  name = 'AddAuditColumns1699874512345';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // ok: CWE-89
    await queryRunner.query(`CREATE TYPE "audit_source_enum" AS ENUM('web', 'api', 'import')`);
    for (const table of AUDITED_TABLES) {
      // ok: CWE-89 -- iterates a constant tuple
      await queryRunner.query(`ALTER TABLE "${table}" ADD "updated_by" uuid, ADD "source" "audit_source_enum" NOT NULL DEFAULT 'web'`);
    }
    await queryRunner.addColumn('orders', new TableColumn({ name: 'updated_at', type: 'timestamptz', default: 'now()' }));

    const owner = process.env.DB_OWNER_ROLE ?? 'app_owner';
    // expect: CWE-89 -- role name from the environment
    await queryRunner.query(`ALTER TYPE "audit_source_enum" OWNER TO ${owner}`);

    // expect: CWE-89 -- build tag from CI environment pasted into a string literal
    await queryRunner.query(`COMMENT ON TYPE "audit_source_enum" IS 'added in ${process.env.BUILD_TAG}'`);

    // ok: CWE-89
    const rows: { id: string; legacy_user: string }[] = await queryRunner.query(`SELECT id, legacy_user FROM "orders" WHERE legacy_user IS NOT NULL`);
    for (const row of rows) {
      // ok: CWE-89 -- values bound
      await queryRunner.query(`UPDATE "orders" SET "updated_by" = (SELECT id FROM users WHERE legacy_name = $1) WHERE id = $2`, [row.legacy_user, row.id]);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...AUDITED_TABLES].reverse()) {
      // ok: CWE-89
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "source", DROP COLUMN "updated_by"`);
    }
    await queryRunner.dropColumn('orders', 'updated_at');
    // ok: CWE-89
    await queryRunner.query(`DROP TYPE "audit_source_enum"`);
  }
}

export class BackfillRegions1699874600000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    // ok: CWE-89
    const regions: { code: string }[] = await queryRunner.query('SELECT code FROM regions');
    for (const { code } of regions) {
      // expect: CWE-89 -- region codes read from the database become part of a table name
      await queryRunner.query(`CREATE TABLE IF NOT EXISTS "orders_${code}" (LIKE "orders" INCLUDING ALL)`);
    }
  }

  public async down(): Promise<void> {}
}
