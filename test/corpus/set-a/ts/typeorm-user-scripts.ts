import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { User } from './entities/user.entity';

export const AppDataSource = new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL,
  entities: [User],
  synchronize: false,
});

export async function findUserByEmail(email: string) {
  // ok: CWE-89 -- findOneBy with an object
  return AppDataSource.getRepository(User).findOneBy({ email });
}

export async function findUsersByDomain(domain: string) {
  // ok: CWE-89 -- query builder with a named parameter
  return AppDataSource.getRepository(User).createQueryBuilder('u').where('u.email LIKE :pattern', { pattern: `%@${domain}` }).getMany();
}

export async function findUsersByDomainUnsafe(domain: string) {
  // expect: CWE-89 -- template literal inside where()
  return AppDataSource.getRepository(User).createQueryBuilder('u').where(`u.email LIKE '%@${domain}'`).getMany();
}

export async function listUsers(sort: string, order: 'ASC' | 'DESC') {
  // expect: CWE-89 -- unvalidated sort expression passed to orderBy()
  return AppDataSource.getRepository(User).createQueryBuilder('u').orderBy(sort, order).getMany();
}

export async function countRows(tableName: string): Promise<number> {
  // expect: CWE-89 -- identifier parameter in SQL text
  const [row] = await AppDataSource.query(`SELECT COUNT(*)::int AS n FROM "${tableName}"`);
  return row.n;
}

export async function countRowsChecked(tableName: string): Promise<number> {
  const known = AppDataSource.entityMetadatas.map((m) => m.tableName);
  if (!known.includes(tableName)) {
    throw new Error(`unknown table ${tableName}`);
  }
  // ok: CWE-89 -- table name checked against the entity metadata (a fixed set) first
  const [row] = await AppDataSource.query(`SELECT COUNT(*)::int AS n FROM "${tableName}"`);
  return row.n;
}

export async function deactivateUsers(before: Date): Promise<void> {
  // ok: CWE-89 -- Date bound as $1
  await AppDataSource.query('UPDATE users SET active = false WHERE last_login < $1', [before]);
}

export async function renameRole(oldName: string, newName: string): Promise<void> {
  await AppDataSource.transaction(async (manager) => {
    // expect: CWE-89 -- both role names concatenated
    await manager.query("UPDATE users SET role = '" + newName + "' WHERE role = '" + oldName + "'");
    // ok: CWE-89 -- parameters
    await manager.query('INSERT INTO role_changes (old_name, new_name) VALUES ($1, $2)', [oldName, newName]);
  });
}

async function run(): Promise<void> {
  await AppDataSource.initialize();
  const [, , command, ...args] = process.argv;
  switch (command) {
    case 'count':
      console.log(await countRows(args[0]));
      break;
    case 'count-checked':
      console.log(await countRowsChecked(args[0]));
      break;
    case 'rename-role':
      await renameRole(args[0], args[1]);
      break;
    case 'deactivate':
      await deactivateUsers(new Date(args[0]));
      break;
    case 'domain':
      console.log(await findUsersByDomain(args[0]));
      break;
    default:
      console.error('usage: typeorm-user-scripts <count|count-checked|rename-role|deactivate|domain> ...');
      process.exitCode = 2;
  }
  await AppDataSource.destroy();
}

if (require.main === module) {
  run().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
