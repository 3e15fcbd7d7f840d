import type { Detector } from './detector';
import { packageJsons } from './manifests';
import type { Workspace } from './workspace';

// Schema changes kept as versioned migration files, by the tools' own conventions. Configuration alone
// (a knexfile with no migration yet) is reported but does not count: the files are the evidence.

interface Tool {
  name: string;
  /** A migration file of this tool. */
  file: RegExp;
  /** Required alongside a generic `migrations/` folder, to tell which tool wrote it. */
  marker?: (ws: Workspace) => boolean;
  config?: RegExp;
}

const hasJsDep = (names: string[]) => (ws: Workspace) => packageJsons(ws).some((p) => names.some((n) => p.dependencies.has(n)));

const TOOLS: Tool[] = [
  { name: 'Prisma', file: /(^|\/)prisma\/migrations\/[^/]+\/migration\.sql$/ },
  { name: 'Alembic', file: /(^|\/)(alembic|migrations)\/versions\/[^/]+\.py$/, config: /(^|\/)alembic\.ini$/ },
  { name: 'Flyway', file: /(^|\/)(db\/migration|migrations?|sql)\/[VR]\d[\w.]*__[^/]+\.sql$/, config: /(^|\/)flyway\.(conf|toml)$/ },
  { name: 'Django', file: /(^|\/)migrations\/\d{4}_[^/]+\.py$/ },
  { name: 'Knex', file: /(^|\/)migrations\/[^/]+\.[cm]?[jt]s$/, marker: hasJsDep(['knex']), config: /(^|\/)knexfile\.[cm]?[jt]s$/ },
  { name: 'Sequelize', file: /(^|\/)migrations\/[^/]+\.[cm]?[jt]s$/, marker: hasJsDep(['sequelize-cli', 'sequelize', 'umzug']), config: /(^|\/)\.sequelizerc$/ },
  { name: 'TypeORM', file: /(^|\/)migrations?\/\d+-[^/]+\.[jt]s$/, marker: hasJsDep(['typeorm']) },
  { name: 'Drizzle', file: /(^|\/)drizzle\/[^/]+\.sql$/, marker: hasJsDep(['drizzle-kit']) },
  { name: 'Liquibase', file: /(^|\/)(db\/)?changelog[^/]*\.(xml|ya?ml|sql|json)$/, marker: (ws) => ws.files.some((f) => /liquibase/i.test(f)) },
  { name: 'golang-migrate / dbmate', file: /(^|\/)(db\/)?migrations\/\d+_[^/]+\.(up\.)?sql$/ },
];

export const migrations: Detector = {
  id: 'migrations',
  title: 'Database migrations',
  looksFor: 'migration files of Prisma, Alembic, Flyway, Django, Knex, Sequelize, TypeORM, Drizzle, Liquibase or golang-migrate',
  detect({ ws }) {
    const found: string[] = [];
    const configOnly: string[] = [];
    for (const tool of TOOLS) {
      const files = ws.filter(tool.file);
      if (files.length && (!tool.marker || tool.marker(ws))) {
        const folders = [...new Set(files.map((f) => f.slice(0, f.lastIndexOf('/') + 1)))];
        found.push(`${folders.slice(0, 2).join(', ')} (${tool.name}, ${files.length} file${files.length === 1 ? '' : 's'})`);
      } else if (tool.config) {
        const config = ws.filter(tool.config);
        if (config.length) configOnly.push(`${config[0]} (${tool.name})`);
      }
    }
    if (found.length) return { detector: this.id, found: true, detail: found.slice(0, 3).join(', ') };
    if (configOnly.length) return { detector: this.id, found: false, detail: `${configOnly.join(', ')} but no migration files yet` };
    return { detector: this.id, found: false, detail: 'no migration files' };
  },
};
