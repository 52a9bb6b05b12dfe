// Admin: invite consultants (a temporary password shown once, no e-mail), disable and enable them.
import { get, post } from '../api.js';
import { clear, fill, confirmInline, copyText, field, h, toast } from '../dom.js';
import { formatDate, t } from '../i18n.js';
import { errorMessage, input, onSubmit } from '../forms.js';

export async function usersScreen(ctx) {
  const { users } = await get('/api/users');
  const secretBox = h('div', {});
  const showSecret = (user, password) => {
    fill(secretBox, h('section', { class: 'card once', 'aria-labelledby': 'secret-h' },
      h('h2', { id: 'secret-h', tabindex: '-1' }, t('users.secretTitle', { name: user.name })),
      h('p', { class: 'small' }, t('users.secretIntro')),
      h('dl', { class: 'facts' }, h('dt', {}, t('setup.email')), h('dd', { class: 'mono' }, user.email), h('dt', {}, t('users.tempPassword')), h('dd', { class: 'mono', id: 'temp-password' }, password)),
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'btn secondary', onClick: async () => toast(t(await copyText(`${location.origin}/\n${user.email}\n${password}`) ? 'links.copied' : 'links.copyFailed')) }, t('users.copy')),
        h('button', { type: 'button', class: 'btn ghost', onClick: () => ctx.navigate('#/users') }, t('links.done')))));
    secretBox.querySelector('h2').focus();
  };
  const form = h('form', { class: 'card', novalidate: true },
    h('h2', {}, t('users.invite')), h('div', { class: 'form-error', tabindex: '-1' }),
    h('div', { class: 'grid two' }, field(t('users.name'), input('name', { required: true, maxlength: 200 })), field(t('setup.email'), input('email', { type: 'email', required: true }))),
    h('div', { class: 'field' }, h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'isAdmin' }), h('span', {}, t('users.makeAdmin')))),
    h('button', { type: 'submit', class: 'btn' }, t('users.create')));
  onSubmit(form, async (data) => {
    const res = await post('/api/users', { name: data.get('name'), email: data.get('email'), isAdmin: data.get('isAdmin') === 'on' });
    form.reset();
    showSecret(res.user, res.temporaryPassword);
  });
  const row = (u) => {
    const self = u.id === ctx.session.user.id;
    const actions = h('td', { class: 'actions' });
    if (!self) {
      const toggle = h('button', { type: 'button', class: u.disabledAt ? 'btn secondary small' : 'btn danger small', 'aria-label': t(u.disabledAt ? 'users.enableFor' : 'users.disableFor', { name: u.name }), onClick: async () => {
        if (!u.disabledAt && !(await confirmInline(toggle, t('users.disableConfirm'), t('users.disable'), t('common.cancel')))) return;
        try { await post(`/api/users/${u.id}/${u.disabledAt ? 'enable' : 'disable'}`); ctx.navigate('#/users'); } catch (err) { toast(errorMessage(err), 'error'); }
      } }, t(u.disabledAt ? 'users.enable' : 'users.disable'));
      const reset = h('button', { type: 'button', class: 'btn ghost small', 'aria-label': t('users.resetFor', { name: u.name }), onClick: async () => {
        try { const res = await post(`/api/users/${u.id}/reset-password`); showSecret(res.user, res.temporaryPassword); } catch (err) { toast(errorMessage(err), 'error'); }
      } }, t('users.reset'));
      actions.append(reset, toggle);
    }
    return h('tr', {},
      h('td', {}, u.name, self ? h('span', { class: 'muted small' }, ` (${t('users.you')})`) : null),
      h('td', { class: 'mono small' }, u.email),
      h('td', {}, h('span', { class: 'badge' }, t(u.isAdmin ? 'users.admin' : 'users.consultant'))),
      h('td', {}, h('span', { class: `badge ${u.disabledAt ? 'revoked' : u.mustChangePassword ? 'not-opened' : 'submitted'}` }, t(u.disabledAt ? 'users.disabled' : u.mustChangePassword ? 'users.pending' : 'users.active'))),
      h('td', { class: 'opt' }, formatDate(u.createdAt)),
      actions);
  };
  fill(ctx.main, 
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, t('users.title')), h('p', { class: 'sub' }, t('users.intro')))),
    secretBox, form,
    h('section', { class: 'card' }, h('div', { class: 'table-wrap' }, h('table', { class: 'stack-table' },
      h('thead', {}, h('tr', {}, h('th', {}, t('users.name')), h('th', {}, t('setup.email')), h('th', {}, t('users.role')), h('th', {}, t('users.status')), h('th', { class: 'opt' }, t('users.created')), h('th', {}, h('span', { class: 'visually-hidden' }, t('common.actions'))))),
      h('tbody', {}, users.map(row))))));
}
