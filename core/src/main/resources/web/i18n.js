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
    'dial.title': 'Make a call', 'dial.outside': 'Outside number', 'dial.submit': 'Dial',
    'dial.colleague': 'Colleague (staff number or e-mail)', 'dial.call': 'Call',
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
    'records.transcript': 'Transcript ({n})', 'records.prev': '‹ Previous', 'records.next': 'Next ›',
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
    'group.rename': 'Rename', 'group.renamePrompt': 'New name of the skill group {name}:',
    'group.notRenamed': 'Group not renamed', 'group.renamed': 'Skill group {old} renamed to {name}.',
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
    'data-i18n-aria-label': 'aria-label' };
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
