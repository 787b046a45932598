// Switchboard workbench: the satisfaction survey's administration page (满意度评价, issue 16). The administrator sets
// the tenant's one survey through GET/POST /api/survey: 2 to 5 levels, best first, each a label and an optional
// English one (40 characters each); "was your problem solved?", a comment, and whether a served chat's survey is sent
// by itself when it ends. The same levels label the voice survey (a group's post-call survey, the IVR survey node).
// A classic script after workbench.js, whose helpers it uses; it registers its page in ADMIN_PAGES and adds no other
// global name.
'use strict';

(() => {
  const MIN_LEVELS = 2;
  const MAX_LEVELS = 5;
  const MAX_LABEL = 40;
  /** The levels in the form: [{label, english}], best first. */
  let levels = [];

  function surveyPage() {
    const page = $('admin-survey');
    if (page.dataset.built) {
      return;
    }
    page.dataset.built = 'yes';
    const check = (id, label, hint) => el('label', { class: 'check', title: hint },
      el('input', { id, type: 'checkbox' }), ' ' + label);
    page.append(
      el('h2', {}, t('ui.satisfactionSurvey')),
      el('p', { class: 'muted small' }, t('sva.intro')),
      el('form', { id: 'survey-form', class: 'settings-form sv-form', onsubmit: saveSurvey },
        el('fieldset', { class: 'sv-levels' }, el('legend', {}, t('sva.levelsBestFirst')),
          el('div', { id: 'sv-levels' }),
          el('button', { id: 'sv-add', class: 'btn small', type: 'button', onclick: addLevel }, t('sva.addLevel'))),
        check('sv-ask-solved', t('sva.askWasYourProblemSolved'), t('sva.aYesNoQuestion')),
        check('sv-ask-comment', t('sva.offerAComment500Characters'), t('sva.aTextBoxUnderThe')),
        check('sv-auto-send', t('sva.sendItByItselfWhen'),
          t('sva.otherwiseTheAgentSendsIt')),
        el('button', { id: 'sv-save', class: 'btn primary', type: 'submit' }, t('sva.saveSurvey'))));
  }

  async function loadSurveyPage() {
    surveyPage();
    const survey = await attempt(() => api('GET', '/api/survey'), t('sva.surveyNotLoaded'));
    if (survey) {
      show(survey);
    }
  }

  function show(survey) {
    levels = (survey.levels || []).map((l) => ({ label: l.label || '', english: l.english || '' }));
    $('sv-ask-solved').checked = Boolean(survey.askSolved);
    $('sv-ask-comment').checked = Boolean(survey.askComment);
    $('sv-auto-send').checked = Boolean(survey.autoSend);
    renderLevels();
  }

  function renderLevels() {
    $('sv-levels').replaceChildren(...levels.map((level, i) => el('div', { class: 'row sv-level',
      dataset: { level: String(i + 1) } },
    el('span', { class: 'sv-number' }, String(i + 1)),
    labelInput(level, 'label', t('sva.labelEG'), true),
    labelInput(level, 'english', t('sva.englishOptionalEGSatisfied'), false),
    el('button', { class: 'btn small ghost-dark', type: 'button', title: t('sva.removeThisLevel'),
      'aria-label': t('sva.removeLevel', { n: i + 1 }), disabled: levels.length <= MIN_LEVELS,
      onclick: () => {
        levels.splice(i, 1);
        renderLevels();
      } }, '✕'))));
    $('sv-add').disabled = levels.length >= MAX_LEVELS;
  }

  function labelInput(level, field, hint, required) {
    const input = el('input', { type: 'text', maxlength: MAX_LABEL, placeholder: hint, 'aria-label': hint,
      required, dataset: { field } });
    input.value = level[field];
    input.addEventListener('input', () => {
      level[field] = input.value;
    });
    return input;
  }

  function addLevel() {
    if (levels.length < MAX_LEVELS) {
      levels.push({ label: '', english: '' });
      renderLevels();
      const rows = $('sv-levels').querySelectorAll('.sv-level');
      rows[rows.length - 1].querySelector('[data-field=label]').focus();
    }
  }

  async function saveSurvey(event) {
    event.preventDefault();
    const body = {
      levels: levels.map((l) => (l.english.trim() ? { label: l.label.trim(), english: l.english.trim() }
        : { label: l.label.trim() })),
      askSolved: $('sv-ask-solved').checked, askComment: $('sv-ask-comment').checked,
      autoSend: $('sv-auto-send').checked,
    };
    const saved = await attempt(() => busyWhile($('sv-save'), () => api('POST', '/api/survey', body)),
      t('sva.surveyNotSaved'));
    if (saved) {
      toast(t('sva.saved', { n: saved.levels.length }), 'ok');
      show(saved);
    }
  }

  ADMIN_PAGES.survey = ['/api/survey', [], loadSurveyPage];
})();
