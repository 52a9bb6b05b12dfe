// Invitations: create links per respondent (role + optional name), copy or download them once, revoke or replace them.
import { del, get, post } from '../api.js';
import { clear, fill, confirmInline, copyText, field, h, saveBlob, toast } from '../dom.js';
import { formatDate, pick, t } from '../i18n.js';
import { errorMessage, input, onSubmit } from '../forms.js';

const absolute = (path) => new URL(path, location.origin).href;

export async function respondentsTab(ctx, body, detail) {
  const { assessment: a, roles, respondents } = detail;
  const roleLabel = (role) => pick(roles.find((r) => r.role === role)?.label) || role;
  const linksBox = h('div', {});
  const refresh = () => ctx.navigate(`#/assessments/${a.id}/respondents`);

  const showLinks = (links) => {
    const csv = () => {
      const esc = (v) => `"${String(v ?? '').replace(/"/g, '""')}"`;
      const lines = [['name', 'role', 'respondent', 'link'].join(','), ...links.map((l) => [l.respondent.name ?? '', l.respondent.role, l.respondent.key, absolute(l.path)].map(esc).join(','))];
      saveBlob(new Blob([`\ufeff${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' }), `invitation-links-${a.id}.csv`);
    };
    fill(linksBox, h('section', { class: 'card once', 'aria-labelledby': 'links-title' },
      h('h2', { id: 'links-title' }, t('links.title')),
      h('p', { class: 'small' }, t('links.once')),
      h('div', { class: 'table-wrap' }, h('table', { class: 'stack-table' },
        h('thead', {}, h('tr', {}, h('th', {}, t('respondent.name')), h('th', {}, t('respondent.role')), h('th', {}, t('links.link')), h('th', {}, h('span', { class: 'visually-hidden' }, t('common.actions'))))),
        h('tbody', {}, links.map((l) => {
          const url = absolute(l.path);
          const who = l.respondent.name || l.respondent.key;
          const field = h('input', { type: 'text', readonly: true, value: url, 'aria-label': t('links.linkFor', { name: who }), class: 'link-input', onFocus: (e) => e.target.select() });
          return h('tr', {}, h('td', {}, who), h('td', {}, roleLabel(l.respondent.role)), h('td', { class: 'link-cell' }, field),
            h('td', { class: 'actions' }, h('button', { type: 'button', class: 'btn secondary small', 'aria-label': t('links.copyFor', { name: who }), onClick: async () => toast(t(await copyText(url) ? 'links.copied' : 'links.copyFailed')) }, t('links.copy'))));
        })))),
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'btn', onClick: csv }, t('links.csv')),
        h('button', { type: 'button', class: 'btn secondary', onClick: async () => toast(t(await copyText(links.map((l) => `${l.respondent.name || l.respondent.key} (${roleLabel(l.respondent.role)}): ${absolute(l.path)}`).join('\n')) ? 'links.copied' : 'links.copyFailed')) }, t('links.copyAll')),
        h('button', { type: 'button', class: 'btn ghost', onClick: refresh }, t('links.done')))));
    linksBox.querySelector('h2').setAttribute('tabindex', '-1');
    linksBox.querySelector('h2').focus();
  };

  // After links are created the table is redrawn in place, so the one-time links stay on screen.
  const tableBox = h('div', {});
  const redrawTable = async () => fill(tableBox, respondentTable(a, (await get(`/api/assessments/${a.id}`)).respondents, roleLabel, showLinks, refresh));
  fill(tableBox, respondentTable(a, respondents, roleLabel, showLinks, refresh));
  const onCreated = async (links) => { showLinks(links); await redrawTable(); };
  body.append(linksBox, a.status === 'open' ? inviteForm(a, roles, roleLabel, onCreated) : h('div', { class: 'notice info' }, t('invite.closed')), tableBox);
}

function inviteForm(a, roles, roleLabel, showLinks) {
  const rows = h('div', { class: 'stack' });
  let n = 0;
  const addRow = (role = roles[0]?.role) => {
    const i = n++;
    const select = h('select', { name: `role-${i}`, 'data-path': `invitations[${rows.children.length}].role` }, roles.map((r) => h('option', { value: r.role, selected: r.role === role }, `${roleLabel(r.role)}${r.minutes ? ` · ${t('invite.minutes', { n: r.minutes })}` : ''}`)));
    const name = input(`name-${i}`, { maxlength: 200, placeholder: t('invite.namePlaceholder'), autocomplete: 'off' });
    const row = h('div', { class: 'grid two invite-row' }, field(t('respondent.role'), select), h('div', { class: 'row' }, h('div', { class: 'spacer' }, field(t('respondent.nameOptional'), name)),
      h('button', { type: 'button', class: 'btn ghost small', 'aria-label': t('invite.removeRow'), onClick: () => { if (rows.children.length > 1) row.remove(); } }, '✕')));
    rows.append(row);
    return select;
  };
  addRow('executive');
  const form = h('form', { class: 'card', novalidate: true },
    h('h2', {}, t('invite.title')), h('p', { class: 'muted small' }, t('invite.intro')),
    h('div', { class: 'form-error', tabindex: '-1' }), rows,
    h('div', { class: 'row' }, h('button', { type: 'button', class: 'btn ghost', id: 'add-invite-row', onClick: () => addRow().focus() }, t('invite.addRow'))),
    h('div', { class: 'grid two' }, field(t('invite.expires'), input('expiresOn', { type: 'date', min: new Date().toISOString().slice(0, 10) }), t('invite.expiresHint'))),
    h('button', { type: 'submit', class: 'btn' }, t('invite.submit')));
  onSubmit(form, async (data) => {
    // Rows can be removed, so field paths for error messages are numbered at send time.
    rows.querySelectorAll('.invite-row select').forEach((el, i) => { el.dataset.path = `invitations[${i}].role`; });
    const invitations = [...rows.querySelectorAll('.invite-row')].map((row) => {
      const name = row.querySelector('input').value.trim();
      return { role: row.querySelector('select').value, ...(name ? { name } : {}) };
    });
    const res = await post(`/api/assessments/${a.id}/invitations`, { invitations, expiresOn: data.get('expiresOn') || null });
    while (rows.children.length > 1) rows.lastElementChild.remove();
    form.reset();
    await showLinks(res.links);
  });
  return form;
}

function respondentTable(a, respondents, roleLabel, showLinks, refresh) {
  if (!respondents.length) return h('section', { class: 'card' }, h('h2', {}, t('respondent.list')), h('p', { class: 'empty' }, t('respondent.empty')));
  const act = (label, aria, cls, fn) => h('button', { type: 'button', class: `btn ${cls} small`, 'aria-label': aria, onClick: fn }, label);
  const rows = respondents.map((r) => {
    const who = r.name || r.key;
    const actions = h('td', { class: 'actions' });
    if (r.status !== 'revoked') {
      if (r.source === 'invitation' && !r.submittedAt && a.status === 'open') {
        actions.append(act(t('respondent.newLink'), t('respondent.newLinkFor', { name: who }), 'ghost', async () => {
          try { showLinks([await post(`/api/respondents/${r.id}/link`)]); } catch (err) { toast(errorMessage(err), 'error'); }
        }));
      }
      if (r.submittedAt && r.source === 'invitation') {
        actions.append(act(t('respondent.reopen'), t('respondent.reopenFor', { name: who }), 'ghost', async () => {
          try { await post(`/api/respondents/${r.id}/reopen`); toast(t('respondent.reopened')); refresh(); } catch (err) { toast(errorMessage(err), 'error'); }
        }));
      }
      const revoke = act(t('respondent.revoke'), t('respondent.revokeFor', { name: who }), 'danger', async () => {
        if (!(await confirmInline(revoke, t('respondent.revokeConfirm'), t('respondent.revoke'), t('common.cancel')))) return;
        try { await del(`/api/respondents/${r.id}`); toast(t('respondent.revoked')); refresh(); } catch (err) { toast(errorMessage(err), 'error'); }
      });
      actions.append(revoke);
    }
    return h('tr', {},
      h('td', {}, h('div', {}, who), r.name ? h('div', { class: 'muted small' }, r.key) : null),
      h('td', {}, roleLabel(r.role)),
      h('td', {}, h('span', { class: `badge ${r.status}` }, t(`rstatus.${r.status}`))),
      h('td', { class: 'opt' }, t('respondent.answered', { n: r.answered })),
      h('td', { class: 'opt' }, r.lastAnswerAt ? formatDate(r.lastAnswerAt, true) : '—'),
      actions);
  });
  return h('section', { class: 'card' }, h('h2', {}, t('respondent.list'), ' ', h('span', { class: 'muted small' }, `(${respondents.length})`)),
    h('p', { class: 'muted small' }, t('respondent.revokeNote')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'stack-table' },
      h('thead', {}, h('tr', {}, h('th', {}, t('respondent.name')), h('th', {}, t('respondent.role')), h('th', {}, t('respondent.status')), h('th', { class: 'opt' }, t('respondent.progress')), h('th', { class: 'opt' }, t('respondent.lastActivity')), h('th', {}, h('span', { class: 'visually-hidden' }, t('common.actions'))))),
      h('tbody', {}, rows))));
}
