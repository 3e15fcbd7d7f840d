// Short Markdown (the curriculum's explanations) as paragraphs of inline runs: `code`, **strong**, *em*,
// [links](https://...). The webview builds its DOM from the runs with textContent, never from HTML; a link
// that is not https stays text. No `vscode` import.

/** A run of inline text. Links are https only; anything else stays text. */
export type Inline = { kind: 'text' | 'code' | 'strong' | 'em'; text: string } | { kind: 'link'; text: string; url: string };
export type Paragraph = Inline[];

/** An absolute https URL with a host and no credentials: the only links the checklist opens. */
export function isHttpsUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
}

/** Every https URL linked from Markdown text. */
export function markdownUrls(markdown: string): string[] {
  return markdownParagraphs(markdown).flatMap((p) => p.flatMap((r) => (r.kind === 'link' ? [r.url] : [])));
}

// Code first, so that `*` inside backticks stays literal.
const INLINE = /`([^`\n]+)`|\*\*([^*\n]+)\*\*|(?<![\w*])\*([^*\s][^*\n]*?)\*(?![\w*])|(?<!\w)_([^_\s][^_\n]*?)_(?!\w)|\[([^\]\n]+)\]\(([^)\s]+)\)/g;

/** Splits short Markdown into paragraphs (blank lines) of inline runs; lines inside a paragraph join with a space. */
export function markdownParagraphs(markdown: string): Paragraph[] {
  return markdown
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').map((l) => l.trim()).filter(Boolean).join(' '))
    .filter(Boolean)
    .map(inlineRuns);
}

export function inlineRuns(text: string): Paragraph {
  const runs: Paragraph = [];
  const push = (run: Inline) => {
    const last = runs[runs.length - 1];
    if (run.kind === 'text' && last?.kind === 'text') last.text += run.text;
    else if (run.text) runs.push(run);
  };
  let at = 0;
  for (const m of text.matchAll(INLINE)) {
    push({ kind: 'text', text: text.slice(at, m.index) });
    const [whole, code, strong, star, underscore, linkText, url] = m;
    if (code !== undefined) push({ kind: 'code', text: code });
    else if (strong !== undefined) push({ kind: 'strong', text: strong });
    else if (star !== undefined || underscore !== undefined) push({ kind: 'em', text: (star ?? underscore)! });
    else if (linkText !== undefined) push(isHttpsUrl(url!) ? { kind: 'link', text: linkText, url: url! } : { kind: 'text', text: linkText });
    else push({ kind: 'text', text: whole });
    at = m.index + whole.length;
  }
  push({ kind: 'text', text: text.slice(at) });
  return runs;
}
