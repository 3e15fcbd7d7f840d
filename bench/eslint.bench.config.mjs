// The ESLint set-up Backend Coach is compared with: eslint-plugin-security's recommended rules plus
// eslint-plugin-sonarjs's `sql-queries` rule (S2077, its SQL-injection check), on espree (ESLint's
// default parser). Used in-process by bench/lib/throughput.mjs and on the command line by bench/run.mjs.
//
// `.js` files are parsed as CommonJS scripts unless listed as ES modules: the bench decides per file as
// Node does (nearest package.json "type") and passes the module files in BENCH_ESLINT_ESM (a JSON array
// of paths relative to ESLint's cwd), so ESLint spends its time linting rather than stopping at a parse
// error.
import security from 'eslint-plugin-security';
import sonarjs from 'eslint-plugin-sonarjs';

export function createConfig(esmFiles = []) {
  const config = [
    // Unused-directive reports would only add noise (and work) that has nothing to do with the rules.
    { linterOptions: { reportUnusedDisableDirectives: 'off' } },
    security.configs.recommended,
    { plugins: { sonarjs }, rules: { 'sonarjs/sql-queries': 'warn' } },
    { files: ['**/*.js', '**/*.cjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' } },
    { files: ['**/*.mjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
  ];
  if (esmFiles.length) config.push({ files: esmFiles, languageOptions: { sourceType: 'module' } });
  return config;
}

export default createConfig(process.env.BENCH_ESLINT_ESM ? JSON.parse(process.env.BENCH_ESLINT_ESM) : []);
