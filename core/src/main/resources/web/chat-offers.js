// The incoming-chat bar for manual accept, beside chat-panel.js (classic scripts sharing one global scope). Each
// offered session gets a row: the visitor, the channel, the first words of what the visitor wrote last, a countdown
// from the offer's acceptSeconds (the group's 超时转接), a short ring tone and Accept. The row goes when the
// session is accepted (here or elsewhere) or withdrawn (chat.withdrawn: the offer moved on to another agent).
'use strict';

const chatOffers = {
  rows: new Map(),          // id -> {view, deadline (0: no limit or unknown), total, words}
  ticker: 0,
  audio: null,              // one AudioContext for the ring tone, made at the first offer
};

/** Shows an offer; {@code seconds} null when unknown (the page was reloaded during the offer), 0 for no limit. */
function chatOfferShow(view, seconds) {
  const known = chatOffers.rows.get(view.session);
  const total = (seconds || 0) * 1000;
  const row = known || { words: '' };
  row.view = view;
  if (!known || seconds !== null) {
    row.total = total;
    row.deadline = total > 0 ? Date.now() + total : 0;
  }
  chatOffers.rows.set(view.session, row);
  if (!known) {
    chatOfferRing();
    attempt(() => chatOfferWords(view.session), t('offers.theOfferedChat'));
  }
  chatOfferRender();
}

/** The visitor's latest words, for the agent to see what the chat is about before accepting. */
async function chatOfferWords(id) {
  const messages = await api('GET', chatBase() + '/' + id + '/messages?after=0');
  for (const message of messages) {
    chatOfferMessage(message);
  }
}

function chatOfferMessage(message) {
  const row = chatOffers.rows.get(message.session);
  if (row && message.from === 'visitor') {
    row.words = chatPreview(message.text, 80);
    chatOfferRender();
  }
}

/** Removes an offer's row; true if there was one. */
function chatOfferHide(id) {
  const had = chatOffers.rows.delete(id);
  if (had) {
    chatOfferRender();
  }
  return had;
}

/** Keeps only the offers the server still has for this agent. */
function chatOfferPrune(live) {
  for (const id of [...chatOffers.rows.keys()]) {
    if (!live.has(id)) {
      chatOffers.rows.delete(id);
    }
  }
  chatOfferRender();
}

function chatOfferClear() {
  chatOffers.rows.clear();
  chatOfferRender();
}

async function chatAccept(id, button) {
  try {
    const view = await busyWhile(button, () => api('POST', chatBase() + '/' + id + '/accept', {}));
    chatOfferHide(id);
    chatSessionChanged(view);
    chatSelect(id);
    activity(t('offers.accepted', { who: chatWho(view) }));
  } catch (e) {
    if (e.status === 409 || e.status === 404) {
      toast(t('offers.notAcceptedTheChatHas'), 'info');
      chatOfferHide(id);
    } else {
      toast(t('pool.notAccepted', { why: e.message }), 'error');
    }
  }
}

function chatOfferRender() {
  const bar = $('chat-offers');
  const rows = [...chatOffers.rows.values()].map((row) => {
    const view = row.view;
    return el('div', { class: 'chat-offer', dataset: { session: String(view.session) } },
      el('div', { class: 'chat-offer-icon', 'aria-hidden': 'true' }, '✉'),
      el('div', { class: 'chat-offer-main' },
        el('div', { class: 'chat-offer-label' }, t('offers.incoming') + ' · ' + (view.channel || 'web')),
        el('div', { class: 'chat-offer-who' }, chatWho(view)),
        el('div', { class: 'chat-offer-words' }, row.words ? '“' + row.words + '”' : '')),
      el('div', { class: 'chat-offer-countdown', title: t('offers.secondsLeftBeforeTheChat') },
        el('span', { class: 'chat-offer-seconds' }, chatOfferLeft(row)), el('small', {}, row.deadline ? 's' : '')),
      el('button', {
        class: 'btn answer big chat-offer-accept', type: 'button',
        onclick: (e) => chatAccept(view.session, e.currentTarget),
      }, t('chat.accept')));
  });
  bar.replaceChildren(...rows);
  bar.hidden = rows.length === 0;
  clearInterval(chatOffers.ticker);
  if (rows.length > 0) {
    chatOffers.ticker = setInterval(chatOfferTick, 250);
  }
}

function chatOfferLeft(row) {
  return row.deadline ? String(Math.max(0, Math.ceil((row.deadline - Date.now()) / 1000))) : '–';
}

function chatOfferTick() {
  for (const node of $('chat-offers').querySelectorAll('.chat-offer')) {
    const row = chatOffers.rows.get(Number(node.dataset.session));
    if (row) {
      node.querySelector('.chat-offer-seconds').textContent = chatOfferLeft(row);
      node.classList.toggle('urgent', row.deadline > 0 && row.deadline - Date.now() < 5000);
    }
  }
}

/** Two short beeps (WebAudio, no file); silent where the browser allows no sound before a click. */
function chatOfferRing() {
  try {
    chatOffers.audio = chatOffers.audio || new AudioContext();
    const context = chatOffers.audio;
    if (context.state === 'suspended') {
      context.resume().catch(() => undefined);
    }
    for (const start of [0, 0.25]) {
      const tone = context.createOscillator();
      const gain = context.createGain();
      tone.frequency.value = 880;
      gain.gain.setValueAtTime(0.0001, context.currentTime + start);
      gain.gain.exponentialRampToValueAtTime(0.2, context.currentTime + start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, context.currentTime + start + 0.18);
      tone.connect(gain).connect(context.destination);
      tone.start(context.currentTime + start);
      tone.stop(context.currentTime + start + 0.2);
    }
  } catch (e) {
    // no audio here: the bar and its countdown still show the offer
  }
}
