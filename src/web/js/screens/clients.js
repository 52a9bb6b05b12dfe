// Clients: the list, one client with its people and assessments, and the forms to add both.
import { del, get, patch, post } from '../api.js';
import { clear, fill, field, h, toast } from '../dom.js';
import { formatDate, locales, pick, t } from '../i18n.js';
import { errorMessage, input, onSubmit } from '../forms.js';

const demoBadge = (c) => (c.isDemo ? h('span', { class: 'badge demo', title: t('demo.title') }, t('demo.badge')) : null);

function clientFields(c = {}) {
  return [
    field(t('client.name'), input('name', { value: c.name ?? '', required: true, maxlength: 200 })),
    h('div', { class: 'grid three' },
      field(t('client.industry'), input('industry', { value: c.industry ?? '', maxlength: 200 })),
      field(t('client.size'), input('size', { value: c.size ?? '', maxlength: 100, placeholder: t('client.sizePlaceholder') })),
      field(t('client.country'), input('country', { value: c.country ?? '', maxlength: 100 }))),
  ];
}
const clientBody = (data) => Object.fromEntries(['name', 'industry', 'size', 'country'].map((k) => [k, String(data.get(k) ?? '')]).filter(([k, v]) => k === 'name' || v.trim()));

export async function clientsScreen(ctx) {
  const { clients } = await get('/api/clients');
  const form = h('form', { class: 'card', novalidate: true, hidden: clients.length > 0 },
    h('h2', {}, t('clients.new')), h('div', { class: 'form-error', tabindex: '-1' }), ...clientFields(),
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'btn' }, t('clients.create'))));
  onSubmit(form, async (data) => {
    const { client } = await post('/api/clients', clientBody(data));
    ctx.navigate(`#/clients/${client.id}`);
  });
  const demoButton = h('button', { type: 'button', class: 'btn secondary', onClick: async () => {
    demoButton.disabled = true;
    try {
      const res = await post('/api/demo');
      ctx.navigate(`#/assessments/${res.assessmentId}`);
    } catch (err) { toast(errorMessage(err), 'error'); demoButton.disabled = false; }
  } }, t('clients.loadDemo'));
  const list = clients.length
    ? h('ul', { class: 'list' }, clients.map((c) => h('li', {},
      h('div', { class: 'row' }, h('a', { class: 'item-title', href: `#/clients/${c.id}` }, c.name), demoBadge(c), h('span', { class: 'spacer' }),
        h('span', { class: 'muted small' }, t('clients.assessmentCount', { n: c.assessments }))),
      h('div', { class: 'muted small' }, [c.industry, c.size, c.country].filter(Boolean).join(' · ') || '\u00a0'))))
    : h('p', { class: 'empty' }, t('clients.empty'));
  fill(ctx.main, 
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, t('clients.title')), h('p', { class: 'sub' }, t('clients.intro'))),
      h('div', { class: 'row' }, demoButton, h('button', { type: 'button', class: 'btn', onClick: () => { form.hidden = false; form.querySelector('input').focus(); } }, t('clients.new')))),
    form,
    h('section', { class: 'card', 'aria-label': t('clients.title') }, list));
}

export async function clientScreen(ctx, id) {
  const [{ client, myRole, members, assessments }, { questionnaires }] = await Promise.all([get(`/api/clients/${id}`), get('/api/catalog')]);
  const canManage = myRole !== 'member';
  fill(ctx.main, 
    h('div', { class: 'crumbs' }, h('a', { href: '#/clients' }, t('clients.title'))),
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, client.name, ' ', demoBadge(client)), h('p', { class: 'sub' }, [client.industry, client.size, client.country].filter(Boolean).join(' · ')))),
    h('div', { class: 'grid side' },
      h('div', {}, assessmentsCard(ctx, client, assessments, questionnaires)),
      h('div', {}, membersCard(ctx, client, members, canManage), canManage ? editCard(ctx, client) : null)));
}

function assessmentsCard(ctx, client, assessments, questionnaires) {
  const today = new Date().toISOString().slice(0, 10);
  // The readiness questionnaire (newest version) is the usual choice for a new client.
  const newer = (a, b) => { const [x, y] = [a, b].map((q) => q.version.split('.').map(Number)); return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; };
  const preferred = questionnaires.filter((q) => q.id === 'crm-readiness').sort(newer).pop()?.ref ?? questionnaires[0]?.ref;
  const form = h('form', { novalidate: true, hidden: assessments.length > 0, class: 'stack' },
    h('h3', {}, t('assessment.new')), h('div', { class: 'form-error', tabindex: '-1' }),
    field(t('assessment.titleLabel'), input('title', { required: true, maxlength: 200, value: t('assessment.defaultTitle') })),
    field(t('assessment.questionnaire'), h('select', { name: 'questionnaire' }, questionnaires.map((q) => h('option', { value: q.ref, selected: q.ref === preferred }, `${pick(q.title)} (${q.version})`)))),
    h('div', { class: 'grid two' },
      field(t('assessment.locale'), h('select', { name: 'locale' }, locales().map((l) => h('option', { value: l }, t(`locale.${l}`))))),
      field(t('assessment.dueDate'), input('dueDate', { type: 'date', min: today }))),
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'btn' }, t('assessment.create'))));
  onSubmit(form, async (data) => {
    const { assessment } = await post(`/api/clients/${client.id}/assessments`, { title: data.get('title'), questionnaire: data.get('questionnaire'), locale: data.get('locale'), dueDate: data.get('dueDate') || null });
    ctx.navigate(`#/assessments/${assessment.id}/respondents`);
  });
  const rows = assessments.map((a) => h('tr', {},
    h('td', {}, h('a', { class: 'item-title', href: `#/assessments/${a.id}` }, a.title), h('div', { class: 'muted small' }, `${pick(a.questionnaireTitle) || a.questionnaireId} ${a.questionnaireVersion}`)),
    h('td', {}, h('span', { class: `badge ${a.status}` }, t(`status.${a.status}`))),
    h('td', {}, t('assessment.submittedOf', { n: a.submitted, total: a.respondents })),
    h('td', { class: 'opt' }, a.dueDate ? formatDate(a.dueDate) : '—')));
  return h('section', { class: 'card' },
    h('div', { class: 'row' }, h('h2', {}, t('assessment.list')), h('span', { class: 'spacer' }),
      h('button', { type: 'button', class: 'btn small', onClick: () => { form.hidden = false; form.querySelector('input').focus(); } }, t('assessment.new'))),
    form,
    assessments.length
      ? h('div', { class: 'table-wrap' }, h('table', { class: 'stack-table' }, h('thead', {}, h('tr', {}, h('th', {}, t('assessment.titleLabel')), h('th', {}, t('assessment.status')), h('th', {}, t('assessment.respondents')), h('th', { class: 'opt' }, t('assessment.dueDate')))), h('tbody', {}, rows)))
      : h('p', { class: 'empty' }, t('assessment.empty')));
}

function membersCard(ctx, client, members, canManage) {
  const list = h('ul', { class: 'list' });
  const draw = (ms) => fill(list, ...ms.map((m) => h('li', { class: 'row' },
    h('div', {}, h('div', {}, m.name), h('div', { class: 'muted small' }, m.email)), h('span', { class: 'spacer' }),
    h('span', { class: 'badge' }, t(`member.${m.role}`)),
    canManage ? h('button', { type: 'button', class: 'btn ghost small', 'aria-label': t('member.removeNamed', { name: m.name }), onClick: async () => {
      try { draw((await del(`/api/clients/${client.id}/members/${m.userId}`)).members); } catch (err) { toast(errorMessage(err), 'error'); }
    } }, t('member.remove')) : null)));
  draw(members);
  let form = null;
  if (canManage) {
    form = h('form', { novalidate: true },
      h('div', { class: 'form-error', tabindex: '-1' }),
      field(t('member.email'), input('email', { type: 'email', list: 'consultant-emails', required: true })),
      h('datalist', { id: 'consultant-emails' }),
      field(t('member.role'), h('select', { name: 'role' }, h('option', { value: 'member' }, t('member.member')), h('option', { value: 'owner' }, t('member.owner')))),
      h('button', { type: 'submit', class: 'btn secondary small' }, t('member.add')));
    get('/api/consultants').then(({ consultants }) => form.querySelector('datalist').append(...consultants.map((c) => h('option', { value: c.email }, c.name)))).catch(() => {});
    onSubmit(form, async (data) => {
      draw((await post(`/api/clients/${client.id}/members`, { email: data.get('email'), role: data.get('role') })).members);
      form.reset();
      toast(t('member.added'));
    });
  }
  return h('section', { class: 'card' }, h('h2', {}, t('member.title')), h('p', { class: 'muted small' }, t('member.intro')), list, form);
}

function editCard(ctx, client) {
  const form = h('form', { novalidate: true }, h('div', { class: 'form-error', tabindex: '-1' }), ...clientFields(client), h('button', { type: 'submit', class: 'btn secondary small' }, t('client.save')));
  onSubmit(form, async (data) => {
    await patch(`/api/clients/${client.id}`, clientBody(data));
    toast(t('client.saved'));
    ctx.navigate(`#/clients/${client.id}`);
  });
  return h('details', { class: 'card disclosure' }, h('summary', {}, t('client.edit')), form);
}
