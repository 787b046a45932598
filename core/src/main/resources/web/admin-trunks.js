// Switchboard workbench: a carrier trunk as a form (issue 17): one field per setting of PUT /api/trunks/{name}, each
// checked as the server checks it, with the message under the field; the server's refusal shown above the button.
// The password is write-only (empty keeps the trunk's own). Loaded after admin-settings.js, whose loadTrunks lists
// the trunks and calls editTrunk; saveTrunk is wired by workbench.js.
'use strict';

/** [field, input id, kind]: text, list (comma-separated), number, check. */
const TRUNK_FORM = [['host', 'trk-host', 'text'], ['port', 'trk-port', 'number'], ['transport', 'trk-transport', 'text'],
  ['inboundAddresses', 'trk-inbound', 'list'], ['username', 'trk-username', 'text'], ['realm', 'trk-realm', 'text'],
  ['register', 'trk-register', 'check'], ['registerExpires', 'trk-expires', 'number'],
  ['registerUser', 'trk-register-user', 'text'], ['registerDomain', 'trk-register-domain', 'text'],
  ['numbers', 'trk-numbers', 'list'], ['callerId', 'trk-caller-id', 'text'],
  ['callerIdName', 'trk-caller-name', 'text'], ['maxCalls', 'trk-max-calls', 'number']];

const IPV4_CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(\/([0-9]|[12]\d|3[0-2]))?$/;

/** The checks of TrunkSettings.validate, as messages keyed by input id (empty: the form is fine). */
function trunkProblems(body, name, password) {
  const problems = {};
  const add = (id, key) => {
    problems[id] = t(key);
  };
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) {
    add('trk-name', 'trunk.err.name');
  }
  if (!/^[A-Za-z0-9_.:-]{1,253}$/.test(body.host || '')) {
    add('trk-host', 'trunk.err.host');
  }
  if (!Number.isInteger(body.port) || body.port < 1 || body.port > 65535) {
    add('trk-port', 'trunk.err.port');
  }
  if ((body.inboundAddresses || []).some((a) => !IPV4_CIDR.test(a) && !a.includes(':'))) {
    add('trk-inbound', 'trunk.err.inbound');
  }
  if (body.realm && !body.username) {
    add('trk-realm', 'trunk.err.realm');
  }
  if (body.register && !body.username) {
    add('trk-username', 'trunk.err.registerUser');
  } else if (body.username && !password && !app.editingTrunk) {
    add('trk-password', 'trunk.err.password');
  }
  if (body.register && (!Number.isInteger(body.registerExpires) || body.registerExpires < 60
    || body.registerExpires > 86400)) {
    add('trk-expires', 'trunk.err.expires');
  }
  if (body.callerId && !/^\+?\d{2,20}$/.test(body.callerId)) {
    add('trk-caller-id', 'trunk.err.callerId');
  }
  if (body.callerIdName && /["\\\u0000-\u001f]/.test(body.callerIdName)) {
    add('trk-caller-name', 'trunk.err.callerIdName');
  }
  if ((body.numbers || []).some((n) => !/^\+[1-9]\d{2,14}$/.test(n))) {
    add('trk-numbers', 'trunk.err.numbers');
  }
  if (!Number.isInteger(body.maxCalls) || body.maxCalls < 0) {
    add('trk-max-calls', 'trunk.err.maxCalls');
  }
  return problems;
}

function trunkBody() {
  const body = {};
  for (const [field, id, kind] of TRUNK_FORM) {
    const input = $(id);
    if (kind === 'check') {
      body[field] = input.checked;
    } else if (kind === 'number') {
      body[field] = input.value.trim() === '' ? 0 : Number(input.value);
    } else if (kind === 'list') {
      body[field] = listOf(input.value);
    } else if (input.value.trim()) {
      body[field] = input.value.trim();
    }
  }
  return body;
}

/** Shows each problem under its field (and clears the others); true when there is none. */
function showTrunkProblems(problems) {
  for (const node of document.querySelectorAll('#trunk-form .field-error')) {
    node.textContent = problems[node.dataset.for] || '';
    node.hidden = !problems[node.dataset.for];
  }
  for (const input of document.querySelectorAll('#trunk-form input, #trunk-form select')) {
    input.toggleAttribute('aria-invalid', Boolean(problems[input.id]));
  }
  return Object.keys(problems).length === 0;
}

function resetTrunkForm() {
  app.editingTrunk = null;
  $('trunk-form').reset();
  $('trk-name').disabled = false;
  $('trk-server-error').textContent = '';
  showTrunkProblems({});
}

function editTrunk(trunk) {
  resetTrunkForm();
  app.editingTrunk = trunk.name;
  $('trk-name').value = trunk.name;
  $('trk-name').disabled = true;
  for (const [field, id, kind] of TRUNK_FORM) {
    const value = trunk[field];
    if (kind === 'check') {
      $(id).checked = Boolean(value);
    } else if (kind === 'list') {
      $(id).value = (value || []).join(', ');
    } else {
      $(id).value = value === undefined || value === null ? '' : value;
    }
  }
  $('trk-host').focus();
}

async function saveTrunk(event) {
  event.preventDefault();
  const name = $('trk-name').value.trim();
  const body = trunkBody();
  const password = $('trk-password').value;
  $('trk-server-error').textContent = '';
  if (!showTrunkProblems(trunkProblems(body, name, password))) {
    return;
  }
  if (password) {
    body.password = password;
  }
  let saved;
  try {
    saved = await busyWhile($('trk-save'), () => api('PUT', '/api/trunks/' + encodeURIComponent(name), body));
  } catch (e) {
    $('trk-server-error').textContent = t('trunk.notSaved') + ': ' + errorText(e);
    return;
  }
  toast(t('trunk.saved', { name }), 'ok');
  resetTrunkForm();
  loadTrunks();
  return saved;
}
