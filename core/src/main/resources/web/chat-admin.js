// Switchboard workbench: the online service's administration pages (plain ES2020, no build step). Session flows
// (a form per node with a live preview of the graph; save, publish, unpublish, delete) and website channels (bind,
// change the flow, delete, the embed snippet). A classic script after workbench.js and admin-flows.js, whose helpers
// it uses (api, attempt, busyWhile, el, fillTable, toast, confirmAction ..., AdminFlows for what the voice flows'
// editor shares): it registers its pages in ADMIN_PAGES and adds no other global name.
'use strict';

(() => {
  const NODE_TYPES = { start: 'cfa.start', message: 'cfa.message', branch: 'cfa.branch',
    transfer: 'cfa.transferToAPerson',
    end: 'cfa.end' };
  /** Each type's text fields: [field, label, hint]; a blank optional text is left out (the server refuses it). */
  const TEXTS = {
    message: [['text', 'cfa.message', 'cfa.sentToTheVisitor']],
    branch: [['text', 'cfa.questionTheOptions', 'cfa.eG12'],
      ['wrongInput', 'cfa.wrongInputPrompt', 'cfa.sentOnAnyOtherReply']],
    transfer: [['queueMessage', 'cfa.queueMessage', 'cfa.waitnoVisitorsAheadEG'],
      ['failureMessage', 'cfa.noAgentMessage', 'cfa.whenNobodyOfTheGroup'],
      ['successMessage', 'cfa.successMessage', 'cfa.staffnoTheAgentEG']],
    end: [['timeoutMessage', 'cfa.timeoutMessage', 'cfa.sentWhenTheVisitorIs'],
      ['endMessage', 'cfa.endMessage', 'cfa.sentWhenTheAgentEnds']],
  };
  const STATE_NAMES = { unpublished: 'cfa.unpublished', published: 'cfa.published', 'in-use': 'cfa.inUse2' };

  const chat = {
    groups: [],        // skill group names, for transfer nodes
    flows: [],         // GET /api/chat/flows
    draft: null,       // the flow in the editor: {name, nodes}
    editing: null,     // the saved flow's name, or null for a new one
    readOnly: false,   // a published flow is shown, not edited
    problems: [],      // the server's [{node, message}]
  };
  /** The session flows for AdminFlows (admin-flows.js). */
  const EDITOR = { base: '/api/chat/flows', state: chat, ids: { problems: 'cf-problems', name: 'cf-name',
    check: 'cf-check' }, reload: () => loadFlowsPage(), render: () => renderNodes(), closed: () => closeEditor(),
  opened: (name, b) => openFlow(name, b), inUse: 'cfa.inUse',
  savedAs: (name) => {
    chat.editing = name;
  },
  deleted: (flow) => chat.editing === flow.name && closeEditor() };

  // ---------------------------------------------------------------------------------------------- session flows

  function flowsPage() {
    const page = $('admin-chatflows');
    if (page.dataset.built) {
      return;
    }
    page.dataset.built = 'yes';
    const types = el('select', { id: 'cf-add-type', 'aria-label': t('cfa.typeOfTheNewNode') },
      Object.entries(NODE_TYPES).filter(([type]) => type !== 'start')
        .map(([type, name]) => el('option', { value: type }, t(name))));
    page.append(
      el('h2', {}, t('ui.sessionFlows')),
      el('p', { class: 'muted small' }, t('cfa.intro')),
      el('div', { class: 'row cf-bar' }, el('button', { id: 'cf-new', class: 'btn primary', type: 'button',
        onclick: () => openEditor(null) }, t('cfa.newFlow'))),
      el('div', { class: 'table-wrap cf-list' }, el('table', { class: 'table', id: 'chatflows-table' })),
      el('section', { id: 'cf-editor', class: 'cf-editor', hidden: true },
        el('div', { class: 'cf-head' }, el('h3', { id: 'cf-title' }, t('cfa.newFlow')),
          el('button', { class: 'btn small', type: 'button', id: 'cf-close', onclick: closeEditor },
            t('cfa.backToTheList'))),
        el('div', { class: 'cf-layout' },
          el('div', { class: 'cf-form' },
            el('label', { class: 'cf-name' }, t('cfa.flowName') + ' ', el('input', { id: 'cf-name', type: 'text',
              maxlength: 64, required: true, title: t('cfa.upTo64CharactersNo') })),
            el('div', { id: 'cf-nodes' }),
            el('div', { class: 'row cf-add' }, types, el('button', { id: 'cf-add', class: 'btn', type: 'button',
              onclick: () => addNode(types.value) }, t('cfa.addNode'))),
            el('ul', { id: 'cf-problems', class: 'cf-problems', role: 'alert', hidden: true }),
            el('div', { class: 'row cf-actions' },
              el('button', { id: 'cf-check', class: 'btn', type: 'button',
                onclick: () => AdminFlows.check(EDITOR) }, t('cfa.check')),
              el('button', { id: 'cf-save', class: 'btn primary', type: 'button',
                onclick: (e) => AdminFlows.save(EDITOR, false, e.currentTarget) }, t('cfa.save')),
              el('button', { id: 'cf-save-publish', class: 'btn primary', type: 'button',
                onclick: (e) => AdminFlows.save(EDITOR, true, e.currentTarget) }, t('cfa.saveAndPublish')))),
          el('figure', { class: 'cf-preview' }, el('figcaption', { class: 'muted small' }, t('cfa.preview')),
            el('div', { class: 'cf-graph-wrap' }, document.createElementNS('http://www.w3.org/2000/svg', 'svg'))))));
    page.querySelector('.cf-graph-wrap svg').id = 'cf-graph';
    $('cf-name').addEventListener('input', () => {
      chat.draft.name = $('cf-name').value.trim();
    });
  }

  async function loadFlowsPage() {
    flowsPage();
    const table = $('chatflows-table');
    let groups;
    try {
      [chat.flows, groups] = await Promise.all([api('GET', '/api/chat/flows'),
        api('GET', '/api/groups').catch(() => [])]);
    } catch (e) {
      adminTableError(table, e);
      return;
    }
    chat.groups = (Array.isArray(groups) ? groups : []).map((g) => g.name);
    fillTable(table, [['ui.objectName', (f) => f.name],
      ['cfa.state', (f) => el('span', { class: 'chip cf-state-' + f.state }, t(STATE_NAMES[f.state] || f.state))],
      ['cfa.channels', (f) => (f.channels || []).join(', ') || '–'], ['', (f) => AdminFlows.rowActions(f, EDITOR)]],
    Array.isArray(chat.flows) ? chat.flows : [], t('cfa.noSessionFlowsYet'));
  }

  async function openFlow(name, button) {
    const answer = await AdminFlows.request(button, 'GET', '/api/chat/flows/' + encodeURIComponent(name), undefined,
      t('cfa.flowNotLoaded'));
    if (answer) {
      openEditor(answer);
    }
  }

  /** A new flow starts as start → welcome message → transfer to the first group → end. */
  function template() {
    return { name: '', nodes: [
      { type: 'start', id: 'start', next: 'welcome' },
      { type: 'message', id: 'welcome', label: 'Welcome', text: '您好，欢迎咨询！Hello, welcome!', next: 'person' },
      { type: 'transfer', id: 'person', label: 'Agent', group: chat.groups[0] || '',
        queueMessage: '当前排队人数为${WaitNo}', failureMessage: '当前无客服在线，请稍后咨询',
        successMessage: '客服${StaffNo}为您服务', next: 'end' },
      { type: 'end', id: 'end', label: 'cfa.end', replyTimeoutSeconds: 300,
        timeoutMessage: '由于您长时间未回复，本次服务已自动结束', endMessage: '感谢您的咨询，再见' },
    ] };
  }

  function openEditor(answer) {
    chat.editing = answer ? answer.name : null;
    chat.readOnly = Boolean(answer && answer.state !== 'unpublished');
    chat.draft = answer ? JSON.parse(JSON.stringify(answer.flow || { name: answer.name, nodes: [] })) : template();
    chat.draft.nodes = Array.isArray(chat.draft.nodes) ? chat.draft.nodes : [];
    chat.problems = [];
    $('cf-title').textContent = !answer ? t('ivr.newFlow') : (chat.readOnly ? t('ivr.readOnly', { name: answer.name,
      state: t(STATE_NAMES[answer.state] || answer.state) }) : t('ivr.editFlow', { name: answer.name }));
    $('cf-name').value = chat.draft.name || '';
    $('cf-name').disabled = Boolean(answer);
    for (const id of ['cf-add', 'cf-add-type', 'cf-check', 'cf-save', 'cf-save-publish']) {
      $(id).disabled = chat.readOnly;
    }
    showEditor(true);
    renderNodes();
    if (!answer) {
      $('cf-name').focus();
    }
  }

  /** The editor takes the list's place, so that the form and its preview have the page's height. */
  function showEditor(open) {
    $('cf-editor').hidden = !open;
    for (const part of $('admin-chatflows').querySelectorAll('.cf-bar, .cf-list')) {
      part.hidden = open;
    }
  }

  function closeEditor() {
    showEditor(false);
    chat.draft = null;
  }

  function addNode(type) {
    const taken = new Set(chat.draft.nodes.map((n) => n.id));
    let n = 1;
    while (taken.has(type + n)) {
      n++;
    }
    const node = { type, id: type + n };
    if (type === 'branch') {
      Object.assign(node, { options: [{ keywords: ['1'], next: '' }], maxErrors: 3 });
    } else if (type === 'transfer') {
      node.group = chat.groups[0] || '';
    } else if (type === 'end') {
      node.replyTimeoutSeconds = 300;
    }
    chat.draft.nodes.push(node);
    renderNodes();
    const cards = $('cf-nodes').querySelectorAll('.cf-node');
    cards[cards.length - 1].querySelector('[data-field=id]').focus();
  }

  // the node cards: every input writes to the draft and redraws the preview; a change of the graph (ids, edges,
  // nodes added or removed) rebuilds the cards so the "next" lists offer the ids there are

  function renderNodes() {
    const bad = new Set(chat.problems.map((p) => p.node).filter(Boolean));
    $('cf-nodes').replaceChildren(...chat.draft.nodes.map((node, index) => nodeCard(node, index, bad.has(node.id))));
    for (const input of $('cf-nodes').querySelectorAll('input, select, textarea, button')) {
      input.disabled = chat.readOnly;
    }
    AdminFlows.showProblems(EDITOR);
    redraw();
  }

  function redraw() {
    ChatFlowGraph.render($('cf-graph'), chat.draft,
      new Set(chat.problems.map((p) => p.node).filter(Boolean)));
  }

  function nodeCard(node, index, bad) {
    const card = el('fieldset', { class: 'cf-node cf-node-' + node.type + (bad ? ' cf-bad' : ''),
      dataset: { index: String(index), type: node.type } },
    el('legend', {}, t(NODE_TYPES[node.type] || node.type)),
    el('div', { class: 'cf-fields' },
      field('cfa.id', input(node, 'id', { required: true, onchange: (e) => renameNode(node, e.target.value.trim()) })),
      node.type === 'start' ? null : field('cfa.label', input(node, 'label', {}))),
    (TEXTS[node.type] || []).map(([name, label, hint]) => field(label, textArea(node, name, hint), 'wide')),
    typeFields(node));
    if (node.type !== 'start') {
      card.querySelector('legend').append(' ', el('button', { class: 'btn small ghost-dark cf-remove', type: 'button',
        title: t('cfa.removeThisNode'), 'aria-label': t('ivr.removeNode', { id: node.id }),
        onclick: () => removeNode(index) }, '✕'));
    }
    return card;
  }

  function typeFields(node) {
    if (node.type === 'start' || node.type === 'message') {
      return el('div', { class: 'cf-fields' }, field('cfa.next', nextSelect(node, 'next')));
    }
    if (node.type === 'transfer') {
      const groups = chat.groups.includes(node.group) || !node.group ? chat.groups : [node.group, ...chat.groups];
      const select = el('select', { dataset: { field: 'group' } }, el('option', { value: '' }, t('cfa.chooseAGroup')),
        groups.map((g) => el('option', { value: g }, g)));
      select.value = node.group || '';
      select.addEventListener('change', () => set(node, 'group', select.value));
      return el('div', { class: 'cf-fields' }, field('cfa.skillGroup', select),
        field('cfa.thenTheEndOfThe', nextSelect(node, 'next', 'end')));
    }
    if (node.type === 'end') {
      return el('div', { class: 'cf-fields' }, field('cfa.replyTimeoutS0Never',
        input(node, 'replyTimeoutSeconds', { type: 'number', min: 0, max: 86400 })));
    }
    if (node.type === 'branch') {
      return el('div', {}, el('div', { class: 'cf-options' },
        (node.options || []).map((option, i) => optionRow(node, option, i)),
        el('button', { class: 'btn small', type: 'button', dataset: { action: 'add-option' },
          onclick: () => {
            node.options = [...(node.options || []), { keywords: [], next: '' }];
            renderNodes();
          } }, t('cfa.addOption'))),
      el('div', { class: 'cf-fields' },
        field('cfa.errorLimit', input(node, 'maxErrors', { type: 'number', min: 1, max: 10 })),
        field('cfa.afterTooManyWrongReplies', nextSelect(node, 'errorNext'))));
    }
    return null;
  }

  function optionRow(node, option, i) {
    const keywords = el('input', { type: 'text', value: (option.keywords || []).join(', '),
      placeholder: '1, 咨询', dataset: { field: 'keywords', option: String(i) },
      title: t('cfa.keywordsSeparatedByCommasAny') });
    keywords.addEventListener('input', () => {
      option.keywords = keywords.value.split(/[,，]/).map((k) => k.trim()).filter(Boolean);
      redraw();
    });
    const next = nextSelect(option, 'next');
    next.dataset.option = String(i);
    return el('div', { class: 'row cf-option' }, field('cfa.keywords', keywords), field('cfa.goesTo', next),
      el('button', { class: 'btn small ghost-dark', type: 'button', title: t('cfa.removeThisOption'),
        onclick: () => {
          node.options.splice(i, 1);
          renderNodes();
        } }, '✕'));
  }

  function field(label, control, wide) {
    return el('label', { class: 'cf-field' + (wide ? ' wide' : '') }, t(label), control);
  }

  function input(node, name, attrs) {
    const numeric = attrs.type === 'number';
    const control = el('input', Object.assign({ type: 'text', dataset: { field: name } }, attrs,
      { value: node[name] ?? '' }));
    control.addEventListener('input', () => {
      if (name !== 'id') {
        set(node, name, numeric ? (control.value === '' ? undefined : Number(control.value)) : control.value);
      }
    });
    return control;
  }

  function textArea(node, name, hint) {
    const area = el('textarea', { rows: 2, placeholder: t(hint), title: t(hint), dataset: { field: name },
      maxlength: 2000 });
    area.value = node[name] || '';
    area.addEventListener('input', () => set(node, name, area.value));
    return area;
  }

  /** A list of the flow's other nodes to go to (`onlyType`: only nodes of that type). */
  function nextSelect(owner, name, onlyType) {
    const ids = chat.draft.nodes.filter((n) => n.id && n !== owner && n.type !== 'start'
      && (!onlyType || n.type === onlyType)).map((n) => n.id);
    if (owner[name] && !ids.includes(owner[name])) {
      ids.push(owner[name]);
    }
    const select = el('select', { dataset: { field: name } }, el('option', { value: '' }, t('cfa.none')),
      ids.map((id) => el('option', { value: id }, id)));
    select.value = owner[name] || '';
    select.addEventListener('change', () => {
      owner[name] = select.value || undefined;
      redraw();
    });
    return select;
  }

  function set(node, name, value) {
    node[name] = value === '' ? undefined : value;
    redraw();
  }

  /** A node's new id, and every edge to it follows. */
  function renameNode(node, id) {
    const old = node.id;
    node.id = id;
    for (const other of chat.draft.nodes) {
      for (const key of ['next', 'errorNext']) {
        if (old && other[key] === old) {
          other[key] = id;
        }
      }
      for (const option of other.options || []) {
        if (old && option.next === old) {
          option.next = id;
        }
      }
    }
    renderNodes();
  }

  function removeNode(index) {
    chat.draft.nodes.splice(index, 1);
    renderNodes();
  }

  // ---------------------------------------------------------------------------------------------- channels

  function snippet(channel) {
    return '<script src="' + location.origin + '/web/chat-widget.js" data-channel="' + channel
      + '" data-title="Chat with us" data-button="Chat" async></script>';
  }

  function channelsPage() {
    const page = $('admin-channels');
    if (page.dataset.built) {
      return;
    }
    page.dataset.built = 'yes';
    page.append(
      el('h2', {}, t('ui.websiteChannels')),
      el('p', { class: 'muted small' }, t('cfa.channelsIntro')),
      el('form', { id: 'channel-form', class: 'filters', onsubmit: saveChannel },
        el('label', {}, t('ui.objectName') + ' ', el('input', { id: 'ch-name', type: 'text', required: true, maxlength: 64,
          placeholder: 'shop' })),
        el('label', {}, t('cfa.domain') + ' ', el('input', { id: 'ch-domain', type: 'text', required: true,
          placeholder: 'www.example.com' })),
        el('label', {}, t('apa.flow') + ' ', el('select', { id: 'ch-flow', required: true })),
        el('button', { id: 'ch-save', class: 'btn primary', type: 'submit' }, t('cfa.bindSite'))),
      el('div', { class: 'table-wrap' }, el('table', { class: 'table', id: 'channels-table' })),
      el('section', { id: 'ch-snippet-box', class: 'cf-snippet', hidden: true },
        el('h3', { id: 'ch-snippet-title' }, t('cfa.embedSnippet')),
        el('p', { class: 'muted small' }, t('cfa.snippetHint')),
        el('textarea', { id: 'ch-snippet', rows: 3, readonly: true, spellcheck: 'false' })));
  }

  async function loadChannelsPage() {
    channelsPage();
    const table = $('channels-table');
    let channels;
    let flows;
    try {
      [channels, flows] = await Promise.all([api('GET', '/api/chat/channels'), api('GET', '/api/chat/flows')]);
    } catch (e) {
      adminTableError(table, e);
      return;
    }
    const usable = (Array.isArray(flows) ? flows : []).filter((f) => f.state !== 'unpublished').map((f) => f.name);
    const chosen = $('ch-flow').value;
    $('ch-flow').replaceChildren(...usable.map((name) => el('option', { value: name }, name)));
    if (usable.includes(chosen)) {
      $('ch-flow').value = chosen;
    }
    $('ch-save').disabled = !usable.length;
    $('ch-save').title = usable.length ? '' : t('cfa.publishASessionFlowFirst');
    const flowCell = (c) => {
      const select = el('select', { 'aria-label': t('apa.flowOf', { name: c.name }), dataset: { channel: c.name } },
        el('option', { value: '' }, t('cfa.none')), usable.map((name) => el('option', { value: name }, name)));
      select.value = c.flow || '';
      select.addEventListener('change', () => changeFlow(c, select.value || null, select));
      return select;
    };
    fillTable(table, [['ui.objectName', (c) => c.name], ['cfa.domain', (c) => c.domain], ['cfa.sessionFlow', flowCell],
      ['', (c) => actions(smallButton(t('cfa.embedSnippet'), () => showSnippet(c, true)),
        smallButton(t('cfa.delete'), (b) => deleteChannel(c, b), true))]],
    (Array.isArray(channels) ? channels : []).filter((c) => c.kind !== 'app'), t('cfa.noWebsiteChannels'));
  }

  async function saveChannel(event) {
    event.preventDefault();
    const name = $('ch-name').value.trim();
    const body = { domain: $('ch-domain').value.trim(), flow: $('ch-flow').value || null };
    const saved = await AdminFlows.request($('ch-save'), 'PUT', '/api/chat/channels/' + encodeURIComponent(name), body,
      t('cfa.channelNotSaved'));
    if (saved) {
      toast(t('cfa.bound', { name, domain: body.domain }), 'ok');
      $('channel-form').reset();
      await loadChannelsPage();
      showSnippet(saved, false);
    }
  }

  async function changeFlow(channel, flow, select) {
    const saved = await AdminFlows.request(select, 'PUT', '/api/chat/channels/' + encodeURIComponent(channel.name),
      { domain: channel.domain, flow }, t('cfa.flowNotChanged'));
    if (saved) {
      toast(flow ? t('cfa.runs', { name: channel.name, flow }) : t('cfa.noFlow', { name: channel.name }), 'ok');
    }
    loadChannelsPage();
  }

  async function deleteChannel(channel, button) {
    if (await AdminFlows.confirmedDelete(button, t('cfa.deleteConfirm', { name: channel.name, domain: channel.domain }),
      '/api/chat/channels/' + encodeURIComponent(channel.name), t('cfa.channel', { name: channel.name }))) {
      $('ch-snippet-box').hidden = true;
      loadChannelsPage();
    }
  }

  /** Shows the channel's snippet and (when asked) copies it: the clipboard API where allowed, else selection. */
  async function showSnippet(channel, copy) {
    const area = $('ch-snippet');
    area.value = snippet(channel.name);
    $('ch-snippet-title').textContent = t('cfa.snippetOf', { name: channel.name, domain: channel.domain });
    $('ch-snippet-box').hidden = false;
    if (!copy) {
      return;
    }
    area.focus();
    area.select();
    let copied = false;
    try {
      // a browser that neither writes nor refuses (no focus, no permission yet) is not waited for long
      await Promise.race([navigator.clipboard.writeText(area.value),
        new Promise((resolve, reject) => setTimeout(() => reject(new Error('timeout')), 2000))]);
      copied = true;
    } catch (e) {
      copied = document.execCommand && document.execCommand('copy');
    }
    toast(copied ? t('cfa.copied') : t('cfa.selected'), 'ok');
  }

  ADMIN_PAGES.chatflows = ['/api/chat/flows', [], loadFlowsPage];
  ADMIN_PAGES.channels = ['/api/chat/channels', [], loadChannelsPage];
})();
