// First start, sign in and password change.
import { get, post, put } from '../api.js';
import { clear, fill, field, h, toast } from '../dom.js';
import { t } from '../i18n.js';
import { input, onSubmit } from '../forms.js';

function authCard(title, intro, form) {
  return h('div', { class: 'auth' },
    h('div', { class: 'welcome-hero' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'CR')),
    h('div', { class: 'card' }, h('h1', {}, title), intro ? h('p', { class: 'muted' }, intro) : null, form));
}

export async function setupScreen(ctx) {
  const { needed } = await get('/api/setup');
  if (!needed) return ctx.navigate('#/signin');
  const form = h('form', { novalidate: true },
    h('div', { class: 'form-error', tabindex: '-1' }),
    field(t('setup.name'), input('name', { autocomplete: 'name', required: true })),
    field(t('setup.email'), input('email', { type: 'email', autocomplete: 'email', required: true })),
    field(t('setup.password'), input('password', { type: 'password', autocomplete: 'new-password', required: true }), t('setup.passwordHint')),
    h('div', { class: 'field' }, h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'demo', checked: true }), h('span', {}, t('setup.demo')))),
    h('p', { class: 'muted small' }, t('setup.demoHint')),
    h('button', { type: 'submit', class: 'btn wide' }, t('setup.submit')));
  onSubmit(form, async (data) => {
    const res = await post('/api/setup', { name: data.get('name'), email: data.get('email'), password: data.get('password'), demo: data.get('demo') === 'on' });
    ctx.setSession(res);
    ctx.navigate(res.demo ? `#/assessments/${res.demo.assessmentId}` : '#/clients');
  });
  fill(ctx.main, authCard(t('setup.title'), t('setup.intro'), form));
  form.querySelector('input')?.focus();
}

export async function signInScreen(ctx) {
  if (ctx.session) return ctx.navigate('#/clients');
  const form = h('form', { novalidate: true },
    h('div', { class: 'form-error', tabindex: '-1' }),
    field(t('signin.email'), input('email', { type: 'email', autocomplete: 'username', required: true })),
    field(t('signin.password'), input('password', { type: 'password', autocomplete: 'current-password', required: true })),
    h('button', { type: 'submit', class: 'btn wide' }, t('signin.submit')));
  onSubmit(form, async (data) => {
    const res = await post('/api/session', { email: data.get('email'), password: data.get('password') });
    ctx.setSession(res);
    ctx.navigate(res.user.mustChangePassword ? '#/password' : '#/clients');
  });
  fill(ctx.main, authCard(t('signin.title'), null, form),
    // Executives need no account: the landing page offers their own 15-minute self-assessment.
    h('section', { class: 'auth card self-offer', 'aria-labelledby': 'self-offer-h' },
      h('h2', { id: 'self-offer-h' }, t('self.offerTitle')), h('p', { class: 'muted small' }, t('self.offerText')),
      h('a', { class: 'btn secondary wide', href: '/self-assessment', id: 'self-assessment-link' }, t('self.offerButton'))));
  form.querySelector('input')?.focus();
}

export async function passwordScreen(ctx) {
  const forced = ctx.session.user.mustChangePassword;
  const form = h('form', { novalidate: true },
    h('div', { class: 'form-error', tabindex: '-1' }),
    // A hidden username helps password managers store the new password under the right account.
    h('input', { type: 'email', name: 'username', value: ctx.session.user.email, autocomplete: 'username', class: 'visually-hidden', tabindex: '-1', 'aria-hidden': 'true', readonly: true }),
    field(forced ? t('password.temporary') : t('password.current'), input('currentPassword', { type: 'password', autocomplete: 'current-password', required: true })),
    field(t('password.new'), input('newPassword', { type: 'password', autocomplete: 'new-password', required: true }), t('setup.passwordHint')),
    h('button', { type: 'submit', class: 'btn wide' }, t('password.submit')));
  onSubmit(form, async (data) => {
    const res = await put('/api/session/password', { currentPassword: data.get('currentPassword'), newPassword: data.get('newPassword') });
    ctx.setSession(res);
    toast(t('password.changed'));
    ctx.navigate('#/clients');
  });
  fill(ctx.main, authCard(t('password.title'), forced ? t('password.forced') : t('password.intro'), form));
  form.querySelector('input[name="currentPassword"]')?.focus();
}
