import type { Detector } from './detector';
import { importedModules } from './imports';
import { codeOf, isPython, isTestFile, sourceFiles } from './source-files';

// Every SQL query is parameterised: the engine finds no unparameterised query, and there is at least one
// query to judge. A project without queries proves nothing, so it gets "not enough evidence", not a tick.

const DRIVERS = {
  js: ['pg', 'postgres', 'pg-promise', 'mysql', 'mysql2', 'sqlite3', 'better-sqlite3', 'sqlite', 'mssql', 'tedious', 'oracledb', 'knex', 'sequelize', 'typeorm', '@prisma/client', 'kysely', 'slonik', 'drizzle-orm'],
  py: ['sqlite3', 'psycopg2', 'psycopg', 'asyncpg', 'aiosqlite', 'pymysql', 'MySQLdb', 'mysql.connector', 'pyodbc', 'oracledb', 'cx_Oracle', 'sqlalchemy', 'django.db', 'peewee'],
};
// A call that sends SQL (or builds a query) on a database object.
const QUERY_CALL = /\.(query|execute|executemany|raw|prepare|exec|unsafe|\$queryRaw|\$executeRaw|\$queryRawUnsafe|\$executeRawUnsafe|select|insert|update|delete|findMany|findAll|findOne|findUnique)\s*[(`]|\bsql\s*`|\.objects\.\w+\s*\(/;

export const parameterisedQueries: Detector = {
  id: 'parameterised-queries',
  title: 'Every query parameterised',
  looksFor: 'at least one database query, and no unparameterised-query finding (from the engine)',
  async detect(ctx) {
    const withQueries = sourceFiles(ctx.ws).filter((rel) => {
      if (isTestFile(rel)) return false;
      const code = codeOf(ctx.ws, rel);
      const python = isPython(rel);
      return !!code && QUERY_CALL.test(code) && importedModules(code, python ? DRIVERS.py : DRIVERS.js, python).length > 0;
    });
    if (!withQueries.length) return { detector: this.id, found: false, detail: 'not enough evidence: no database query found' };
    const result = await ctx.queryFindings(withQueries);
    const files = `${plural(withQueries.length, 'file')} with queries`;
    if (!result) return { detector: this.id, found: false, detail: `${files}; not analysed (analysis is off)` };
    if (result.count) {
      const where = result.files.length ? `: ${result.files.slice(0, 3).join(', ')}${result.files.length > 3 ? ', ...' : ''}` : '';
      return { detector: this.id, found: false, detail: `${result.count} unparameterised quer${result.count === 1 ? 'y' : 'ies'}${where}` };
    }
    if (result.notAnalysed) return { detector: this.id, found: false, detail: `no unparameterised query in the ${plural(result.analysed, 'file')} analysed, but ${result.notAnalysed} more could not be` };
    return { detector: this.id, found: true, detail: `no unparameterised query in ${files} (${withQueries.slice(0, 3).join(', ')}${withQueries.length > 3 ? ', ...' : ''})` };
  },
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
