/* global document, window, HTMLElement, setTimeout, clearTimeout, acquireVsCodeApi */
// The checklist webview: renders the view model the extension posts ({ type: 'render', view }) and posts
// back what the learner does. It builds its DOM with textContent only (the explanations arrive as text
// runs, never HTML). What stays open, the filter and the scroll position live in the webview state
// (getState/setState), so they survive the view being hidden and the window being reloaded.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();

  /** @type {{ sections: Record<string, boolean>, items: Record<string, boolean>, query: string, show: string, scrollY: number }} */
  const state = Object.assign({ sections: {}, items: {}, query: '', show: 'all', scrollY: 0 }, vscode.getState() || {});
  /** @type {any} the last view model received */
  let view;

  const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const list = $('sections');
  const filter = /** @type {HTMLInputElement} */ ($('filter'));
  const show = /** @type {HTMLSelectElement} */ ($('show'));

  const STATE_LABEL = { todo: 'to do', learning: 'learning', done: 'done', skipped: 'skipped' };
  const SHOWS = { all: () => true, open: (i) => i.effective === 'todo' || i.effective === 'learning', learning: (i) => i.effective === 'learning', done: (i) => i.effective === 'done', skipped: (i) => i.effective === 'skipped' };

  function save() {
    vscode.setState(state);
  }

  function post(message) {
    vscode.postMessage(message);
  }

  /** An element with attributes and children (strings become text nodes). */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === false || v === null) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat(Infinity)) if (c !== undefined && c !== null && c !== false) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
    return el;
  }

  /** Paragraphs of inline runs (see src/vscode/checklist/inline-markdown.ts) as <p> elements. */
  function paragraphs(paras, itemId, className) {
    return paras.map((runs) =>
      h('p', { class: className }, runs.map((r) => {
        switch (r.kind) {
          case 'code': return h('code', { text: r.text });
          case 'strong': return h('strong', { text: r.text });
          case 'em': return h('em', { text: r.text });
          case 'link': return link(r.text, r.url, itemId);
          default: return r.text;
        }
      })),
    );
  }

  function link(text, url, itemId) {
    return h('a', {
      href: url,
      title: url,
      text,
      onclick: (e) => {
        e.preventDefault();
        post({ type: 'openLink', itemId, url });
      },
    });
  }

  /** A progressbar (role, aria-value*) whose fill is `percent` wide. */
  function progressBar(percent, label, valueText) {
    return setBar(h('div', { class: 'bar', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-label': label }, h('div', { class: 'fill' })), percent, valueText);
  }

  function setBar(bar, percent, valueText) {
    bar.setAttribute('aria-valuenow', String(percent));
    bar.setAttribute('aria-valuetext', valueText);
    /** @type {HTMLElement} */ (bar.firstElementChild).style.width = `${percent}%`;
    return bar;
  }

  function countText(c) {
    const extra = [c.learning ? `${c.learning} learning` : '', c.skipped ? `${c.skipped} skipped` : ''].filter(Boolean);
    return `${c.done} of ${c.total} done${extra.length ? ` · ${extra.join(' · ')}` : ''}`;
  }

  function terms() {
    return state.query.toLowerCase().split(/\s+/).filter(Boolean);
  }

  function matches(item, section, words) {
    if (!SHOWS[state.show](item)) return false;
    const text = `${section.title.toLowerCase()}\n${item.search}`;
    return words.every((w) => text.includes(w));
  }

  function stateButton(item, target, label) {
    const pressed = item.manual === target;
    return h('button', {
      type: 'button',
      class: 'state-button',
      'aria-pressed': pressed ? 'true' : 'false',
      'data-focus': `${item.id}:${target}`,
      onclick: () => post({ type: 'setState', itemId: item.id, state: pressed ? 'todo' : target }),
    }, label);
  }

  /** A button that shows or hides `${key}-body` (aria-expanded); `toggle` flips the remembered state. */
  function disclosure(className, key, open, focusKey, disabled, toggle, ...label) {
    return h('button', {
      type: 'button',
      class: className,
      id: `${key}-toggle`,
      'aria-expanded': open ? 'true' : 'false',
      'aria-controls': `${key}-body`,
      'data-focus': focusKey,
      disabled,
      onclick: () => {
        toggle();
        save();
        render();
      },
    }, h('span', { class: 'chevron', 'aria-hidden': 'true' }), ...label);
  }

  function itemElement(item) {
    const key = `i-${item.id}`;
    const open = !!state.items[item.id];
    const titleId = `${key}-title`;
    const evidenceId = `${key}-evidence`;
    const checkbox = h('input', {
      type: 'checkbox',
      id: `${key}-done`,
      class: 'done',
      'aria-labelledby': titleId,
      'aria-describedby': item.evidence ? evidenceId : undefined,
      'data-focus': `${item.id}:done`,
      onchange: (e) => post({ type: 'setState', itemId: item.id, state: e.target.checked ? 'done' : 'todo' }),
    });
    checkbox.checked = item.effective === 'done';

    const badge = item.effective === 'learning' || item.effective === 'skipped' ? h('span', { class: `badge badge-${item.effective}`, text: STATE_LABEL[item.effective] }) : undefined;
    const toggle = disclosure('item-toggle', key, open, `${item.id}:toggle`, false, () => (state.items[item.id] = !open), h('span', { class: 'item-title', id: titleId, text: item.title }));

    const evidence = item.evidence ? h('p', { class: `evidence${item.detected ? ' detected' : ''}`, id: evidenceId, text: item.evidence }) : undefined;
    const body = h('div', { class: 'item-body', id: `${key}-body`, hidden: !open },
      h('div', { class: 'state-buttons', role: 'group', 'aria-label': `Progress of ${item.title}` },
        stateButton(item, 'learning', 'Learning'),
        stateButton(item, 'skipped', 'Skip'),
      ),
      paragraphs(item.summary, item.id, 'summary'),
      item.why.length ? [h('h3', { text: 'Why it matters' }), paragraphs(item.why, item.id, 'why')] : [],
      item.links.length ? [h('h3', { text: 'Learn more' }), h('ul', { class: 'links' }, item.links.map((l) => h('li', {}, link(l.title, l.url, item.id))))] : [],
      item.rules.length
        ? [
          h('h3', { text: 'Checked by' }),
          h('div', { class: 'actions' },
            h('button', { type: 'button', class: 'secondary', 'data-focus': `${item.id}:findings`, onclick: () => post({ type: 'showFindings', itemId: item.id }) }, 'Show findings'),
            item.rules.map((rule) => h('button', { type: 'button', class: 'rule', title: `Open the docs of ${rule}`, 'data-focus': `${item.id}:rule:${rule}`, onclick: () => post({ type: 'showRuleDocs', itemId: item.id, ruleId: rule }) }, rule)),
          ),
        ]
        : [],
      item.snippets.length
        ? [
          h('h3', { text: 'Snippets' }),
          h('div', { class: 'actions' }, item.snippets.map((prefix) => h('button', { type: 'button', class: 'secondary snippet', title: `Insert the snippet ${prefix} at the cursor`, 'data-focus': `${item.id}:snippet:${prefix}`, onclick: () => post({ type: 'insertSnippet', itemId: item.id, prefix }) }, `Insert ${prefix}`))),
        ]
        : [],
    );
    return h('li', { class: `item state-${item.effective}`, 'data-id': item.id },
      h('div', { class: 'item-row' }, checkbox, toggle, badge),
      evidence,
      body,
    );
  }

  function sectionElement(section, items, filtering) {
    const key = `s-${section.id}`;
    const open = filtering || !!state.sections[section.id];
    const titleId = `${key}-title`;
    return h('section', { class: 'section', 'data-id': section.id, 'aria-labelledby': titleId },
      h('h2', { class: 'section-heading' },
        disclosure('section-toggle', key, open, `${section.id}:section`, filtering, () => (state.sections[section.id] = !open),
          h('span', { class: 'section-title', id: titleId, text: section.title }),
          h('span', { class: 'section-count', text: `${section.counts.done}/${section.counts.total}`, 'aria-label': countText(section.counts) }),
        ),
      ),
      progressBar(section.percent, `${section.title} progress`, `${section.percent}% — ${countText(section.counts)}`),
      h('div', { class: 'section-body', id: `${key}-body`, hidden: !open },
        filtering ? [] : paragraphs(section.summary, '', 'section-summary'),
        h('ul', { class: 'items' }, items.map(itemElement)),
        filtering ? undefined : h('div', { class: 'section-footer' },
          h('button', { type: 'button', class: 'link-button', 'data-focus': `${section.id}:reset`, onclick: () => post({ type: 'reset', scope: 'section', id: section.id }) }, `Reset ${section.title}…`),
        ),
      ),
    );
  }

  function render() {
    if (!view) return;
    const focusKey = document.activeElement && document.activeElement.getAttribute('data-focus');

    setBar($('overall-bar'), view.percent, `${view.percent}% — ${countText(view.counts)}`);
    $('overall-text').textContent = countText(view.counts);

    const notice = $('notice');
    notice.textContent = view.notice || '';
    notice.hidden = !view.notice;
    const note = $('evidence-note');
    note.textContent = view.evidence === 'no-workspace' ? 'Open a folder to let the checklist tick items from what it finds.' : view.evidence === 'collecting' ? 'Checking the workspace…' : '';
    note.hidden = !note.textContent;

    const words = terms();
    const filtering = words.length > 0 || state.show !== 'all';
    const nodes = [];
    let shown = 0;
    for (const section of view.sections) {
      const items = section.items.filter((i) => matches(i, section, words));
      if (filtering && !items.length) continue;
      shown += items.length;
      nodes.push(sectionElement(section, items, filtering));
    }
    list.replaceChildren(...nodes);
    const empty = $('empty');
    empty.hidden = nodes.length > 0;
    $('match-count').textContent = filtering ? `${shown} item${shown === 1 ? '' : 's'} shown` : '';

    if (focusKey) {
      const again = [...document.querySelectorAll('[data-focus]')].find((e) => e.getAttribute('data-focus') === focusKey);
      if (again instanceof HTMLElement) again.focus();
    }
  }

  filter.value = state.query;
  show.value = SHOWS[state.show] ? state.show : 'all';
  filter.addEventListener('input', () => {
    state.query = filter.value;
    save();
    render();
  });
  show.addEventListener('change', () => {
    state.show = SHOWS[show.value] ? show.value : 'all';
    save();
    render();
  });

  let scrollTimer;
  window.addEventListener('scroll', () => {
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(() => {
      state.scrollY = window.scrollY;
      save();
    }, 200);
  });

  /** Opens an item and its section, clears a filter that would hide it, scrolls to it and focuses it. */
  function reveal(itemId) {
    const section = view && view.sections.find((s) => s.items.some((i) => i.id === itemId));
    if (!section) return;
    state.sections[section.id] = true;
    state.items[itemId] = true;
    state.query = '';
    state.show = 'all';
    filter.value = '';
    show.value = 'all';
    save();
    render();
    const toggle = document.getElementById(`i-${itemId}-toggle`);
    if (toggle) {
      toggle.scrollIntoView({ block: 'center' });
      toggle.focus();
    }
  }

  let restoredScroll = false;
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message && message.type === 'reveal' && typeof message.itemId === 'string') return reveal(message.itemId);
    if (!message || message.type !== 'render' || !message.view) return;
    view = message.view;
    render();
    document.body.setAttribute('data-ready', 'true');
    if (!restoredScroll) {
      restoredScroll = true;
      window.scrollTo(0, state.scrollY || 0);
    }
  });

  post({ type: 'ready' });
})();
