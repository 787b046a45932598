// Switchboard workbench: the online service's administration pages (plain ES2020, no build step). Session flows
// (the session node set of the shared graph editor of admin-flows.js: start, message, branch with keyword options,
// transfer, end; save a draft, publish, unpublish, delete) and website channels (bind, change the flow, delete, the
// embed snippet). A classic script after workbench.js and admin-flows.js, whose helpers
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
    readOnly: false,   // a published flow is shown, not edited
    problems: [],      // the server's [{node, message}]
    selected: 0,       // the node in the side panel (its index)
    used: [],          // the channels that run the flow
  };
  /** The session flows' node set for the shared editor (admin-flows.js). */
  const EDITOR = { prefix: 'cf', page: 'admin-chatflows', base: '/api/chat/flows', state: chat, types: NODE_TYPES,
    states: STATE_NAMES, newTitle: 'cfa.newFlow', usedKey: 'channels', reload: () => loadFlowsPage(),
    opened: (name, b) => openFlow(name, b), inUse: 'cfa.inUse',
    edgesOf, title, card: nodeCard, newNode, retarget, template };

  // ---------------------------------------------------------------------------------------------- session flows

  function flowsPage() {
    const page = $('admin-chatflows');
    if (page.dataset.built) {
      return;
    }
    page.dataset.built = 'yes';
    page.append(
      el('h2', {}, t('ui.sessionFlows')),
      el('p', { class: 'muted small' }, t('cfa.intro')),
      el('div', { class: 'row cf-bar' }, el('button', { id: 'cf-new', class: 'btn primary', type: 'button',
        onclick: () => AdminFlows.open(EDITOR, null) }, t('cfa.newFlow'))),
      el('div', { class: 'table-wrap cf-list' }, el('table', { class: 'table', id: 'chatflows-table' })),
      AdminFlows.section(EDITOR));
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
      AdminFlows.open(EDITOR, answer);
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

  /** A new node's settings besides its type and id. */
  function newNode(type) {
    if (type === 'branch') {
      return { options: [{ keywords: ['1'], next: '' }], maxErrors: 3 };
    }
    if (type === 'transfer') {
      return { group: chat.groups[0] || '' };
    }
    return type === 'end' ? { replyTimeoutSeconds: 300 } : {};
  }

  /** A node's edges for the graph: "next", or a branch's options labelled with their keywords. */
  function edgesOf(node) {
    if (node.type === 'branch') {
      const edges = (node.options || []).map((option) => [option.next, (option.keywords || []).join(', ')]);
      if (node.errorNext) {
        edges.push([node.errorNext, 'wrong ×' + (node.maxErrors || '?')]);
      }
      return edges;
    }
    return node.type === 'end' || !node.next ? [] : [[node.next, '']];
  }

  function title(node) {
    const name = node.label || node.id || '(no id)';
    return node.type === 'transfer' && node.group ? name + ' → ' + node.group : name;
  }

  /** The node's edges to `from` lead to `to` (or nowhere). */
  function retarget(node, from, to) {
    for (const key of ['next', 'errorNext']) {
      if (node[key] === from) {
        node[key] = to;
      }
    }
    for (const option of node.options || []) {
      if (option.next === from) {
        option.next = to;
      }
    }
  }

  /** The node's settings for the side panel. */
  function nodeCard(node) {
    return el('fieldset', { class: 'cf-node cf-node-' + node.type, dataset: { type: node.type, id: node.id || '' } },
      el('legend', {}, AdminFlows.typeName(EDITOR, node.type)),
      el('div', { class: 'cf-fields' }, field('Id', input(node, 'id', { required: true,
        onchange: (e) => AdminFlows.rename(EDITOR, node, e.target.value.trim()) })),
      node.type === 'start' ? null : field('Label', input(node, 'label', {}))),
      (TEXTS[node.type] || []).map(([name, label, hint]) => field(label, textArea(node, name, hint), 'wide')),
      typeFields(node));
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
            AdminFlows.render(EDITOR);
          } }, 'Add option')),
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
    });
    const next = nextSelect(option, 'next');
    next.dataset.option = String(i);
    return el('div', { class: 'row cf-option' }, field('cfa.keywords', keywords), field('cfa.goesTo', next),
      el('button', { class: 'btn small ghost-dark', type: 'button', title: t('cfa.removeThisOption'),
        onclick: () => {
          node.options.splice(i, 1);
          AdminFlows.render(EDITOR);
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
    const ids = AdminFlows.targets(EDITOR, chat.draft.nodes.includes(owner) ? owner : null, owner[name], onlyType);
    const select = el('select', { dataset: { field: name } }, el('option', { value: '' }, '(none)'),
      ids.map((id) => el('option', { value: id }, id)));
    select.value = owner[name] || '';
    select.addEventListener('change', () => {
      owner[name] = select.value || undefined;
    });
    return select;
  }

  function set(node, name, value) {
    node[name] = value === '' ? undefined : value;
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
