// Sponsor share links: create a read-only link (expiry, comments or not), copy it once, revoke it,
// and see every PDF downloaded through it.
import { del, get, post } from '../api.js';
import { confirmInline, copyText, fill, field, h, toast } from '../dom.js';
import { formatDate, t } from '../i18n.js';
import { errorMessage, input, onSubmit } from '../forms.js';

const absolute = (path) => new URL(path, location.origin).href;
const inDays = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

export async function shareTab(ctx, body, detail) {
  const { assessment: a } = detail;
  const once = h('div', {});
  const listBox = h('div', {});
  const downloadsBox = h('div', {});

  const redraw = async () => {
    const { links, downloads } = await get(`/api/assessments/${a.id}/share-links`);
    fill(listBox, linksTable(links, redraw));
    fill(downloadsBox, downloadsTable(downloads));
  };

  const form = h('form', { class: 'card', novalidate: true, id: 'share-form' },
    h('h2', {}, t('shareTab.title')),
    h('p', { class: 'muted small' }, t('shareTab.intro')),
    h('div', { class: 'form-error', tabindex: '-1' }),
    h('div', { class: 'grid two' },
      field(t('shareTab.label'), input('label', { maxlength: 100, placeholder: t('shareTab.labelPlaceholder'), autocomplete: 'off' })),
      field(t('shareTab.expires'), input('expiresOn', { type: 'date', min: inDays(0), max: inDays(365), value: inDays(30), required: true }), t('shareTab.expiresHint'))),
    h('div', { class: 'field' }, h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'includeComments' }), h('span', {}, t('shareTab.comments')))),
    h('button', { type: 'submit', class: 'btn', id: 'create-share-link' }, t('shareTab.create')));
  onSubmit(form, async (data) => {
    const label = String(data.get('label') ?? '').trim();
    const res = await post(`/api/assessments/${a.id}/share-links`, { ...(label ? { label } : {}), expiresOn: data.get('expiresOn'), includeComments: data.get('includeComments') === 'on' });
    const url = absolute(res.path);
    fill(once, h('section', { class: 'card once', 'aria-labelledby': 'share-once-h' },
      h('h2', { id: 'share-once-h', tabindex: '-1' }, t('shareTab.created')),
      h('p', { class: 'small' }, t('shareTab.once')),
      h('div', { class: 'row' },
        h('div', { class: 'spacer' }, h('input', { type: 'text', readonly: true, value: url, class: 'link-input mono', id: 'share-link-url', 'aria-label': t('shareTab.linkLabel'), onFocus: (e) => e.target.select() })),
        h('button', { type: 'button', class: 'btn secondary', onClick: async () => toast(t(await copyText(url) ? 'links.copied' : 'links.copyFailed')) }, t('links.copy')),
        h('a', { class: 'btn ghost', href: url, target: '_blank', rel: 'noopener' }, t('shareTab.open')))));
    once.querySelector('h2').focus();
    form.reset();
    form.querySelector('input[name="expiresOn"]').value = inDays(30);
    await redraw();
  });

  body.append(once, h('div', { class: 'grid side' }, h('div', {}, form, listBox), h('div', {}, downloadsBox)));
  await redraw();
}

function linksTable(links, redraw) {
  if (!links.length) return h('section', { class: 'card' }, h('h2', {}, t('shareTab.links')), h('p', { class: 'empty' }, t('shareTab.none')));
  return h('section', { class: 'card' }, h('h2', {}, t('shareTab.links')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'stack-table', id: 'share-links' },
      h('thead', {}, h('tr', {}, h('th', {}, t('shareTab.label')), h('th', {}, t('shareTab.status')), h('th', {}, t('shareTab.expires')), h('th', {}, t('shareTab.downloads')), h('th', {}, h('span', { class: 'visually-hidden' }, t('common.actions'))))),
      h('tbody', {}, links.map((l) => {
        const revoke = l.status === 'revoked' ? null : h('button', { type: 'button', class: 'btn danger small', onClick: async () => {
          if (!(await confirmInline(revoke, t('shareTab.revokeConfirm'), t('shareTab.revoke'), t('common.cancel')))) return;
          try { await del(`/api/share-links/${l.id}`); toast(t('shareTab.revoked')); await redraw(); } catch (err) { toast(errorMessage(err), 'error'); }
        } }, t('shareTab.revoke'));
        return h('tr', { 'data-link': String(l.id) },
          h('td', {}, l.label || h('span', { class: 'muted' }, t('shareTab.noLabel')), h('div', { class: 'muted small' }, [l.includeComments ? t('shareTab.withComments') : t('shareTab.withoutComments'), l.createdBy].filter(Boolean).join(' · '))),
          h('td', {}, h('span', { class: `badge ${l.status === 'active' ? 'open' : l.status}` }, t(`shareTab.status.${l.status}`))),
          h('td', {}, formatDate(l.expiresAt)),
          h('td', { class: 'downloads' }, String(l.downloads), l.lastDownloadAt ? h('div', { class: 'muted small' }, t('shareTab.last', { date: formatDate(l.lastDownloadAt, true) })) : null),
          h('td', { class: 'actions' }, revoke));
      })))));
}

function downloadsTable(downloads) {
  return h('section', { class: 'card', 'aria-labelledby': 'downloads-h' }, h('h2', { id: 'downloads-h' }, t('shareTab.downloadLog')),
    h('p', { class: 'muted small' }, t('shareTab.downloadIntro')),
    downloads.length
      ? h('ul', { class: 'list', id: 'share-downloads' }, downloads.map((d) => h('li', {},
        h('div', {}, h('strong', {}, d.label || t('shareTab.noLabel')), ' · ', t(d.variant === 'full' ? 'scorecard.full' : 'scorecard.brief'), ' · ', d.locale === 'zh-CN' ? '简体中文' : 'English'),
        h('div', { class: 'muted small' }, formatDate(d.downloadedAt, true), d.fromCache ? ` · ${t('shareTab.fromCache')}` : ''))))
      : h('p', { class: 'empty' }, t('shareTab.noDownloads')));
}
