// Switchboard workbench: what the two flow editors of the administration share, so that session flows
// (chat-admin.js, /api/chat/flows) and voice flows (ivr-admin.js, /api/flows) behave alike: a flow's actions in the
// list by its state, publish / unpublish / delete, the body sent (blank values left out), the problems list, Check,
// and Save / Save and publish with the server's problems on a refusal. Both APIs have the same shape; `editor` is
// {base (the API path), state ({draft: {name, nodes}, problems}), ids ({problems, name, check}: the editor's
// elements), reload() (the list again), render() (the node cards again), closed() (back to the list), inUse (why a
// flow in use cannot be unpublished), opened(name, button) (opens the editor), savedAs(name) and deleted(flow)
// (optional)}. A classic script after workbench.js, whose helpers it uses; its only global is AdminFlows.
'use strict';

const AdminFlows = (() => {
  /** One request from a button: the button disabled meanwhile, a failure shown; undefined when it failed. */
  function request(button, method, path, body, failure) {
    return attempt(() => busyWhile(button, () => api(method, path, body)), failure);
  }

  /** Deletes after the user confirms `question`; whether it was deleted (then `what` deleted is toasted). */
  async function confirmedDelete(button, question, path, what) {
    if (!await confirmAction(question)) {
      return false;
    }
    const answer = await request(button, 'DELETE', path, undefined, t('af.notDeleted', { what }));
    if (answer === undefined) {
      return false;
    }
    toast(t('af.deleted', { what }), 'ok');
    return true;
  }

  function path(editor, name, action) {
    return editor.base + '/' + encodeURIComponent(name) + (action ? '/' + action : '');
  }

  /** A row's buttons: Edit, Publish and Delete for an unpublished flow; Show and Unpublish for another. */
  function rowActions(flow, editor) {
    if (flow.state === 'unpublished') {
      return actions(smallButton(t('af.edit'), (b) => editor.opened(flow.name, b)),
        smallButton(t('af.publish2'), (b) => lifecycle(flow, 'publish', b, editor)),
        smallButton(t('af.delete'), (b) => remove(flow, b, editor), true));
    }
    const unpublish = smallButton(t('af.unpublish2'), (b) => lifecycle(flow, 'unpublish', b, editor));
    unpublish.disabled = flow.state === 'in-use';
    unpublish.title = flow.state === 'in-use' ? t(editor.inUse) : '';
    return actions(smallButton(t('af.show'), (b) => editor.opened(flow.name, b)), unpublish);
  }

  async function lifecycle(flow, action, button, editor) {
    const done = await request(button, 'POST', path(editor, flow.name, action), {},
      t('af.not-' + action, { name: flow.name }));
    if (done) {
      toast(t('af.' + action, { name: flow.name }), 'ok');
      editor.reload();
    }
  }

  async function remove(flow, button, editor) {
    if (await confirmedDelete(button, t('af.deleteConfirm', { name: flow.name }),
      path(editor, flow.name), t('af.flow', { name: flow.name }))) {
      if (editor.deleted) {
        editor.deleted(flow);
      }
      editor.reload();
    }
  }

  /** The flow as the server reads it: undefined, null and blank texts left out, at any depth. */
  function strip(value) {
    if (Array.isArray(value)) {
      return value.map(strip);
    }
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null
        && !(typeof v === 'string' && v.trim() === '')).map(([k, v]) => [k, strip(v)]));
    }
    return value;
  }

  /** The draft as the server reads it: blank texts and empty edges left out. */
  function body(editor) {
    return strip({ name: editor.state.draft.name, nodes: editor.state.draft.nodes });
  }

  /** The editor's problems ([{node, message}]) under its form, a message of its own first. */
  function showProblems(editor, message) {
    const rows = editor.state.problems.map((p) => el('li', {}, (p.node ? p.node + ': ' : '') + p.message));
    if (message) {
      rows.unshift(el('li', {}, message));
    }
    const list = $(editor.ids.problems);
    list.replaceChildren(...rows);
    list.hidden = !rows.length;
  }

  /** Check: the server's problems marked on the cards; a valid flow is toasted. */
  async function check(editor) {
    const answer = await request($(editor.ids.check), 'POST', editor.base + '/validate', body(editor),
      t('af.flowNotChecked'));
    if (answer) {
      editor.state.problems = answer.problems || [];
      editor.render();
      if (answer.valid) {
        toast(t('af.theFlowIsValid'), 'ok');
      }
    }
  }

  /**
   * Save (unpublished) and, when asked, publish; back to the list when done, else the refusal with the server's
   * problems (the API's error answer keeps only the message: they are fetched from validate).
   */
  async function save(editor, publish, button) {
    const name = editor.state.draft.name;
    if (!name || name.includes('/')) {
      editor.state.problems = [];
      showProblems(editor, t('af.theFlowNeedsAName'));
      return;
    }
    let saved = false;
    try {
      await busyWhile(button, async () => {
        await api('PUT', path(editor, name), body(editor));
        saved = true;
        $(editor.ids.name).disabled = true;
        if (editor.savedAs) {
          editor.savedAs(name);
        }
        if (publish) {
          await api('POST', path(editor, name, 'publish'), {});
        }
      });
    } catch (e) {
      const answer = e.code === 'invalid' ? await api('POST', editor.base + '/validate', body(editor))
        .catch(() => null) : null;
      editor.state.problems = answer && answer.problems ? answer.problems : [];
      editor.render();
      const message = t(saved ? 'af.savedNotPublished' : 'af.notSaved', { name, why: e.message });
      showProblems(editor, message);
      toast(message);
      if (saved) {
        editor.reload();
      }
      return;
    }
    editor.state.problems = [];
    toast(t(publish ? 'af.savedPublished' : 'af.saved', { name }), 'ok');
    editor.closed();
    editor.reload();
  }

  return { request, confirmedDelete, rowActions, showProblems, check, save };
})();
