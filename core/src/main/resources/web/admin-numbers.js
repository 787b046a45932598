// Switchboard workbench: the numbers' administration page (电话管理, 001 管理电话号码; issue 17). Every number with
// its direction (inbound, outbound: a caller ID agents may show, or both) and what it is bound to: a voice flow
// (bound and unbound here, PUT /api/numbers/{number}, journalled) or a skill group's queue (from the configuration,
// shown). A classic script after admin-pages.js; it registers its page in ADMIN_PAGES and adds no other global.
'use strict';

(() => {
  const DIRECTIONS = ['inbound', 'outbound', 'both'];

  function numbersPage() {
    const page = $('admin-numbers');
    if (page.dataset.built) {
      return;
    }
    page.dataset.built = 'yes';
    page.replaceChildren(
      el('h2', {}, t('numbers.title')),
      el('p', { class: 'muted small' }, t('numbers.hint')),
      el('form', { id: 'number-form', class: 'filters', onsubmit: bind },
        el('label', {}, t('numbers.number') + ' ', el('input', { id: 'num-number', type: 'text', required: true,
          inputmode: 'tel', maxlength: '32' })),
        el('label', {}, t('numbers.direction') + ' ', el('select', { id: 'num-direction' },
          DIRECTIONS.map((d) => el('option', { value: d }, t('numbers.dir.' + d))))),
        el('label', {}, t('numbers.flow') + ' ', el('select', { id: 'num-flow' })),
        el('button', { id: 'num-bind', class: 'btn primary', type: 'submit' }, t('numbers.bind'))),
      el('div', { class: 'table-wrap' }, el('table', { class: 'table', id: 'numbers-table' })));
  }

  function boundTo(n) {
    const parts = [];
    if (n.flow) {
      parts.push(t('numbers.toFlow', { name: n.flow }));
    }
    if (n.group) {
      parts.push(t('numbers.toGroup', { name: n.group }));
    }
    return parts.length ? parts.join(' · ') : t('numbers.unbound');
  }

  async function loadNumbersPage() {
    numbersPage();
    const table = $('numbers-table');
    let rows;
    let flows;
    try {
      [rows, flows] = await Promise.all([api('GET', '/api/numbers'), api('GET', '/api/flows').catch(() => [])]);
    } catch (e) {
      adminTableError(table, e);
      return;
    }
    const select = $('num-flow');
    const chosen = select.value;
    const usable = (Array.isArray(flows) ? flows : []).filter((f) => f.state !== 'unpublished');
    select.replaceChildren(...usable.map((f) => el('option', { value: f.name }, f.name)));
    if (usable.some((f) => f.name === chosen)) {
      select.value = chosen;
    }
    fillTable(table, [
      [t('numbers.number'), (n) => n.number],
      [t('numbers.direction'), (n) => t('numbers.dir.' + n.direction)],
      [t('numbers.boundTo'), boundTo],
      ['', (n) => actions(
        smallButton(t('numbers.edit'), () => edit(n)),
        n.flow ? smallButton(t('numbers.unbind'), (button) => unbind(n, button), true) : null)],
    ], Array.isArray(rows) ? rows : [], t('numbers.none'));
  }

  function edit(number) {
    $('num-number').value = number.number;
    $('num-direction').value = number.direction;
    if (number.flow) {
      $('num-flow').value = number.flow;
    }
    $('num-flow').focus();
  }

  async function put(number, body, button, failed) {
    return attempt(() => busyWhile(button, () => api('PUT', '/api/numbers/' + encodeURIComponent(number), body)),
      failed);
  }

  async function bind(event) {
    event.preventDefault();
    const number = $('num-number').value.trim();
    const flow = $('num-flow').value;
    if (!flow) {
      toast(t('numbers.noFlow'));
      return;
    }
    const done = await put(number, { direction: $('num-direction').value, flow }, $('num-bind'),
      t('numbers.notBound'));
    if (done) {
      toast(t('numbers.bound', { number, name: flow }), 'ok');
      $('number-form').reset();
      loadNumbersPage();
    }
  }

  async function unbind(number, button) {
    if (!await confirmAction(t('numbers.unbindConfirm', { number: number.number, name: number.flow }))) {
      return;
    }
    const done = await put(number.number, { direction: number.direction, flow: null }, button,
      t('numbers.notUnbound'));
    if (done) {
      toast(t('numbers.unboundDone', { number: number.number }), 'ok');
      loadNumbersPage();
    }
  }

  ADMIN_PAGES.numbers = ['/api/numbers', [], loadNumbersPage];
})();
