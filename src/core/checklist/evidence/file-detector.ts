import { seen, type Detector } from './detector';

/** A detector whose evidence is simply that files of some name exist: it names the files it saw. */
export function fileDetector(spec: { id: string; title: string; looksFor: string; files: RegExp | ((rel: string) => boolean); otherwise: string }): Detector {
  return {
    id: spec.id,
    title: spec.title,
    looksFor: spec.looksFor,
    detect({ ws }) {
      const files = ws.filter(spec.files);
      return seen(spec.id, files.length > 0, files, spec.otherwise);
    },
  };
}
