import { seen, type Detector } from './detector';
import { describeUses, importsOf } from './library-use';
import { codeOf, isJsLike, isTestFile } from './source-files';

// Input is validated with a schema library rather than by hand: the library is imported by the project's
// source, or Fastify routes declare a `schema` (Fastify validates those itself).
const LIBRARIES = {
  js: ['zod', 'joi', 'yup', 'ajv', 'express-validator', 'class-validator', 'valibot', '@sinclair/typebox', 'superstruct', 'celebrate'],
  py: ['pydantic', 'marshmallow', 'cerberus', 'voluptuous', 'wtforms'],
};

export const validationLibrary: Detector = {
  id: 'validation-library',
  title: 'A validation library',
  looksFor: 'zod, joi, yup, ajv, express-validator, class-validator, pydantic, marshmallow (imported in source), or Fastify route schemas',
  detect({ ws }) {
    const uses = importsOf(ws, LIBRARIES);
    for (const file of ws.filter((f) => isJsLike(f) && !isTestFile(f))) {
      if (uses.length >= 20) break;
      const code = codeOf(ws, file);
      if (code && /['"]fastify['"]|@fastify\//.test(code) && /\bschema\s*:\s*\{/.test(code)) uses.push({ module: 'Fastify route schema', file });
    }
    return seen(this.id, uses.length > 0, describeUses(uses), 'no validation library imported (zod, joi, pydantic, ...) and no Fastify route schema');
  },
};
