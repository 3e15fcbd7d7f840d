import { seen, type Detector } from './detector';
import { describeUses, importsOf } from './library-use';

// The API is described by an OpenAPI document: a file, or a library that generates one from the code
// (FastAPI does so by itself).
const DOCUMENTS = /(^|\/)([\w.-]*\.)?(openapi|swagger)(\.[\w-]+)?\.(ya?ml|json)$/i;
const LIBRARIES = {
  js: ['@fastify/swagger', 'swagger-jsdoc', 'swagger-ui-express', '@nestjs/swagger', 'express-openapi-validator', 'tsoa', '@asteasolutions/zod-to-openapi', 'hono-openapi'],
  py: ['fastapi', 'drf_spectacular', 'drf_yasg', 'flasgger', 'apispec', 'flask_smorest', 'connexion'],
};

export const openapi: Detector = {
  id: 'openapi',
  title: 'An OpenAPI document',
  looksFor: 'openapi.yaml/json or swagger.yaml/json, or @fastify/swagger, swagger-jsdoc, FastAPI, drf-spectacular and the like in use',
  detect({ ws }) {
    const what = [...ws.filter(DOCUMENTS), ...describeUses(importsOf(ws, LIBRARIES, 4))];
    return seen(this.id, what.length > 0, what, 'no OpenAPI document and no library that generates one');
  },
};
