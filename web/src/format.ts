import { lang, type Lang } from './i18n';

/** A fraction in [0, 1] as a percentage with one decimal; an en dash for null or non-finite values. */
export function percent(value: number | null | undefined, language: Lang = lang()): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return '–';
  }
  const text = (Math.round(value * 1000) / 10).toFixed(1);
  return language === 'zh' ? `${text}%` : `${text} %`;
}

/** A ratio such as 求人倍率 with two decimals; an en dash when there is no denominator. */
export function ratio(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return '–';
  }
  return value.toFixed(2);
}

/** A count with thousands separators (1,234). */
export function count(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return '–';
  }
  return Math.round(value).toLocaleString('en-US');
}

/** A pay range in yuan. */
export function payRange(min: number, max: number): string {
  return `${count(min)}–${count(max)} 元`;
}

const idNumber = /^(\d{4})\d{10}(\d{3}[\dXx])$/;
const phoneNumber = /^(\d{3})\d{4}(\d{4})$/;

/**
 * Personal numbers for display: the API already masks them; this keeps a full ID-card number or phone from ever being
 * shown should one reach the page (e.g. typed into a field that is echoed back), with the same pattern as the API.
 */
export function maskForDisplay(value: string | null | undefined): string {
  if (!value) {
    return '–';
  }
  const compact = value.trim();
  const id = idNumber.exec(compact);
  if (id) {
    return `${id[1]}**********${id[2]}`;
  }
  const phone = phoneNumber.exec(compact);
  if (phone) {
    return `${phone[1]}****${phone[2]}`;
  }
  return compact;
}

/** Today's date as YYYY-MM-DD in the browser's zone (form defaults only; the server decides dates of record). */
export function isoDate(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
