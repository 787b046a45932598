// Switchboard workbench: the voice flows' (IVR) administration page. The list of /api/flows with publish,
// unpublish and delete, and the voice node set of the shared graph editor (admin-flows.js): start, play, key menu,
// transfer (with its recording notice), satisfaction survey, end, each with the flow JSON's fields (README "IVR flows")
// in the side panel, a key menu's keys as rows (key, node it leads to). A prompt is text to speech (English or
// Mandarin) or an audio of the library. A classic script after workbench.js and admin-flows.js, whose helpers it
// uses; it registers its page in ADMIN_PAGES and adds no other global name.
'use strict';

(() => {
  const TYPES = { start: 'ivr.start', play: 'ivr.playAPrompt', branch: 'ivr.keyMenu', transfer: 'ivr.transferToAGroup',
    survey: 'ui.satisfactionSurvey', end: 'ivr.endHangUp' };
  const STATES = { unpublished: 'ivr.unpublished', published: 'ivr.published', 'in-use': 'ivr.inUse2' };
  /** Each type's fields after id and label: [field, kind, label, min, max]; a kind ending in ? is optional. */
  const FIELDS = {
    start: [['next', 'next', 'Next']],
    play: [['prompt', 'prompt', 'Prompt'], ['next', 'next', 'Next']],
    branch: [['prompt', 'prompt', 'Prompt (says the keys)'],
      ['keys', 'keys', 'Keys (each leads to a node)'],
      ['timeoutSeconds', 'number', 'Key timeout (s)', 1, 60], ['maxErrors', 'number', 'Misses before hang-up', 1, 10],
      ['timeoutPrompt', 'prompt?', 'No-key prompt'], ['errorPrompt', 'prompt?', 'Wrong-key prompt']],
    transfer: [['group', 'group', 'Skill group'], ['prompt', 'prompt?', 'Prompt while transferring'],
      ['music', 'audio?', 'Queue music (audio id; empty: the server\'s)'],
      ['announceSeconds', 'number', 'Say the place every (s, 0: never)', 0, 600],
      ['positionPrompt', 'prompt?', 'Place prompt (${WaitNo})'],
      ['answerPrompt', 'prompt?', 'Answer prompt (${StaffNo})'],
      ['announceRecording', 'check?', 'flow.announceRecording']],
    survey: [['prompt', 'prompt', 'Prompt (says the levels)'], ['levels', 'number', 'Levels (keys 1..n)', 2, 5],
      ['timeoutSeconds', 'number', 'Key timeout (s)', 1, 60], ['next', 'next', 'Then']],
    end: [['prompt', 'prompt?', 'Goodbye prompt']],
  };
  const VOICES = { en: 'ivr.speechEnglish', zh: 'ivr.speech', audio: 'ivr.audioLibraryId' };

  const vf = {
    flows: [],
    groups: [],
    survey: null,     // GET /api/survey: the default survey node says its levels
    draft: null,      // {name, nodes}
    readOnly: false,
    problems: [],     // [{node, message}]
    selected: 0,      // the node in the side panel (its index)
    used: [],         // the numbers that run the flow
  };
  /** The voice flows' node set for the shared editor (admin-flows.js). */
  const EDITOR = { prefix: 'vf', page: 'admin-flows', base: '/api/flows', state: vf, types: TYPES, states: STATES,
    newTitle: 'ivr.newVoiceFlow', usedKey: 'numbers', reload: () => loadPage(), opened: (name, b) => openFlow(name, b),
    inUse: 'ivr.inUse', edgesOf, title, card, newNode, retarget,
    template: () => ({ name: '', nodes: [{ type: 'start', id: 'start' }] }) };

  function page() {
    const root = $('admin-flows');
    if (root.dataset.built) {
      return;
    }
    root.dataset.built = 'yes';
    root.append(
      el('h2', {}, t('ivr.voiceFlowsIvr')),
      el('p', { class: 'muted small' }, t('ivr.intro')),
      el('div', { class: 'row cf-bar vf-bar' }, el('button', { id: 'vf-new', class: 'btn primary', type: 'button',
        onclick: () => AdminFlows.open(EDITOR, null) }, t('ivr.newFlow'))),
      el('div', { class: 'table-wrap cf-list vf-list' }, el('table', { class: 'table', id: 'flows-table' })),
      el('datalist', { id: 'vf-audio' }),
      AdminFlows.section(EDITOR));
  }

  async function loadPage() {
    page();
    const table = $('flows-table');
    let groups;
    let audio;
    try {
      [vf.flows, groups, audio, vf.survey] = await Promise.all([api('GET', '/api/flows'),
        api('GET', '/api/groups').catch(() => []), api('GET', '/api/audio').catch(() => []),
        api('GET', '/api/survey').catch(() => null)]);
    } catch (e) {
      adminTableError(table, e);
      return;
    }
    vf.groups = (Array.isArray(groups) ? groups : []).map((g) => g.name);
    $('vf-audio').replaceChildren(...(Array.isArray(audio) ? audio : [])
      .map((a) => el('option', { value: a.id }, a.id + (a.state === 'approved' ? '' : ' (' + a.state + ')'))));
    fillTable(table, [['ui.objectName', (f) => f.name],
      ['ivr.state', (f) => el('span', { class: 'chip cf-state-' + f.state }, t(STATES[f.state] || f.state))],
      ['ui.numbers', (f) => (f.numbers || []).join(', ') || '–'], ['', (f) => AdminFlows.rowActions(f, EDITOR)]],
    Array.isArray(vf.flows) ? vf.flows : [], t('ivr.noVoiceFlowsYet'));
  }

  async function openFlow(name, button) {
    const answer = await AdminFlows.request(button, 'GET', '/api/flows/' + encodeURIComponent(name), undefined,
      t('ivr.flowNotLoaded'));
    if (answer) {
      AdminFlows.open(EDITOR, answer);
    }
  }

  /** What a new survey node says: the tenant's levels, in English when every level has an English label. */
  function surveyPrompt() {
    const levels = vf.survey && Array.isArray(vf.survey.levels) ? vf.survey.levels : [];
    if (!levels.length) {
      return { text: 'Please rate our service from 1, the best, to 5. Press a key now.', voice: 'en' };
    }
    if (levels.every((l) => l.english)) {
      return { text: 'Please rate our service. ' + levels.map((l) => 'For ' + l.english + ', press ' + l.level + '.')
        .join(' '), voice: 'en' };
    }
    return { text: '请为我们的服务评分。' + levels.map((l) => l.label + '请按' + l.level + '。').join(''), voice: 'zh' };
  }

  /** A new node's settings besides its type and id. */
  function newNode(type) {
    if (type === 'branch') {
      return { keys: {}, timeoutSeconds: 5, maxErrors: 3 };
    }
    if (type === 'transfer') {
      return { group: vf.groups[0] || '', announceSeconds: 0 };
    }
    if (type === 'survey') {
      const levels = vf.survey && Array.isArray(vf.survey.levels) ? vf.survey.levels.length : 5;
      return { prompt: surveyPrompt(), levels, timeoutSeconds: 8 };
    }
    return {};
  }

  /** A node's edges for the graph: "next", or a key menu's keys labelled with their keys. */
  function edgesOf(node) {
    if (node.type === 'branch') {
      return Object.entries(node.keys || {}).map(([key, next]) => [next, key]);
    }
    return node.next ? [[node.next, '']] : [];
  }

  function title(node) {
    const name = node.label || node.id || '(no id)';
    return node.type === 'transfer' && node.group ? name + ' → ' + node.group : name;
  }

  /** The node's edges to `from` lead to `to` (a key to a removed node goes). */
  function retarget(node, from, to) {
    if (node.next === from) {
      node.next = to;
    }
    for (const [key, next] of Object.entries(node.keys || {})) {
      if (next === from) {
        if (to === undefined) {
          delete node.keys[key];
        } else {
          node.keys[key] = to;
        }
      }
    }
  }

  /** The node's settings for the side panel: id, label and its type's fields. */
  function card(node) {
    const id = el('input', { type: 'text', required: true, value: node.id || '', dataset: { field: 'id' } });
    id.addEventListener('change', () => AdminFlows.rename(EDITOR, node, id.value.trim()));
    const label = el('input', { type: 'text', value: node.label || '', dataset: { field: 'label' } });
    label.addEventListener('input', () => set(node, 'label', label.value));
    return el('fieldset', { class: 'cf-node cf-node-' + node.type, dataset: { type: node.type, id: node.id || '' } },
      el('legend', {}, AdminFlows.typeName(EDITOR, node.type)),
      el('div', { class: 'cf-fields' }, field('Id', id), node.type === 'start' ? null : field('Label', label)),
      el('div', { class: 'cf-fields' }, (FIELDS[node.type] || []).map(([name, kind, text, min, max]) =>
        field(kind.startsWith('check') ? t(text) : text, control(node, name, kind.replace('?', ''), min, max),
          kind.startsWith('prompt') ? 'wide' : kind.startsWith('check') ? 'wide check' : ''))));
  }

  function field(label, control, wide) {
    return el('label', { class: 'cf-field' + (wide ? ' wide' : '') }, label, control);
  }

  function control(node, name, kind, min, max) {
    if (kind === 'next') {
      return nextSelect(node, name);
    }
    if (kind === 'prompt') {
      return promptControl(node, name);
    }
    if (kind === 'group') {
      const groups = vf.groups.includes(node.group) || !node.group ? vf.groups : [node.group, ...vf.groups];
      return select(node, name, groups, t('ivr.chooseAGroup'));
    }
    if (kind === 'keys') {
      return keysControl(node);
    }
    if (kind === 'check') {
      // the recording notice (announceRecording): true or absent, said in the flow's language before queueing
      const box = el('input', { type: 'checkbox', dataset: { field: name } });
      box.checked = node[name] === true;
      box.addEventListener('change', () => set(node, name, box.checked ? true : undefined));
      return box;
    }
    const numeric = kind === 'number';
    const input = el('input', { type: numeric ? 'number' : 'text', min, max, value: node[name] ?? '',
      list: kind === 'audio' ? 'vf-audio' : undefined, dataset: { field: name } });
    input.addEventListener('input', () => set(node, name, numeric && input.value !== '' ? Number(input.value)
      : input.value));
    return input;
  }

  function select(owner, name, values, none) {
    const list = el('select', { dataset: { field: name } }, el('option', { value: '' }, none),
      values.map((v) => el('option', { value: v }, v)));
    list.value = owner[name] || '';
    list.addEventListener('change', () => set(owner, name, list.value));
    return list;
  }

  /** The flow's other nodes to go to (not the start). */
  function nextSelect(node, name) {
    return select(node, name, AdminFlows.targets(EDITOR, node, node[name]), '(none)');
  }

  /** A prompt: text to speech in a voice, or an audio of the library; empty text leaves an optional one out. */
  function promptControl(node, name) {
    const prompt = node[name] || {};
    const kind = el('select', { dataset: { part: 'kind' }, 'aria-label': t('ivr.kindOfPrompt') },
      Object.entries(VOICES).map(([value, text]) => el('option', { value }, t(text))));
    kind.value = prompt.audio ? 'audio' : (prompt.voice || 'en');
    const value = el('textarea', { rows: 2, maxlength: 500, dataset: { part: 'value' },
      placeholder: t('ivr.whatTheCallerHearsOr') });
    value.value = prompt.audio || prompt.text || '';
    const update = () => {
      const v = value.value.trim();
      node[name] = !v ? undefined : kind.value === 'audio' ? { audio: v } : { text: value.value, voice: kind.value };
    };
    kind.addEventListener('change', update);
    value.addEventListener('input', update);
    return el('div', { class: 'vf-prompt', dataset: { field: name } }, kind, value);
  }

  /** A key menu's keys, a row each: the key(s) and the node they lead to; "Add key" adds a row. */
  function keysControl(node) {
    const rows = el('div', { class: 'cf-options vf-keys', dataset: { field: 'keys' } });
    const sync = () => {
      node.keys = Object.fromEntries([...rows.querySelectorAll('.cf-option')]
        .map((row) => [row.querySelector('input').value.trim(), row.querySelector('select').value])
        .filter(([key]) => key));
    };
    const add = (key, next) => {
      const keyInput = el('input', { type: 'text', value: key, size: 4, maxlength: 8, placeholder: '1',
        dataset: { field: 'key' }, 'aria-label': 'Key' });
      const target = { next };
      const to = select(target, 'next', AdminFlows.targets(EDITOR, node, next), '(none)');
      to.dataset.field = 'key-next';
      to.dataset.key = key;
      keyInput.addEventListener('input', () => {
        to.dataset.key = keyInput.value.trim();
        sync();
      });
      to.addEventListener('change', sync);
      const row = el('div', { class: 'row cf-option' }, field('Key', keyInput), field('Goes to', to),
        el('button', { class: 'btn small ghost-dark', type: 'button', title: 'Remove this key', onclick: () => {
          row.remove();
          sync();
          rows.dispatchEvent(new Event('change', { bubbles: true }));
        } }, '✕'));
      rows.insertBefore(row, more);
      return keyInput;
    };
    const more = el('button', { class: 'btn small', type: 'button', dataset: { action: 'add-key' }, onclick: () => {
      const taken = new Set(Object.keys(node.keys || {}));
      add(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'].find((k) => !taken.has(k)) || '', '').focus();
      sync();
    } }, 'Add key');
    rows.append(more);
    Object.entries(node.keys || {}).forEach(([key, next]) => add(key, next));
    return rows;
  }

  function set(node, name, value) {
    node[name] = value === '' ? undefined : value;
  }

  ADMIN_PAGES.flows = ['/api/flows', [], loadPage];
})();
