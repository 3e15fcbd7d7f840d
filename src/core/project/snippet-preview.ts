// The text a snippet inserts when every placeholder keeps its default: what the completion documentation
// shows as a code preview. Follows VS Code's snippet grammar for what the packs use (tabstops, placeholders
// with nested defaults, choices, variables, escapes); a tabstop without a default mirrors the value of the
// same index elsewhere; a variable shows its default or its name; anything else is literal text.

type Node =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children: Node[]; choice?: string[] }
  | { kind: 'variable'; name: string; children: Node[] };

/** The preview of a body; leading tabs become `indent` (the editor turns them into the user's indentation). */
export function snippetPreview(body: string, indent = '  '): string {
  const nodes = new Parser(body).parse();
  const defaults = new Map<number, Node & { kind: 'tabstop' }>();
  visit(nodes, (node) => {
    if (node.kind === 'tabstop' && !defaults.has(node.index) && (node.children.length > 0 || node.choice)) defaults.set(node.index, node);
  });
  const render = (list: Node[], seen: ReadonlySet<number>): string =>
    list
      .map((node) => {
        if (node.kind === 'text') return node.value;
        if (node.kind === 'variable') return node.children.length ? render(node.children, seen) : node.name;
        if (node.choice) return node.choice[0] ?? '';
        const source = node.children.length ? node : defaults.get(node.index);
        if (!source || seen.has(node.index)) return '';
        return source.choice ? (source.choice[0] ?? '') : render(source.children, new Set([...seen, node.index]));
      })
      .join('');
  return render(nodes, new Set()).replace(/^\t+/gm, (tabs) => indent.repeat(tabs.length));
}

function visit(nodes: Node[], fn: (node: Node) => void): void {
  for (const node of nodes) {
    fn(node);
    if (node.kind !== 'text') visit(node.children, fn);
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): Node[] {
    return this.sequence(false);
  }

  /** Nodes up to the end, or (inside a placeholder) up to its unescaped `}`, which is left unconsumed. */
  private sequence(nested: boolean): Node[] {
    const nodes: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\' && /[$}\\]/.test(this.src[this.pos + 1] ?? '')) {
        text += this.src[this.pos + 1];
        this.pos += 2;
      } else if (ch === '}' && nested) {
        break;
      } else if (ch === '$') {
        const node = this.dollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          text += '$';
          this.pos++;
        }
      } else {
        text += ch;
        this.pos++;
      }
    }
    flush();
    return nodes;
  }

  /** A `$…` construct at pos, consumed; or undefined (pos unchanged) when it is literal text. */
  private dollar(): Node | undefined {
    const start = this.pos;
    const rest = this.src.slice(start + 1);
    const simple = /^(?:(\d+)|([A-Za-z_]\w*))/.exec(rest);
    if (simple) {
      this.pos += 1 + simple[0].length;
      return simple[1] !== undefined ? { kind: 'tabstop', index: Number(simple[1]), children: [] } : { kind: 'variable', name: simple[2]!, children: [] };
    }
    const head = /^\{(?:(\d+)|([A-Za-z_]\w*))([}:|])/.exec(rest);
    if (!head) return undefined;
    const [whole, index, name, delimiter] = head;
    this.pos += 1 + whole.length;
    const make = (children: Node[]): Node =>
      index !== undefined ? { kind: 'tabstop', index: Number(index), children } : { kind: 'variable', name: name!, children };
    if (delimiter === '}') return make([]);
    if (delimiter === ':') {
      const children = this.sequence(true);
      if (this.src[this.pos] === '}') {
        this.pos++;
        return make(children);
      }
    } else if (index !== undefined) {
      const choice = /^((?:[^,|\\]|\\[,|\\])+(?:,(?:[^,|\\]|\\[,|\\])+)*)\|\}/.exec(this.src.slice(this.pos));
      if (choice) {
        this.pos += choice[0].length;
        const options = choice[1]!.match(/(?:[^,\\]|\\[,|\\])+/g) ?? [];
        return { kind: 'tabstop', index: Number(index), children: [], choice: options.map((o) => o.replace(/\\([,|\\])/g, '$1')) };
      }
    }
    this.pos = start;
    return undefined;
  }
}
