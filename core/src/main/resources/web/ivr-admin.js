// Switchboard workbench: the voice flows' (IVR) administration page. The list of /api/flows with publish,
// unpublish and delete, and an editor: a card per node (start, play, key menu, transfer, satisfaction survey, end)
// whose fields are the flow JSON's (README "IVR flows"), Check (POST /api/flows/validate: the problems name the
// node), Save (PUT, unpublished) and Save and publish. A prompt is text to speech (English or Mandarin) or an audio
// of the library. A classic script after workbench.js and admin-flows.js (what it shares with the session flows'
// editor), whose helpers it uses; it registers its page in ADMIN_PAGES and adds no other global name.
'use strict';

(() => {
  const TYPES = { start: 'ivr.start', play: 'ivr.playAPrompt', branch: 'ivr.keyMenu', transfer: 'ivr.transferToAGroup',
    survey: 'ui.satisfactionSurvey', end: 'ivr.endHangUp' };
  const STATES = { unpublished: 'ivr.unpublished', published: 'ivr.published', 'in-use': 'ivr.inUse2' };
  /** Each type's fields after id and label: [field, kind, label, min, max]; a kind ending in ? is optional. */
  const FIELDS = {
    start: [['next', 'next', 'ivr.next']],
    play: [['prompt', 'prompt', 'ivr.prompt'], ['next', 'next', 'ivr.next']],
    branch: [['prompt', 'prompt', 'ivr.promptSaysTheKeys'],
      ['keys', 'keys', 'ivr.keysKeyNodeCommaSeparated'],
      ['timeoutSeconds', 'number', 'ivr.keyTimeoutS', 1, 60], ['maxErrors', 'number', 'ivr.missesBeforeHangUp', 1, 10],
      ['timeoutPrompt', 'prompt?', 'ivr.noKeyPrompt'], ['errorPrompt', 'prompt?', 'ivr.wrongKeyPrompt']],
    transfer: [['group', 'group', 'ivr.skillGroup'], ['prompt', 'prompt?', 'ivr.promptWhileTransferring'],
      ['music', 'audio?', 'ivr.queueMusicAudioIdEmpty'],
      ['announceSeconds', 'number', 'ivr.sayThePlaceEveryS', 0, 600],
      ['positionPrompt', 'prompt?', 'ivr.placePromptWaitno'],
      ['answerPrompt', 'prompt?', 'ivr.answerPromptStaffno']],
    survey: [['prompt', 'prompt', 'ivr.promptSaysTheLevels'], ['levels', 'number', 'ivr.levelsKeys1N', 2, 5],
      ['timeoutSeconds', 'number', 'ivr.keyTimeoutS', 1, 60], ['next', 'next', 'ivr.then']],
    end: [['prompt', 'prompt?', 'ivr.goodbyePrompt']],
  };
  const VOICES = { en: 'ivr.speechEnglish', zh: 'ivr.speech', audio: 'ivr.audioLibraryId' };

  const vf = {
    flows: [],
    groups: [],
    survey: null,     // GET /api/survey: the default survey node says its levels
    draft: null,      // {name, nodes}
    readOnly: false,
    problems: [],     // [{node, message}]
  };
  /** The voice flows for AdminFlows (admin-flows.js). */
  const EDITOR = { base: '/api/flows', state: vf, ids: { problems: 'vf-problems', name: 'vf-name', check: 'vf-check' },
    reload: () => loadPage(), render: () => render(), closed: () => showEditor(false),
    opened: (name, b) => openFlow(name, b), inUse: 'ivr.inUse' };

  function page() {
    const root = $('admin-flows');
    if (root.dataset.built) {
      return;
    }
    root.dataset.built = 'yes';
    const types = el('select', { id: 'vf-add-type', 'aria-label': t('ivr.typeOfTheNewNode') },
      Object.entries(TYPES).filter(([type]) => type !== 'start')
        .map(([type, name]) => el('option', { value: type }, t(name))));
    const button = (id, label, onclick, primary) => el('button', { id, class: 'btn' + (primary ? ' primary' : ''),
      type: 'button', onclick }, label);
    root.append(
      el('h2', {}, t('ivr.voiceFlowsIvr')),
      el('p', { class: 'muted small' }, t('ivr.intro')),
      el('div', { class: 'row cf-bar vf-bar' }, button('vf-new', t('ivr.newFlow'), () => openEditor(null), true)),
      el('div', { class: 'table-wrap cf-list vf-list' }, el('table', { class: 'table', id: 'flows-table' })),
      el('datalist', { id: 'vf-audio' }),
      el('section', { id: 'vf-editor', class: 'cf-editor', hidden: true },
        el('div', { class: 'cf-head' }, el('h3', { id: 'vf-title' }, t('ivr.newFlow')),
          el('button', { class: 'btn small', type: 'button', id: 'vf-close', onclick: () => showEditor(false) },
            t('ivr.backToTheList'))),
        el('div', { class: 'cf-form vf-form' },
          el('label', { class: 'cf-name' }, t('cfa.flowName') + ' ', el('input', { id: 'vf-name', type: 'text',
            maxlength: 64, required: true })),
          el('div', { id: 'vf-nodes' }),
          el('div', { class: 'row cf-add' }, types, button('vf-add', t('ivr.addNode'), () => addNode(types.value))),
          el('ul', { id: 'vf-problems', class: 'cf-problems', role: 'alert', hidden: true }),
          el('div', { class: 'row cf-actions' }, button('vf-check', t('ivr.check'), () => AdminFlows.check(EDITOR)),
            button('vf-save', t('ivr.save'), (e) => AdminFlows.save(EDITOR, false, e.currentTarget), true),
            button('vf-save-publish', t('ivr.saveAndPublish'), (e) => AdminFlows.save(EDITOR, true, e.currentTarget),
              true)))));
    $('vf-name').addEventListener('input', () => {
      vf.draft.name = $('vf-name').value.trim();
    });
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
      openEditor(answer);
    }
  }

  function openEditor(answer) {
    vf.readOnly = Boolean(answer && answer.state !== 'unpublished');
    vf.draft = answer ? JSON.parse(JSON.stringify(answer.flow || { name: answer.name, nodes: [] }))
      : { name: '', nodes: [{ type: 'start', id: 'start', next: '' }] };
    vf.draft.nodes = Array.isArray(vf.draft.nodes) ? vf.draft.nodes : [];
    vf.problems = [];
    $('vf-title').textContent = !answer ? t('ivr.newVoiceFlow') : (vf.readOnly ? t('ivr.readOnly', { name: answer.name,
      state: t(STATES[answer.state] || answer.state) }) : t('ivr.editFlow', { name: answer.name }));
    $('vf-name').value = vf.draft.name || '';
    $('vf-name').disabled = Boolean(answer);
    for (const id of ['vf-add', 'vf-add-type', 'vf-check', 'vf-save', 'vf-save-publish']) {
      $(id).disabled = vf.readOnly;
    }
    showEditor(true);
    render();
  }

  /** The editor takes the list's place. */
  function showEditor(open) {
    $('vf-editor').hidden = !open;
    for (const part of $('admin-flows').querySelectorAll('.vf-bar, .vf-list')) {
      part.hidden = open;
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

  function addNode(type) {
    const taken = new Set(vf.draft.nodes.map((n) => n.id));
    let n = 1;
    while (taken.has(type + n)) {
      n++;
    }
    const node = { type, id: type + n };
    if (type === 'branch') {
      Object.assign(node, { keys: {}, timeoutSeconds: 5, maxErrors: 3 });
    } else if (type === 'transfer') {
      Object.assign(node, { group: vf.groups[0] || '', announceSeconds: 0 });
    } else if (type === 'survey') {
      const levels = vf.survey && Array.isArray(vf.survey.levels) ? vf.survey.levels.length : 5;
      Object.assign(node, { prompt: surveyPrompt(), levels, timeoutSeconds: 8 });
    }
    vf.draft.nodes.push(node);
    render();
    const cards = $('vf-nodes').querySelectorAll('.cf-node');
    cards[cards.length - 1].querySelector('[data-field=id]').focus();
  }

  // the node cards: every input writes to the draft; a change of the graph (ids, nodes added or removed) draws the
  // cards again so the "next" lists offer the ids there are

  function render() {
    const bad = new Set(vf.problems.map((p) => p.node).filter(Boolean));
    $('vf-nodes').replaceChildren(...vf.draft.nodes.map((node, index) => card(node, index, bad.has(node.id))));
    for (const control of $('vf-nodes').querySelectorAll('input, select, textarea, button')) {
      control.disabled = vf.readOnly;
    }
    AdminFlows.showProblems(EDITOR);
  }

  function card(node, index, bad) {
    const id = el('input', { type: 'text', required: true, value: node.id || '', dataset: { field: 'id' } });
    id.addEventListener('change', () => rename(node, id.value.trim()));
    const label = el('input', { type: 'text', value: node.label || '', dataset: { field: 'label' } });
    label.addEventListener('input', () => set(node, 'label', label.value));
    const legend = el('legend', {}, t(TYPES[node.type] || node.type));
    if (node.type !== 'start') {
      legend.append(' ', el('button', { class: 'btn small ghost-dark cf-remove', type: 'button',
        title: t('ivr.removeThisNode'), 'aria-label': t('ivr.removeNode', { id: node.id }), onclick: () => {
          vf.draft.nodes.splice(index, 1);
          render();
        } }, '✕'));
    }
    return el('fieldset', { class: 'cf-node cf-node-' + node.type + (bad ? ' cf-bad' : ''),
      dataset: { index: String(index), type: node.type, id: node.id || '' } }, legend,
    el('div', { class: 'cf-fields' }, field(t('cfa.id'), id),
      node.type === 'start' ? null : field(t('cfa.label'), label)),
    el('div', { class: 'cf-fields' }, (FIELDS[node.type] || []).map(([name, kind, text, min, max]) =>
      field(t(text), control(node, name, kind.replace('?', ''), min, max), kind.startsWith('prompt') ? 'wide' : ''))));
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
      return keysInput(node);
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
    const ids = vf.draft.nodes.filter((n) => n.id && n !== node && n.type !== 'start').map((n) => n.id);
    if (node[name] && !ids.includes(node[name])) {
      ids.push(node[name]);
    }
    return select(node, name, ids, t('ivr.none'));
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

  /** A key menu's keys as "1=support, 2=sales": the map {"1": "support", "2": "sales"}. */
  function keysInput(node) {
    const input = el('input', { type: 'text', dataset: { field: 'keys' }, placeholder: '1=support, 2=sales',
      value: Object.entries(node.keys || {}).map(([key, next]) => key + '=' + next).join(', ') });
    input.addEventListener('input', () => {
      node.keys = Object.fromEntries(input.value.split(/[,，]/).map((pair) => pair.split('=').map((s) => s.trim()))
        .filter((pair) => pair[0]).map(([key, next]) => [key, next || '']));
    });
    return input;
  }

  function set(node, name, value) {
    node[name] = value === '' ? undefined : value;
  }

  /** A node's new id, and every edge to it follows. */
  function rename(node, id) {
    const old = node.id;
    node.id = id;
    for (const other of vf.draft.nodes) {
      if (old && other.next === old) {
        other.next = id;
      }
      for (const key of Object.keys(other.keys || {})) {
        if (old && other.keys[key] === old) {
          other.keys[key] = id;
        }
      }
    }
    render();
  }

  ADMIN_PAGES.flows = ['/api/flows', [], loadPage];
})();
