import { seen, type Detector } from './detector';
import { describeUses, importsOf } from './library-use';
import { codeOf, isJsLike, isPython, isTestFile } from './source-files';

// Structured or at least configurable logging: a logging library imported by the source, Fastify's
// built-in logger switched on, or Python's logging configured (not just `import logging`).
const LIBRARIES = { js: ['pino', 'pino-http', 'winston', 'bunyan', 'morgan', 'log4js', 'loglevel', 'signale'], py: ['structlog', 'loguru'] };
const FASTIFY_LOGGER = /\b[Ff]astify\s*\(\s*\{[^)]*\blogger\s*:\s*(true|\{)/;
const PY_LOGGING_CONFIG = /\blogging\.(basicConfig|config\.dictConfig|config\.fileConfig)\s*\(|\bdictConfig\s*\(|^LOGGING\s*=\s*\{/m;

export const loggingLibrary: Detector = {
  id: 'logging-library',
  title: 'A logging library',
  looksFor: 'pino, winston, bunyan, morgan, log4js, structlog, loguru imported; Fastify logger on; or Python logging configured',
  detect({ ws }) {
    const uses = importsOf(ws, LIBRARIES);
    for (const file of ws.filter((f) => (isJsLike(f) || isPython(f)) && !isTestFile(f))) {
      if (uses.length >= 20) break;
      const code = codeOf(ws, file);
      if (!code) continue;
      if (isJsLike(file) && FASTIFY_LOGGER.test(code)) uses.push({ module: 'Fastify logger', file });
      if (isPython(file) && PY_LOGGING_CONFIG.test(code)) uses.push({ module: 'logging configuration', file });
    }
    return seen(this.id, uses.length > 0, describeUses(uses), 'no logging library and no logging configuration');
  },
};
