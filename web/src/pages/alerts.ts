import { get, seg } from '../api';
import { newestFirst, type SiteAlerts } from '../alertsData';
import { h, link, section } from '../dom';
import { maskForDisplay } from '../format';
import { t } from '../i18n';

export type { SiteAlerts } from '../alertsData';

/** How many entries of each list get the person's name and masked ID looked up (the rest show the id only). */
const enrichLimit = 25;

interface SeekerBrief {
  id: string;
  name: string;
  idNumberMasked: string;
}

interface HouseholdBrief {
  id: string;
  members: Array<{ seekerId: string; status: string }>;
}

/** A link to the person page showing the name and the masked ID number once they are loaded. */
function personLink(seekerId: string, enrich: boolean): HTMLElement {
  const a = link(`/person/${encodeURIComponent(seekerId)}`, seekerId);
  a.dataset.seeker = seekerId;
  if (enrich) {
    void get<SeekerBrief>(`/api/seekers/${seg(seekerId)}`).then((s) => {
      a.textContent = `${s.name} (${maskForDisplay(s.idNumberMasked)})`;
    }).catch(() => undefined);
  }
  return a;
}

/** The alerts of the subtree, newest first, each linking to the person page. */
export function renderAlerts(alerts: SiteAlerts | null): HTMLElement {
  if (!alerts) {
    return section('alerts', t('alerts'), h('p', {}, t('noData')));
  }
  const households = newestFirst(alerts.overdueHouseholds, (a) => a.overdueFrom, (a) => a.householdId);
  const seekers = newestFirst(alerts.unemployedOver3MonthsWithoutFollowUp, (a) => a.unemployedSince, (a) => a.seekerId);

  const householdList = h('ol', { class: 'alerts', id: 'alerts-households' });
  households.forEach((alert, index) => {
    const members = h('span', { class: 'members' });
    if (index < enrichLimit) {
      void get<HouseholdBrief>(`/api/households/${seg(alert.householdId)}`).then((hh) => {
        for (const m of hh.members) {
          members.append(personLink(m.seekerId, true), ' ');
        }
      }).catch(() => undefined);
    }
    householdList.append(h('li', { 'data-household': alert.householdId },
      h('span', { class: 'badge warn' }, '⚠ ', t('overdueHouseholds')), ' ',
      `${t('household')} ${alert.householdId} · ${t('zeroSince')} ${alert.zeroEmploymentSince} · ${t('overdueFrom')} ${alert.overdueFrom} · `,
      members));
  });
  const seekerList = h('ol', { class: 'alerts', id: 'alerts-seekers' });
  seekers.forEach((alert, index) => {
    seekerList.append(h('li', { 'data-seeker-alert': alert.seekerId },
      personLink(alert.seekerId, index < enrichLimit),
      ` · ${t('unemployedSince')} ${alert.unemployedSince} · ${t('lastFollowUp')} ${alert.lastFollowUp ?? t('none')}`));
  });
  return section('alerts', t('alerts'),
    h('h3', {}, `${t('overdueHouseholds')} (${households.length})`),
    households.length ? householdList : h('p', {}, t('noAlerts')),
    h('h3', {}, `${t('longTermNoFollowUp')} (${seekers.length})`),
    seekers.length ? seekerList : h('p', {}, t('noAlerts')));
}
