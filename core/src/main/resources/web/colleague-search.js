// The colleague search of "Make a call" (员工内线通话: "通过技能组或邮箱搜索需要联系的员工，选中对应的员工或话机后单击
// 呼叫"): as the agent types, GET /api/colleagues?q= lists the agents (name, staff number, extension, state, skill
// groups) and the phones (extensions of no agent) that match; a click calls one (POST /api/agents/{me}/call). The
// field's own Call button calls what was typed: a staff number, an e-mail or an extension. After workbench-call.js.
'use strict';

const colleagueSearch = { timer: 0, seq: 0 };

/** Searches again a moment after the last key. */
function colleagueQuery() {
  clearTimeout(colleagueSearch.timer);
  colleagueSearch.timer = setTimeout(searchColleagues, 200);
}

async function searchColleagues() {
  const q = $('internal-to').value.trim();
  const list = $('colleague-results');
  const seq = ++colleagueSearch.seq;
  if (!q) {
    list.replaceChildren();
    list.hidden = true;
    return;
  }
  let found;
  try {
    found = await api('GET', '/api/colleagues?q=' + encodeURIComponent(q));
  } catch (e) {
    if (seq === colleagueSearch.seq) {
      list.replaceChildren(el('li', { class: 'form-error' }, errorText(e)));
      list.hidden = false;
    }
    return;
  }
  if (seq !== colleagueSearch.seq) {
    return;   // a later search is on its way
  }
  const rows = found.filter((c) => c.kind !== 'agent' || !app.me || c.staffNo !== app.me.staffNo);
  list.replaceChildren(...(rows.length ? rows.map(colleagueRow)
    : [el('li', { class: 'muted colleague-none' }, t('colleague.none'))]));
  list.hidden = false;
}

function colleagueRow(c) {
  const canDial = !$('internal-submit').disabled;
  if (c.kind === 'phone') {
    return el('li', { class: 'colleague', dataset: { extension: c.extension } },
      el('span', { class: 'colleague-main' },
        el('strong', { class: 'colleague-name' }, t('colleague.phone', { ext: c.extension })),
        el('span', { class: 'muted small' }, c.registered ? t('colleague.registered') : t('colleague.notRegistered'))),
      el('button', {
        class: 'btn small', type: 'button', disabled: !c.registered || !canDial,
        onclick: (e) => callFromSearch({ extension: c.extension }, c.extension, e.currentTarget),
      }, t('dial.call')));
  }
  const details = [c.staffNo, c.extension ? t('user.ext', { ext: c.extension }) : null,
    (c.groups || []).join(', ') || null].filter(Boolean).join(' · ');
  return el('li', { class: 'colleague', dataset: { staffNo: c.staffNo } },
    el('span', { class: 'colleague-main' },
      el('strong', { class: 'colleague-name' }, c.name || c.staffNo),
      el('span', { class: 'muted small' }, details)),
    el('span', { class: 'chip st-' + c.state }, STATE_LABELS[c.state] || c.state),
    el('button', {
      class: 'btn small', type: 'button', disabled: !canDial,
      onclick: (e) => callFromSearch({ to: c.staffNo }, c.name || c.staffNo, e.currentTarget),
    }, t('dial.call')));
}

async function callFromSearch(body, whom, button) {
  const done = await attempt(() => busyWhile(button, () =>
    api('POST', '/api/agents/' + encodeURIComponent(app.me.staffNo) + '/call', body)), t('dial.notCalled'));
  if (done) {
    ownCallStarted(whom);
    $('internal-to').value = '';
    $('colleague-results').replaceChildren();
    $('colleague-results').hidden = true;
  }
}
