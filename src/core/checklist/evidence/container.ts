import { fileDetector } from './file-detector';

// A container image definition or a Compose file, anywhere in the project.
export const container = fileDetector({
  id: 'container',
  title: 'Dockerfile or Compose file',
  looksFor: 'a Dockerfile, Containerfile, compose.yaml or docker-compose.yml',
  files: /(^|\/)(Dockerfile|Containerfile|[^/]+\.Dockerfile|Dockerfile\.[^/]+|(docker-)?compose(\.[^/]+)?\.ya?ml)$/,
  otherwise: 'no Dockerfile or Compose file',
});
