// The workbench's languages: English and Simplified Chinese (i18n-zh.js, words as the manuals use them). Loaded
// first, before workbench-base.js. Static texts are marked in index.html (data-i18n="key" for the text,
// data-i18n-title, data-i18n-placeholder, data-i18n-aria-label for attributes) and filled by applyI18n; scripts say
// t('key', {name: value}). The language is the one the person chose (kept with the account on the server, and in
// localStorage before log-in), else the browser's (a first language zh* is Chinese, anything else English).
'use strict';

const I18N_LANGUAGES = ['en', 'zh-CN'];
const I18N_STORE = 'sb-language';

/** English: the reference; a key missing in another language falls back to it, and a missing one to the key. */
const I18N = {
  en: {
    'app.title': 'Switchboard · Agent workbench',
    'lang.label': 'Language',
    'login.sub': 'Agent workbench', 'login.email': 'E-mail', 'login.password': 'Password', 'login.submit': 'Log in',
    'login.busy': 'Logging in…', 'login.failed': 'Log-in failed',
    'login.noAccounts': 'This server has no accounts yet: log-in is not available.',
    'session.ended': 'Your session has ended. Please log in again.',
    'top.stateTitle': 'Your state and how long you have been in it', 'top.connTitle': 'Live events from the server',
    'tab.workbench': 'Workbench', 'tab.supervision': 'Supervision', 'tab.records': 'Records',
    'tab.admin': 'Administration', 'top.password': 'Password', 'top.logout': 'Log out',
    'conn.live': '● Live', 'conn.connecting': '● Connecting…', 'conn.down': '● Reconnecting…',
    'role.admin': 'Administrator', 'role.supervisor': 'Supervisor', 'role.agent': 'Agent', 'user.ext': 'ext. {ext}',
    'state.idle': 'Idle', 'state.busy': 'Busy', 'state.break': 'Break', 'state.ringing': 'Ringing',
    'state.on-call': 'On call', 'state.wrap-up': 'Wrap-up', 'state.offline': 'Offline',
    'state.idle.sub': 'ready for calls', 'state.busy.sub': 'no calls offered', 'state.break.sub': 'with a reason',
    'state.offline.sub': 'signed out', 'state.mine': 'My state',
    'state.noAgent': 'This account is not an agent: it takes no calls.', 'state.breakReason': 'Break reason',
    'state.system': 'States the system sets', 'state.you': 'You are {state}', 'state.notChanged': 'State not changed',
    'wrapup.before': 'Wrap-up', 'wrapup.after': 's left', 'wrapup.end': 'End wrap-up',
    'wrapup.notEnded': 'Wrap-up not ended', 'wrapup.notExtended': 'Wrap-up not extended',
    'wrapup.keep': 'Keep wrapping up', 'wrapup.kept': 'Wrap-up kept', 'wrapup.notKept': 'Wrap-up not kept',
    'facts.callsToday': 'Calls today', 'facts.groups': 'Groups', 'facts.extension': 'Extension',
    'facts.phone': 'Phone', 'facts.change': 'Change',
    'offer.incoming': 'Incoming call', 'offer.dialled': 'dialled', 'offer.keys': 'keys pressed',
    'offer.countdown': 'Seconds left before the call goes to the next agent', 'offer.answer': 'Answer',
    'offer.hint': 'Answer on your phone', 'offer.unknown': 'Unknown caller', 'offer.title': 'incoming call',
    'offer.notAnswered': 'Not answered: {why}', 'offer.gone': 'the caller is no longer there.',
    'call.title': 'Current call', 'call.none': 'No call in progress.',
    'call.hint': 'Go Idle to take calls from your groups, or make a call on the right.',
    'call.hold': 'Hold', 'call.unhold': 'Unhold', 'call.mute': 'Mute', 'call.unmute': 'Unmute',
    'call.transfer': 'Transfer', 'call.selfService': 'Self-service', 'call.hangup': 'Hang up',
    'call.talking': 'Talking', 'call.onHold': 'On hold', 'call.muted': 'Muted', 'call.ringing': 'Ringing',
    'call.keypad': 'Keypad: send tones to the customer (type digits)', 'call.tones': 'Tones sent to the customer',
    'call.answered': 'Answered', 'call.youHungUp': 'You hung up', 'call.ended': 'Call with {who} ended',
    'call.offered': 'Call offered from {caller} to {number}', 'call.elsewhere': 'Call from {caller} went elsewhere',
    'call.connected': 'Connected with {caller}', 'call.unknown': 'unknown',
    'call.autoAnswered': 'Answered automatically · dialled {number}', 'call.connecting': 'Connecting',
    'pop.title': 'Screen pop', 'pop.newTab': 'Open in a tab', 'pop.close': 'Close',
    'pops.open': 'Opens in', 'pops.tab': 'a new tab', 'pops.panel': 'a panel in the workbench',
    'dial.title': 'Make a call', 'dial.outside': 'Outside number', 'dial.submit': 'Dial',
    'dial.colleague': 'Colleague or phone', 'dial.call': 'Call',
    'dial.search': 'Name, staff no., e-mail, skill group or extension',
    'dial.results': 'Colleagues and phones found', 'dial.notCalled': 'Not called',
    'colleague.phone': 'Phone {ext}', 'colleague.registered': 'registered, no agent',
    'colleague.notRegistered': 'not registered: cannot be called', 'colleague.none': 'No colleague or phone matches.',
    'dial.note': 'Your phone rings first and the call goes out when you pick up (the browser as your phone picks up '
      + 'by itself).',
    'activity.title': 'Activity', 'common.loading': 'Loading…', 'common.yes': 'Yes', 'common.no': 'No',
    'records.title': 'Service records', 'records.from': 'From', 'records.to': 'To', 'records.group': 'Group',
    'records.agent': 'Agent', 'records.type': 'Type', 'records.allGroups': 'All groups',
    'records.allAgents': 'All agents', 'records.callsChats': 'Calls and chats', 'records.calls': 'Calls',
    'records.chats': 'Chats', 'records.inbound': 'Inbound calls', 'records.outbound': 'Outbound calls',
    'records.internal': 'Internal calls', 'records.search': 'Search', 'records.clear': 'Clear',
    'records.csv': 'Download CSV', 'records.none': 'No service record matches.',
    'records.unavailable': 'Service records are not available on this server yet.',
    'records.transcript': 'Transcript ({n})', 'records.sipTrace': 'SIP trace',
    'records.pcap': 'pcap', 'records.prev': '‹ Previous', 'records.next': 'Next ›',
    'col.started': 'Started', 'col.type': 'Type', 'col.caller': 'Caller', 'col.callee': 'Callee',
    'col.number': 'Number', 'col.keys': 'Keys', 'col.group': 'Group', 'col.agent': 'Agent',
    'col.answered': 'Answered', 'col.ring': 'Ring', 'col.talk': 'Talk', 'col.hold': 'Hold', 'col.wrapUp': 'Wrap-up',
    'col.ending': 'Ending', 'col.transfers': 'Transfers', 'col.transcript': 'Transcript',
    'col.satisfaction': 'Satisfaction',
    'chat.title': 'Chats', 'chat.sessions': 'Sessions', 'chat.pool': 'Pool', 'chat.reception': 'Reception',
    'chat.on': 'on', 'chat.off': 'off', 'chat.open': 'open', 'chat.full': 'Busy (full)',
    'chat.none': 'No chat selected. Chats you accept appear on the left.', 'chat.back': '‹ Sessions',
    'chat.transfer': 'Transfer', 'chat.survey': 'Send survey', 'chat.end': 'End', 'chat.finish': 'Finish wrap-up',
    'chat.send': 'Send', 'chat.replies': 'Quick replies', 'chat.message': 'Your message',
    'chat.placeholder': 'Message · Enter sends, Shift+Enter new line, # quick replies',
    'chat.serving': 'Serving', 'chat.wrap-up': 'Wrap-up', 'chat.offered': 'Offered', 'chat.empty': 'No chat.',
    'chat.accept': 'Accept', 'chat.decline': 'Decline',
    'chat.visitor': 'Visitor', 'chat.name': 'Name', 'chat.page': 'Source page', 'chat.channel': 'Channel',
    'chat.group': 'Group', 'chat.started': 'Started', 'chat.notSent': 'Not sent', 'chat.notEnded': 'Chat not ended',
    'chat.notFinished': 'Wrap-up not finished',
    'chat.endConfirm': 'End the chat with {who}? The visitor gets the end message.',
    'pw.title': 'Change your password', 'pw.current': 'Current password', 'pw.new': 'New password',
    'pw.repeat': 'New password again', 'pw.submit': 'Change password', 'pw.changed': 'Your password was changed.',
    'pw.rule': '8 to 20 characters, with at least one digit, one letter and one special character; no spaces.',
    'pw.differ': 'The new password and its repetition differ.',
    'flow.vf.start': 'Start', 'flow.vf.play': 'Play a prompt', 'flow.vf.branch': 'Key menu',
    'flow.vf.transfer': 'Transfer to a group', 'flow.vf.survey': 'Satisfaction survey', 'flow.vf.end': 'End (hang up)',
    'flow.cf.start': 'Start', 'flow.cf.message': 'Message', 'flow.cf.branch': 'Branch',
    'flow.cf.transfer': 'Transfer to a person', 'flow.cf.end': 'End',
    'flow.back': 'Back to the list', 'flow.name': 'Flow name', 'flow.nameRule': 'Up to 64 characters, no "/"',
    'flow.add': 'Add node', 'flow.addType': 'Type of the new node',
    'flow.hint': 'Click a node to edit its settings; its edges are chosen there.',
    'flow.graph': 'The flow as a graph of nodes', 'flow.settings': 'Settings of the selected node',
    'flow.pick': 'Click a node in the graph to edit it.', 'flow.noNodes': 'No nodes yet.',
    'flow.remove': 'Remove this node (its edges go)', 'flow.removeNode': 'Remove node {id}', 'flow.check': 'Check',
    'flow.save': 'Save draft', 'flow.savePublish': 'Save and publish',
    'flow.numbers': 'Numbers using this flow: {list}', 'flow.numbers.none': 'No number uses this flow.',
    'flow.channels': 'Channels using this flow: {list}', 'flow.channels.none': 'No channel uses this flow.',
    'flow.valid': 'The flow is valid.', 'flow.needsName': 'The flow needs a name (without "/").',
    'flow.saved': 'Flow {name} saved.', 'flow.savedDraft': 'Flow {name} saved as a draft with {n} problem(s).',
    'flow.notPublished': 'Flow {name} saved as a draft, not published: {n} problem(s) to fix first.',
    'flow.publishFailed': 'Flow {name} saved, not published', 'flow.notSaved': 'Flow {name} not saved',
    'flow.published': 'Flow {name} saved and published.',
    'sup.agents': 'Agents', 'sup.calls': 'Live calls', 'sup.close': 'Close', 'sup.actions': 'State…',
    'sup.col.state': 'State', 'sup.col.time': 'Time in state', 'sup.col.chats': 'Chats', 'sup.col.call': 'Call',
    'sup.col.callId': 'Call', 'sup.col.since': 'Since', 'sup.full': 'full', 'sup.noAgents': 'No agents.',
    'sup.noCalls': 'No live call.', 'sup.transferCall': 'Transfer…', 'sup.transferTo': 'Transfer to…',
    'sup.kind': 'Colleague, group or number', 'sup.kind.agent': 'a colleague', 'sup.kind.group': 'a group',
    'sup.kind.number': 'a number', 'sup.target': 'The colleague or group', 'sup.number': 'Number',
    'sup.idleAgents': '{n} idle', 'sup.chooseTarget': 'Choose a target first.',
    'sup.notTransferred': 'Not transferred', 'sup.callTransferred': 'Call #{id} transferred to {target}.',
    'sup.stateSet': '{agent} is now {state}.', 'sup.call.waiting': 'Waiting in the queue',
    'sup.call.waitingAhead': 'Waiting in the queue ({n} ahead)', 'sup.call.transferring': 'Transferring to {target}',
    'sup.call.ended': 'Ended',
    'admin.tab.audio': 'Audio', 'audio.title': 'Audio',
    'audio.hint': 'Prompts and music for the voice flows: WAV or MP3, 5 MB at most. An upload waits for approval '
      + 'before a published flow may play it; the download is the file as it was uploaded.',
    'audio.name': 'Name', 'audio.id': 'Id', 'audio.idHint': 'The id flows refer to: 1 to 64 of A-Z a-z 0-9 _ -',
    'audio.file': 'File', 'audio.upload': 'Upload', 'audio.type': 'Type', 'audio.size': 'Size',
    'audio.uploader': 'Uploaded by', 'audio.uploadedAt': 'Uploaded', 'audio.state': 'State',
    'audio.state.pending': 'Pending', 'audio.state.approved': 'Approved', 'audio.usedBy': 'Used by',
    'audio.use.flow': 'flow {name}', 'audio.unused': 'not used', 'audio.rename': 'Rename', 'admin.save': 'Save',
    'audio.download': 'Download', 'audio.approve': 'Approve', 'audio.delete': 'Delete', 'audio.none': 'No audio.',
    'audio.notRenamed': 'Audio not renamed', 'audio.renamed': 'Audio renamed to {name}.',
    'audio.notUploaded': 'Audio not uploaded', 'audio.uploaded': 'Audio {name} uploaded.',
    'audio.notApproved': 'Audio not approved', 'audio.approved': 'Audio {name} approved.',
    'audio.notDeleted': 'Audio not deleted', 'audio.deleted': 'Audio {name} deleted.',
    'audio.deleteConfirm': 'Delete the audio {name}?',
    'audio.inUse': 'it is in use ({users}); change that first.',
    'admin.tab.reasons': 'Break reasons', 'reasons.title': 'Break reasons',
    'reasons.hint': 'The reasons an agent chooses when taking a break. An agent on a break keeps its reason when '
      + 'the reason is renamed or deleted here, and records keep the name they had.',
    'reasons.name': 'Reason', 'reasons.add': 'Add reason', 'reasons.rename': 'Rename', 'reasons.delete': 'Delete',
    'reasons.none': 'No break reasons: agents cannot take a break.', 'reasons.notAdded': 'Reason not added',
    'reasons.added': 'Break reason {name} added.', 'reasons.notRenamed': 'Reason not renamed',
    'reasons.renamed': 'Break reason {old} renamed to {name}.', 'reasons.notDeleted': 'Reason not deleted',
    'admin.tab.numbers': 'Numbers', 'numbers.title': 'Numbers',
    'numbers.hint': 'Each number with its direction (inbound: callers reach it; outbound: a caller ID agents may '
      + 'show; both) and what it is bound to. Bind a number to a published voice flow here; skill groups\' queue '
      + 'numbers come from the configuration.',
    'numbers.number': 'Number', 'numbers.direction': 'Direction', 'numbers.dir.inbound': 'Inbound',
    'numbers.dir.outbound': 'Outbound', 'numbers.dir.both': 'Both', 'numbers.flow': 'Voice flow',
    'numbers.bind': 'Bind', 'numbers.boundTo': 'Bound to', 'numbers.toFlow': 'flow {name}',
    'numbers.toGroup': 'skill group {name}', 'numbers.unbound': 'nothing', 'numbers.edit': 'Edit',
    'numbers.unbind': 'Unbind', 'numbers.none': 'No numbers.', 'numbers.noFlow': 'Publish a voice flow first.',
    'numbers.notBound': 'Number not bound', 'numbers.bound': 'Number {number} bound to {name}.',
    'numbers.notUnbound': 'Number not unbound', 'numbers.unboundDone': 'Number {number} unbound.',
    'numbers.unbindConfirm': 'Unbind {number} from the flow {name}? Callers of the number are no longer answered '
      + 'by it.',
    'trunk.name': 'Name', 'trunk.host': 'Host', 'trunk.port': 'Port', 'trunk.transport': 'Transport',
    'trunk.inbound': 'Inbound addresses (IP or CIDR, comma-separated)', 'trunk.username': 'Username',
    'trunk.password': 'Password (unchanged if empty)', 'trunk.realm': 'Realm',
    'trunk.register': 'Register with the carrier', 'trunk.expires': 'Registration expires (s)',
    'trunk.registerUser': 'Registration user (default: the username)',
    'trunk.registerDomain': 'Registration domain (default: the host)',
    'trunk.numbers': 'Numbers (E.164, comma-separated)', 'trunk.callerId': 'Caller ID',
    'trunk.callerIdName': 'Caller ID name', 'trunk.maxCalls': 'Max calls (0: no limit)', 'trunk.save': 'Save trunk',
    'trunk.new': 'New trunk', 'trunk.notSaved': 'Trunk not saved', 'trunk.saved': 'Trunk {name} saved.',
    'trunk.err.name': '1 to 64 letters, digits, _ . or -', 'trunk.err.host': 'A host name or IP address',
    'trunk.err.port': '1 to 65535', 'trunk.err.inbound': 'Each an IP address or CIDR block',
    'trunk.err.realm': 'A realm needs a username and password',
    'trunk.err.registerUser': 'Registering needs a username and password',
    'trunk.err.password': 'A username needs a password', 'trunk.err.expires': '60 to 86400 seconds',
    'trunk.err.callerId': '2 to 20 digits, optional leading +',
    'trunk.err.callerIdName': 'No quotes, backslashes or control characters',
    'trunk.err.numbers': 'Each + country code and number, at most 15 digits', 'trunk.err.maxCalls': '0 or more',
    'agents.name': 'Name', 'agents.email': 'E-mail', 'agents.mobile': 'Mobile', 'agents.group': 'Skill group',
    'agents.search': 'Search', 'agents.allGroups': 'All groups', 'agents.none': 'No agent matches.',
    'agents.pageInfo': 'Page {page} of {pages} · {total} agent(s)',
    'reasons.deleted': 'Break reason {name} deleted.', 'reasons.deleteConfirm': 'Delete the break reason {name}?',
    'group.rename': 'Rename', 'group.renamePrompt': 'New name of the skill group {name}:',
    'group.notRenamed': 'Group not renamed', 'group.renamed': 'Skill group {old} renamed to {name}.',
    'tab.wallboard': 'Wallboard', 'wb.wallboard': 'Wallboard', 'wb.overview': 'Data overview',
    'wb.fullscreen': 'Full screen', 'wb.noFullscreen': 'This browser cannot show the page full screen',
    'wb.updated': 'updated {time}', 'wb.waiting': 'Waiting', 'wb.longestWait': 'Longest wait',
    'wb.serviceLevel': 'Service level', 'wb.answered': 'Answered', 'wb.abandoned': 'Abandoned',
    'wb.chats': 'Chats waiting / active', 'wb.from': 'From', 'wb.to': 'To', 'wb.group': 'Skill group',
    'wb.allGroups': 'All groups', 'wb.show': 'Show', 'wb.csv': 'CSV',
    'wb.rangeHint': 'Today from midnight unless a range is chosen.', 'wb.callsPer15': 'Calls per 15 minutes',
    'wb.slPer15': 'Service level per 15 minutes', 'wb.occupancyTitle': "Agents' occupancy", 'wb.offered': 'Offered',
    'wb.abandonedShort': 'Abandoned within 5 s', 'wb.answerRate': 'Answer rate', 'wb.asa': 'Average speed of answer',
    'wb.aht': 'Average handle time', 'wb.occupancy': 'Occupancy', 'wb.noCalls': 'No queued calls in this period.',
  },
  'zh-CN': {},
};

const i18n = { language: 'en' };

/** The browser's language: a first preference zh* is Chinese, anything else English. */
function browserLanguage() {
  const first = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
  return /^zh/i.test(first) ? 'zh-CN' : 'en';
}

function storedLanguage() {
  try {
    const kept = localStorage.getItem(I18N_STORE);
    return I18N_LANGUAGES.includes(kept) ? kept : null;
  } catch (e) {
    return null;
  }
}

/** The text of {@code key} in the page's language, its {name} placeholders filled from {@code params}. */
function t(key, params) {
  const own = I18N[i18n.language] && I18N[i18n.language][key];
  const found = own !== undefined ? own : I18N.en[key];
  const textOf = found !== undefined ? found : key;
  if (!params) {
    return textOf;
  }
  return textOf.replace(/\{(\w+)\}/g, (all, name) => (params[name] !== undefined && params[name] !== null
    ? String(params[name]) : all));
}

/** Whether the dictionary has {@code key} (in the page's language or English). */
function hasText(key) {
  return (I18N[i18n.language] && I18N[i18n.language][key] !== undefined) || I18N.en[key] !== undefined;
}

/** Fills the marked elements under {@code root} (and root itself) in the page's language. */
function applyI18n(root = document) {
  const attributes = { 'data-i18n-title': 'title', 'data-i18n-placeholder': 'placeholder',
    'data-i18n-aria-label': 'aria-label', 'data-i18n-empty': 'data-empty' };
  const all = (selector) => {
    const found = Array.from(root.querySelectorAll ? root.querySelectorAll(selector) : []);
    return root.matches && root.matches(selector) ? [root, ...found] : found;
  };
  for (const node of all('[data-i18n]')) {
    node.textContent = t(node.getAttribute('data-i18n'));
  }
  for (const [marker, attribute] of Object.entries(attributes)) {
    for (const node of all('[' + marker + ']')) {
      node.setAttribute(attribute, t(node.getAttribute(marker)));
    }
  }
  document.documentElement.lang = i18n.language;
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === i18n.language));
  }
}

/** The locale dates and times are shown in: the page's language (English as the browser spells it). */
function viewerLocale() {
  const browser = navigator.language || 'en';
  return i18n.language === 'en' ? (/^en/i.test(browser) ? browser : 'en') : i18n.language;
}

/** A date and time in the viewer's locale and time zone. */
function formatDateTime(date) {
  return new Intl.DateTimeFormat(viewerLocale(), {
    month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  }).format(date);
}

/** A time of day in the viewer's locale and time zone. */
function formatTime(date) {
  return new Intl.DateTimeFormat(viewerLocale(), {
    hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  }).format(date);
}

/**
 * Switches the page to {@code language}: the marked texts at once, the scripts' texts through the
 * 'sb-language' event. {@code chosen}: the person chose it (kept in localStorage, and with the account when signed
 * in, through {@code save}).
 */
function setLanguage(language, chosen, save) {
  if (!I18N_LANGUAGES.includes(language)) {
    return;
  }
  i18n.language = language;
  if (chosen) {
    try {
      localStorage.setItem(I18N_STORE, language);
    } catch (e) {
      // private mode: the choice lasts as long as the page
    }
  }
  applyI18n(document);
  document.dispatchEvent(new CustomEvent('sb-language', { detail: language }));
  if (save) {
    save(language);
  }
}

i18n.language = storedLanguage() || browserLanguage();
document.addEventListener('DOMContentLoaded', () => applyI18n(document));
