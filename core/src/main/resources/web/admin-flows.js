// Switchboard workbench: the flow editor the administration's two flow pages share, so that session flows
// (chat-admin.js, /api/chat/flows) and voice flows (ivr-admin.js, /api/flows) are edited alike: the flow drawn as a
// graph (flow-graph.js) beside a side panel with the selected node's settings, add / remove / rename nodes (edges to
// a removed node go, a renamed node's follow), the server's problems drawn on their nodes, what uses the flow
// (numbers or channels), Check, Save (a draft, problems and all) and Save and publish; and in the list a flow's
// actions by its state (publish / unpublish / delete). Both APIs have the same shape. `editor` is the page's node
// set and hooks: {prefix ('vf' or 'cf': the elements' ids), page (the page's element id), base (the API path),
// state ({draft: {name, nodes}, problems, readOnly, selected, used}), types ({type: name}), newTitle, states
// ({state: name}), usedKey ('numbers' or 'channels'), edgesOf(node) ([[target, label]]), title(node), card(node)
// (the node's settings as a fieldset), newNode(type), retarget(node, from, to) (its edges to `from` lead to `to`,
// or go when undefined), template() (a new flow), reload() (the list again), opened(name, button), inUse (why a flow
// in use cannot be unpublished), savedAs(name) and deleted(flow) (optional)}. A classic script after workbench.js
// and flow-graph.js, whose helpers it uses; its only global is AdminFlows.
'use strict';

const AdminFlows = (() => {
  const id = (editor, part) => editor.prefix + '-' + part;
  /** The attributes of an element whose text is `key`'s: marked so that a switch of language relabels it. */
  const text = (key) => ({ dataset: { i18n: key } });

  /** A node type's name in the page's language (flow.vf.play, flow.cf.message ...), else the page's own. */
  function typeName(editor, type) {
    const key = 'flow.' + editor.prefix + '.' + type;
    return hasText(key) ? t(key) : t(editor.types[type] || type);
  }

  /** One request from a button: the button disabled meanwhile, a failure shown; undefined when it failed. */
  function request(button, method, path, body, failure) {
    return attempt(() => busyWhile(button, () => api(method, path, body)), failure);
  }

  /** Deletes after the user confirms `question`; whether it was deleted (then `what` deleted is toasted). */
  async function confirmedDelete(button, question, path, what) {
    if (!await confirmAction(question)) {
      return false;
    }
    const answer = await request(button, 'DELETE', path, undefined, t('af.notDeleted', { what }));
    if (answer === undefined) {
      return false;
    }
    toast(t('af.deleted', { what }), 'ok');
    return true;
  }

  function path(editor, name, action) {
    return editor.base + '/' + encodeURIComponent(name) + (action ? '/' + action : '');
  }

  /** A row's buttons: Edit, Publish and Delete for an unpublished flow; Show and Unpublish for another. */
  function rowActions(flow, editor) {
    if (flow.state === 'unpublished') {
      return actions(smallButton(t('af.edit'), (b) => editor.opened(flow.name, b)),
        smallButton(t('af.publish2'), (b) => lifecycle(flow, 'publish', b, editor)),
        smallButton(t('af.delete'), (b) => remove(flow, b, editor), true));
    }
    const unpublish = smallButton(t('af.unpublish2'), (b) => lifecycle(flow, 'unpublish', b, editor));
    unpublish.disabled = flow.state === 'in-use';
    unpublish.title = flow.state === 'in-use' ? t(editor.inUse) : '';
    return actions(smallButton(t('af.show'), (b) => editor.opened(flow.name, b)), unpublish);
  }

  async function lifecycle(flow, action, button, editor) {
    const done = await request(button, 'POST', path(editor, flow.name, action), {},
      t('af.not-' + action, { name: flow.name }));
    if (done) {
      toast(t('af.' + action, { name: flow.name }), 'ok');
      editor.reload();
    }
  }

  async function remove(flow, button, editor) {
    if (await confirmedDelete(button, 'Delete the flow ' + flow.name + '? This cannot be undone.',
      path(editor, flow.name), 'Flow ' + flow.name)) {
      if (editor.state.draft && editor.state.draft.name === flow.name) {
        showEditor(editor, false);
      }
      if (editor.deleted) {
        editor.deleted(flow);
      }
      editor.reload();
    }
  }

  /** The flow as the server reads it: undefined, null and blank texts left out, at any depth. */
  function strip(value) {
    if (Array.isArray(value)) {
      return value.map(strip);
    }
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null
        && !(typeof v === 'string' && v.trim() === '')).map(([k, v]) => [k, strip(v)]));
    }
    return value;
  }

  /** The draft as the server reads it: blank texts and empty edges left out. */
  function body(editor) {
    return strip({ name: editor.state.draft.name, nodes: editor.state.draft.nodes });
  }

  // ---------------------------------------------------------------------------------------------- the editor

  /** The editor's section (hidden until a flow is opened): head, name, what uses it, graph, side panel, actions. */
  function section(editor) {
    const types = el('select', { id: id(editor, 'add-type'), 'aria-label': t('flow.addType') },
      Object.keys(editor.types).filter((type) => type !== 'start').map((type) => el('option',
        Object.assign({ value: type }, hasText('flow.' + editor.prefix + '.' + type)
          ? text('flow.' + editor.prefix + '.' + type) : {}), typeName(editor, type))));
    types.dataset.i18nAriaLabel = 'flow.addType';
    const button = (part, key, onclick, primary) => el('button', Object.assign({ id: id(editor, part), type: 'button',
      onclick, class: 'btn' + (primary ? ' primary' : '') }, text(key)), t(key));
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.id = id(editor, 'graph');
    svg.setAttribute('aria-label', t('flow.graph'));
    const panel = el('div', { id: id(editor, 'nodes'), class: 'fg-panel', 'aria-label': t('flow.settings') });
    // a setting typed in the panel redraws the graph at once (the panel itself stays, and so does the focus)
    panel.addEventListener('input', () => drawGraph(editor));
    panel.addEventListener('change', () => drawGraph(editor));
    const result = el('section', { id: id(editor, 'editor'), class: 'cf-editor', hidden: true },
      el('div', { class: 'cf-head' }, el('h3', { id: id(editor, 'title') }, t(editor.newTitle)),
        button('close', 'flow.back', () => showEditor(editor, false))),
      el('div', { class: 'row fg-top' },
        el('label', { class: 'cf-name' }, el('span', text('flow.name'), t('flow.name')), el('input', { type: 'text',
          id: id(editor, 'name'), maxlength: 64, required: true, title: t('flow.nameRule'),
          'data-i18n-title': 'flow.nameRule' })),
        el('p', { id: id(editor, 'used'), class: 'fg-used muted small' })),
      el('div', { class: 'row cf-add' }, types, button('add', 'flow.add', () => addNode(editor, types.value)),
        el('span', Object.assign({ class: 'muted small' }, text('flow.hint')), t('flow.hint'))),
      el('div', { class: 'fg-layout' },
        el('div', { class: 'cf-graph-wrap' }, svg), panel),
      el('ul', { id: id(editor, 'problems'), class: 'cf-problems', role: 'alert', hidden: true }),
      el('div', { class: 'row cf-actions' }, button('check', 'flow.check', () => check(editor)),
        button('save', 'flow.save', (e) => save(editor, false, e.currentTarget), true),
        button('save-publish', 'flow.savePublish', (e) => save(editor, true, e.currentTarget), true)));
    // the graph's types and the side panel in the new language too (the marked texts follow by themselves)
    document.addEventListener('sb-language', () => editor.state.draft && render(editor));
    result.querySelector('#' + id(editor, 'name')).addEventListener('input', (e) => {
      editor.state.draft.name = e.target.value.trim();
    });
    return result;
  }

  /** Opens `answer` (GET of one flow), or a new flow from the page's template when null. */
  function open(editor, answer) {
    const st = editor.state;
    st.readOnly = Boolean(answer && answer.state !== 'unpublished');
    st.draft = answer ? JSON.parse(JSON.stringify(answer.flow || { name: answer.name, nodes: [] }))
      : editor.template();
    st.draft.nodes = Array.isArray(st.draft.nodes) ? st.draft.nodes : [];
    st.problems = answer && Array.isArray(answer.problems) && !st.readOnly ? answer.problems : [];
    st.used = answer ? answer[editor.usedKey] || [] : [];
    st.selected = Math.max(0, st.draft.nodes.findIndex((n) => n.type === 'start'));
    $(id(editor, 'title')).textContent = !answer ? t(editor.newTitle) : (st.readOnly
      ? t('ivr.readOnly', { name: answer.name, state: t(editor.states[answer.state] || answer.state) })
      : t('ivr.editFlow', { name: answer.name }));
    $(id(editor, 'name')).value = st.draft.name || '';
    $(id(editor, 'name')).disabled = Boolean(answer);
    for (const part of ['add', 'add-type', 'check', 'save', 'save-publish']) {
      $(id(editor, part)).disabled = st.readOnly;
    }
    showEditor(editor, true);
    render(editor);
    if (!answer) {
      $(id(editor, 'name')).focus();
    }
  }

  /** The editor takes the list's place. */
  function showEditor(editor, shown) {
    $(id(editor, 'editor')).hidden = !shown;
    for (const part of $(editor.page).querySelectorAll('.cf-bar, .cf-list')) {
      part.hidden = shown;
    }
    if (!shown) {
      editor.state.draft = null;
    }
  }

  /** The problems by node id. */
  function problemsByNode(editor) {
    const byNode = new Map();
    for (const problem of editor.state.problems) {
      if (problem.node) {
        byNode.set(problem.node, [...(byNode.get(problem.node) || []), problem.message]);
      }
    }
    return byNode;
  }

  function drawGraph(editor) {
    const st = editor.state;
    if (!st.draft) {
      return;
    }
    FlowGraph.render($(id(editor, 'graph')), st.draft, { edgesOf: editor.edgesOf, title: editor.title,
      typeName: (type) => typeName(editor, type), problems: problemsByNode(editor), selected: st.selected,
      empty: t('flow.noNodes'), onSelect: (index) => {
        st.selected = index;
        render(editor);
      } });
  }

  /** Everything again: the graph, the selected node's settings in the panel, what uses the flow, the problems. */
  function render(editor) {
    const st = editor.state;
    drawGraph(editor);
    const node = st.draft.nodes[st.selected];
    const panel = $(id(editor, 'nodes'));
    if (node) {
      const problems = problemsByNode(editor).get(node.id) || [];
      const card = editor.card(node);
      card.classList.toggle('cf-bad', problems.length > 0);
      card.dataset.index = String(st.selected);
      if (node.type !== 'start') {
        card.querySelector('legend').append(' ', el('button', { class: 'btn small ghost-dark cf-remove', type: 'button',
          title: t('flow.remove'), 'aria-label': t('flow.removeNode', { id: node.id || '' }),
          onclick: () => removeNode(editor, st.selected) }, '✕'));
      }
      if (problems.length) {
        card.append(el('ul', { class: 'cf-problems fg-node-problems' }, problems.map((p) => el('li', {}, p))));
      }
      panel.replaceChildren(card);
    } else {
      panel.replaceChildren(el('p', { class: 'muted small' }, t('flow.pick')));
    }
    for (const control of panel.querySelectorAll('input, select, textarea, button')) {
      control.disabled = st.readOnly;
    }
    const used = st.used || [];
    $(id(editor, 'used')).textContent = used.length ? t('flow.' + editor.usedKey, { list: used.join(', ') })
      : t('flow.' + editor.usedKey + '.none');
    showProblems(editor);
  }

  function addNode(editor, type) {
    const st = editor.state;
    const taken = new Set(st.draft.nodes.map((n) => n.id));
    let n = 1;
    while (taken.has(type + n)) {
      n++;
    }
    st.draft.nodes.push(Object.assign({ type, id: type + n }, editor.newNode(type)));
    st.selected = st.draft.nodes.length - 1;
    render(editor);
    $(id(editor, 'nodes')).querySelector('[data-field=id]').focus();
  }

  /** Removes a node, and the edges to it go. */
  function removeNode(editor, index) {
    const st = editor.state;
    const [gone] = st.draft.nodes.splice(index, 1);
    if (gone.id) {
      st.draft.nodes.forEach((node) => editor.retarget(node, gone.id, undefined));
    }
    st.selected = -1;
    render(editor);
  }

  /** A node's new id, and every edge to it follows. */
  function rename(editor, node, newId) {
    const old = node.id;
    node.id = newId;
    if (old) {
      editor.state.draft.nodes.filter((other) => other !== node).forEach((other) => editor.retarget(other, old,
        newId));
    }
    render(editor);
  }

  /** The flow's other nodes a node may lead to (not the start; `onlyType`: only those), with its own target. */
  function targets(editor, owner, current, onlyType) {
    const ids = editor.state.draft.nodes.filter((n) => n.id && n !== owner && n.type !== 'start'
      && (!onlyType || n.type === onlyType)).map((n) => n.id);
    return current && !ids.includes(current) ? [...ids, current] : ids;
  }

  /** The editor's problems ([{node, message}]) under the graph, a message of its own first. */
  function showProblems(editor, message) {
    const rows = editor.state.problems.map((p) => el('li', {}, (p.node ? p.node + ': ' : '') + p.message));
    if (message) {
      rows.unshift(el('li', {}, message));
    }
    const list = $(id(editor, 'problems'));
    list.replaceChildren(...rows);
    list.hidden = !rows.length;
  }

  /** Check: the server's problems drawn on the nodes; a valid flow is toasted. */
  async function check(editor) {
    const answer = await request($(id(editor, 'check')), 'POST', editor.base + '/validate', body(editor),
      'Flow not checked');
    if (answer) {
      editor.state.problems = answer.problems || [];
      render(editor);
      if (answer.valid) {
        toast(t('flow.valid'), 'ok');
      }
    }
  }

  /**
   * Save: the draft is stored with whatever problems it has (drawn on its nodes, the editor stays open). Save and
   * publish: publishes it too when it has none, then back to the list; a refusal's problems are fetched again.
   */
  async function save(editor, publish, button) {
    const st = editor.state;
    const name = st.draft.name;
    if (!name || name.includes('/')) {
      st.problems = [];
      showProblems(editor, t('flow.needsName'));
      return;
    }
    const saved = await request(button, 'PUT', path(editor, name), body(editor), t('flow.notSaved', { name }));
    if (!saved) {
      return;
    }
    st.problems = saved.problems || [];
    st.used = saved[editor.usedKey] || [];
    $(id(editor, 'name')).disabled = true;
    $(id(editor, 'title')).textContent = t('ivr.editFlow', { name });
    if (editor.savedAs) {
      editor.savedAs(name);
    }
    editor.reload();
    render(editor);
    const n = st.problems.length;
    if (!publish || n) {
      const message = publish ? t('flow.notPublished', { name, n }) : n ? t('flow.savedDraft', { name, n })
        : t('flow.saved', { name });
      if (n) {
        showProblems(editor, message);
      }
      toast(message, publish ? undefined : 'ok');
      return;
    }
    if (await request(button, 'POST', path(editor, name, 'publish'), {}, t('flow.publishFailed', { name }))) {
      toast(t('flow.published', { name }), 'ok');
      showEditor(editor, false);
      editor.reload();
    } else {
      const again = await api('GET', path(editor, name)).catch(() => null);
      st.problems = again && again.problems ? again.problems : [];
      render(editor);
    }
  }

  return { request, confirmedDelete, rowActions, section, open, showEditor, render, rename, targets, typeName };
})();
