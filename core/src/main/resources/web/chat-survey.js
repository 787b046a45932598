// The satisfaction survey in the chat panel, beside chat-panel.js (classic scripts sharing one global scope): a
// "Send survey" button on a chat being served or wrapped up (POST /api/agents/{staffNo}/chats/{id}/survey, once per
// session), and what became of it from the events socket's chat.survey (sent, then answered with the level).
'use strict';

const chatSurveys = new Map();   // session id -> {state: 'sent'|'answered', satisfaction}

/** chat-panel.js draws the selected chat: the button follows its state and its survey's. */
function chatSurveyRender(view) {
  const button = $('chat-survey');
  const survey = chatSurveys.get(view.session);
  button.hidden = view.state !== 'serving' && view.state !== 'wrap-up';
  button.disabled = Boolean(survey);
  button.textContent = !survey ? t('chat.survey') : survey.state === 'answered'
    ? t('csv.rated', { level: survey.satisfaction.level, levels: survey.satisfaction.levels,
      label: survey.satisfaction.label })
    : t('csv.sent');
}

/** chat.survey from the events socket: sent (by the agent or at the end) or answered. */
function chatSurveyEvent(event) {
  chatSurveys.set(event.session, { state: event.state, satisfaction: event.satisfaction });
  if (event.state === 'answered') {
    activity(t('csv.ratedChat', { id: event.session, label: event.satisfaction.label }));
  }
  const entry = chatDesk.sessions.get(chatDesk.selected);
  if (entry && entry.view.session === event.session) {
    chatSurveyRender(entry.view);
  }
}

async function chatSurveySend() {
  const entry = chatDesk.sessions.get(chatDesk.selected);
  if (!entry) {
    return;
  }
  const id = entry.view.session;
  const sent = await attempt(() => busyWhile($('chat-survey'), () =>
    api('POST', chatBase() + '/' + id + '/survey', {})), t('csv.surveyNotSent'));
  if (sent && !chatSurveys.has(id)) {
    chatSurveys.set(id, { state: 'sent' });
  }
  chatSurveyRender(entry.view);
}

document.addEventListener('DOMContentLoaded', () => $('chat-survey').addEventListener('click', chatSurveySend));
