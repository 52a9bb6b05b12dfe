// One assessment: its header (status, close/reopen) and three tabs — live results, respondents, data and report.
import { get, post } from '../api.js';
import { clear, fill, confirmInline, h, toast } from '../dom.js';
import { formatDate, pick, t } from '../i18n.js';
import { errorMessage } from '../forms.js';
import { dashboardTab } from './dashboard-tab.js';
import { dataTab } from './data-tab.js';
import { respondentsTab } from './respondents-tab.js';
import { shareTab } from './share-tab.js';
import { followUpTab } from './follow-up-tab.js';

const TABS = { dashboard: dashboardTab, respondents: respondentsTab, data: dataTab, share: shareTab, followup: followUpTab };

export async function assessmentScreen(ctx, id, tab = 'dashboard') {
  if (!TABS[tab]) return ctx.navigate(`#/assessments/${id}`);
  const detail = await get(`/api/assessments/${id}`);
  const { assessment: a, client } = detail;
  const statusButton = h('button', { type: 'button', class: a.status === 'open' ? 'btn danger small' : 'btn secondary small', onClick: async () => {
    const closing = a.status === 'open';
    if (closing && !(await confirmInline(statusButton, t('assessment.closeConfirm'), t('assessment.close'), t('common.cancel')))) return;
    statusButton.disabled = true;
    try {
      await post(`/api/assessments/${a.id}/${closing ? 'close' : 'reopen'}`);
      toast(t(closing ? 'assessment.closed' : 'assessment.reopened'));
      ctx.navigate(location.hash);
    } catch (err) { toast(errorMessage(err), 'error'); statusButton.disabled = false; }
  } }, t(a.status === 'open' ? 'assessment.close' : 'assessment.reopen'));

  const tabs = h('nav', { class: 'tabs', 'aria-label': t('assessment.sections') },
    Object.keys(TABS).map((name) => h('a', { href: `#/assessments/${a.id}/${name}`, 'aria-current': name === tab ? 'page' : null }, t(`tab.${name}`))));
  const body = h('div', {});
  fill(ctx.main, 
    h('div', { class: 'crumbs' }, h('a', { href: '#/clients' }, t('clients.title')), ' › ', h('a', { href: `#/clients/${client.id}` }, client.name)),
    h('div', { class: 'page-head' },
      h('div', {},
        h('h1', {}, a.title, ' ', client.isDemo ? h('span', { class: 'badge demo', title: t('demo.title') }, t('demo.badge')) : null),
        h('p', { class: 'sub' }, [pick(a.questionnaireTitle) || a.questionnaireId, a.questionnaireVersion, t(`locale.${a.locale}`), a.dueDate ? t('assessment.due', { date: formatDate(a.dueDate) }) : null].filter(Boolean).join(' · '))),
      h('div', { class: 'row' }, h('span', { class: `badge ${a.status}` }, t(`status.${a.status}`)),
        h('a', { class: 'btn secondary small', href: `/workshop.html?assessment=${a.id}`, id: 'workshop-mode' }, t('ws.open')), statusButton)),
    client.isDemo ? h('div', { class: 'notice warn' }, t('demo.notice')) : null,
    a.status === 'closed' ? h('div', { class: 'notice info' }, t('assessment.closedNotice')) : null,
    tabs, body);
  await TABS[tab](ctx, body, detail);
}
