import { ApiError, get, request, SignInRequired } from '../api';
import { clear, h, link, section } from '../dom';
import { isoDate } from '../format';
import { lang, t } from '../i18n';
import { bodyOf, fieldOfError, formSpecs, type FieldSpec, type FormSpec } from '../formSpecs';

/** The forms page: a list of the staff forms, or one form. */
export function renderForms(view: HTMLElement, key: string | null): void {
  view.append(h('h1', {}, t('forms')));
  view.append(h('nav', { class: 'tabs', 'aria-label': t('forms') },
    ...formSpecs.map((spec) => link(`/forms/${spec.key}`, t(spec.title)))));
  const spec = formSpecs.find((s) => s.key === (key ?? 'seeker'));
  if (spec) {
    view.append(renderForm(spec, new URLSearchParams(location.search)));
  }
}

function control(field: FieldSpec, id: string): HTMLElement {
  const common = { id, name: field.name, required: field.required ?? false, 'aria-describedby': `${id}-error` };
  switch (field.type) {
    case 'select':
      return h('select', common, ...(field.options ?? []).map((o) => h('option', { value: o }, o || '–')));
    case 'checks':
      return h('fieldset', { id, class: 'checks', 'aria-describedby': `${id}-error` },
        h('legend', { class: 'sr-only' }, field.label[lang()]),
        ...(field.options ?? []).map((o) => h('label', {}, h('input', { type: 'checkbox', name: field.name, value: o }), ` ${o}`)));
    case 'checkbox':
      return h('input', { ...common, type: 'checkbox', required: false });
    case 'textarea':
      return h('textarea', { ...common, rows: 3 });
    case 'number':
      return h('input', { ...common, type: 'text', inputmode: 'decimal' });
    case 'date':
      return h('input', { ...common, type: 'date' });
    default:
      return h('input', { ...common, type: 'text', autocomplete: 'off' });
  }
}

function readValues(form: HTMLFormElement, spec: FormSpec): Record<string, string | string[] | boolean> {
  const values: Record<string, string | string[] | boolean> = {};
  for (const field of spec.fields) {
    if (field.type === 'checks') {
      values[field.name] = [...form.querySelectorAll<HTMLInputElement>(`input[name="${field.name}"]:checked`)].map((i) => i.value);
    } else if (field.type === 'checkbox') {
      values[field.name] = (form.elements.namedItem(field.name) as HTMLInputElement).checked;
    } else {
      values[field.name] = (form.elements.namedItem(field.name) as HTMLInputElement).value;
    }
  }
  return values;
}

function fill(form: HTMLFormElement, spec: FormSpec, record: Record<string, unknown>): void {
  for (const field of spec.fields) {
    const value = record[field.name];
    if (value === undefined || value === null) {
      continue;
    }
    if (field.type === 'checks' && Array.isArray(value)) {
      form.querySelectorAll<HTMLInputElement>(`input[name="${field.name}"]`).forEach((i) => {
        i.checked = value.includes(i.value);
      });
    } else if (field.type === 'checkbox') {
      (form.elements.namedItem(field.name) as HTMLInputElement).checked = value === true;
    } else if (field.type === 'list' && Array.isArray(value)) {
      (form.elements.namedItem(field.name) as HTMLInputElement).value = value.map(String).join(', ');
    } else if (field.name === 'memberIds' && Array.isArray(record.members)) {
      (form.elements.namedItem(field.name) as HTMLInputElement).value = '';
    } else {
      (form.elements.namedItem(field.name) as HTMLInputElement).value = String(value);
    }
  }
  if (spec.key === 'household' && Array.isArray(record.members)) {
    (form.elements.namedItem('memberIds') as HTMLInputElement).value =
      (record.members as Array<{ seekerId: string }>).map((m) => m.seekerId).join(', ');
  }
}

/** One form: labels, the API's field errors beside their fields (in Chinese first), a status line. */
function renderForm(spec: FormSpec, query: URLSearchParams): HTMLElement {
  const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const recordId = h('input', { id: `${spec.key}-record`, type: 'text', autocomplete: 'off' });
  const form = h('form', { class: 'staff-form', id: `form-${spec.key}`, novalidate: true });
  for (const field of spec.fields) {
    const id = `${spec.key}-${field.name}`;
    const input = control(field, id);
    form.append(h('div', { class: 'field', 'data-field': field.name },
      field.type === 'checks' ? h('span', { class: 'label' }, field.label[lang()]) : h('label', { for: id }, field.label[lang()],
        field.required ? h('span', { 'aria-hidden': 'true' }, ' *') : null),
      input,
      h('p', { class: 'field-error', id: `${id}-error` })));
    const preset = query.get(field.name);
    if (preset !== null && input instanceof HTMLInputElement) {
      input.value = preset;
    } else if (field.type === 'date' && input instanceof HTMLInputElement && field.name !== 'birthDate') {
      input.value = isoDate(new Date());
    }
  }
  form.append(h('button', { type: 'submit' }, t('submit')), status);

  const clearErrors = () => {
    form.querySelectorAll('.field-error').forEach((e) => clear(e));
    form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
    clear(status);
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    const values = readValues(form, spec);
    const pathValues: Record<string, string> = {};
    for (const f of spec.fields.filter((x) => x.inPath)) {
      pathValues[f.name] = String(values[f.name] ?? '').trim();
    }
    const id = recordId.value.trim();
    const correcting = spec.recordPath !== undefined && id !== '';
    try {
      const saved = await request<Record<string, unknown>>(correcting ? 'PUT' : 'POST',
        correcting ? spec.recordPath!(id) : spec.post(pathValues), bodyOf(spec, values));
      const savedId = String(saved?.id ?? saved?.creditCode ?? '');
      status.append(h('span', { class: 'badge ok' }, `✓ ${t('saved')}`), ' ',
        savedId.startsWith('sk-') ? link(`/person/${encodeURIComponent(savedId)}`, savedId)
          : savedId.startsWith('po-') ? link(`/post/${encodeURIComponent(savedId)}`, savedId) : savedId);
    } catch (error) {
      if (error instanceof SignInRequired) {
        return;
      }
      if (error instanceof ApiError) {
        showErrors(form, spec, status, error);
      } else {
        status.append(h('span', { class: 'badge warn' }, `✗ ${t('requestFailed')}: ${(error as Error).message}`));
      }
    }
  });

  const load = h('button', { type: 'button', onclick: async () => {
    clearErrors();
    const id = recordId.value.trim();
    if (!id || !spec.recordPath) {
      return;
    }
    try {
      fill(form, spec, await get<Record<string, unknown>>(spec.recordPath(id)));
    } catch (error) {
      if (!(error instanceof SignInRequired)) {
        status.append(h('span', { class: 'badge warn' }, `✗ ${(error as Error).message}`));
      }
    }
  } }, t('load'));

  return section(`section-${spec.key}`, t(spec.title),
    spec.recordPath ? h('div', { class: 'field record' }, h('label', { for: recordId.id }, t('recordId')), recordId, load) : null,
    form);
}

/** Writes each field error next to its field: the field's Chinese label, the problem and the rule (with its Chinese term). */
function showErrors(form: HTMLFormElement, spec: FormSpec, status: HTMLElement, error: ApiError): void {
  const unplaced: string[] = [];
  for (const e of error.errors) {
    const name = fieldOfError(e.field);
    const field = spec.fields.find((f) => f.name === name);
    const slot = field ? form.querySelector<HTMLElement>(`#${spec.key}-${name}-error`) : null;
    const text = `${field ? field.label.zh : e.field}：${e.problem}${e.rule ? `（${e.rule}）` : ''}`;
    if (slot) {
      slot.append(h('span', { class: 'icon', 'aria-hidden': 'true' }, '✗ '), text);
      form.querySelector(`#${spec.key}-${name}`)?.setAttribute('aria-invalid', 'true');
    } else {
      unplaced.push(text);
    }
  }
  status.append(h('span', { class: 'badge warn', role: 'alert' },
    `✗ ${error.status} ${error.errors.length ? t('fieldErrors') : error.title}`));
  for (const text of unplaced) {
    status.append(h('br'), text);
  }
  if (!error.errors.length && error.detail) {
    status.append(h('br'), error.detail);
  }
  form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
