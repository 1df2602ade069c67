import type { MessageKey } from './i18n';

/** How a form field is entered and sent. */
export type FieldType = 'text' | 'date' | 'number' | 'select' | 'list' | 'checks' | 'checkbox' | 'textarea';

/** One field of a staff form; <c>name</c> is the API's JSON field, so field errors land next to it. */
export interface FieldSpec {
  name: string;
  label: { zh: string; en: string };
  type: FieldType;
  required?: boolean;
  options?: readonly string[];
  /** True when the value goes into the URL (record id), not the body. */
  inPath?: boolean;
}

/** One staff form: where it posts, and where a correction (PUT) or a load (GET) of an existing record goes. */
export interface FormSpec {
  key: string;
  title: MessageKey;
  fields: readonly FieldSpec[];
  post: (path: Record<string, string>) => string;
  /** Present for records that can be corrected: the GET/PUT path of one record. */
  recordPath?: (id: string) => string;
}

const l = (zh: string, en: string) => ({ zh, en });
const education = ['none', 'primary', 'junior', 'senior', 'vocational', 'college', 'bachelor', 'master', 'doctor'];
const kinds = ['full_time', 'part_time', 'gig', 'public_welfare'];
const keyGroups = ['hard_to_employ', 'graduate', 'veteran', 'migrant', 'poverty_alleviated', 'disabled', 'low_income'];

/** The staff forms: register or correct a seeker, household, employer, post; record a placement, its end, a follow-up. */
export const formSpecs: readonly FormSpec[] = [
  {
    key: 'seeker', title: 'formSeeker', post: () => '/api/seekers', recordPath: (id) => `/api/seekers/${encodeURIComponent(id)}`,
    fields: [
      { name: 'siteCode', label: l('所属站点编码', 'Site code'), type: 'text', required: true },
      { name: 'name', label: l('姓名', 'Name'), type: 'text', required: true },
      { name: 'idNumber', label: l('身份证号', 'ID-card number'), type: 'text', required: true },
      { name: 'phone', label: l('手机号', 'Phone'), type: 'text' },
      { name: 'birthDate', label: l('出生日期', 'Birth date'), type: 'date', required: true },
      { name: 'gender', label: l('性别', 'Gender'), type: 'select', options: ['M', 'F'], required: true },
      { name: 'education', label: l('文化程度', 'Education'), type: 'select', options: education, required: true },
      { name: 'occupations', label: l('求职意向（职业编码，逗号分隔）', 'Occupation intentions (codes, comma-separated)'), type: 'list' },
      { name: 'skills', label: l('技能（逗号分隔）', 'Skills (comma-separated)'), type: 'list' },
      { name: 'expectedPayMin', label: l('期望最低月薪（元）', 'Expected minimum pay (yuan)'), type: 'number' },
      { name: 'lat', label: l('纬度', 'Latitude'), type: 'number', required: true },
      { name: 'lon', label: l('经度', 'Longitude'), type: 'number', required: true },
      { name: 'rural', label: l('农村户籍', 'Rural'), type: 'checkbox' },
      { name: 'availability', label: l('可接受用工形式', 'Kinds of work accepted'), type: 'checks', options: kinds },
      { name: 'keyGroups', label: l('重点群体', 'Key groups'), type: 'checks', options: keyGroups },
      { name: 'status', label: l('就业状态', 'Status'), type: 'select', options: ['unemployed', 'employed', 'not_in_labour_force'],
        required: true },
      { name: 'statusSince', label: l('状态起始日期', 'Status since'), type: 'date', required: true },
    ],
  },
  {
    key: 'household', title: 'formHousehold', post: () => '/api/households',
    recordPath: (id) => `/api/households/${encodeURIComponent(id)}`,
    fields: [
      { name: 'siteCode', label: l('所属站点编码', 'Site code'), type: 'text', required: true },
      { name: 'memberIds', label: l('家庭成员（求职者编号，逗号分隔）', 'Members (seeker ids, comma-separated)'), type: 'list',
        required: true },
    ],
  },
  {
    key: 'employer', title: 'formEmployer', post: () => '/api/employers',
    recordPath: (id) => `/api/employers/${encodeURIComponent(id)}`,
    fields: [
      { name: 'creditCode', label: l('统一社会信用代码', 'Unified social credit code'), type: 'text', required: true },
      { name: 'name', label: l('单位名称', 'Name'), type: 'text', required: true },
      { name: 'siteCode', label: l('所属站点编码', 'Site code'), type: 'text', required: true },
      { name: 'lat', label: l('纬度', 'Latitude'), type: 'number' },
      { name: 'lon', label: l('经度', 'Longitude'), type: 'number' },
      { name: 'contactPhone', label: l('联系电话', 'Contact phone'), type: 'text' },
    ],
  },
  {
    key: 'post', title: 'formPost', post: () => '/api/posts', recordPath: (id) => `/api/posts/${encodeURIComponent(id)}`,
    fields: [
      { name: 'siteCode', label: l('所属站点编码', 'Site code'), type: 'text', required: true },
      { name: 'employerCode', label: l('用人单位信用代码', 'Employer credit code'), type: 'text', required: true },
      { name: 'title', label: l('岗位名称', 'Title'), type: 'text', required: true },
      { name: 'occupation', label: l('职业编码（X-XX-XX-XX）', 'Occupation code (X-XX-XX-XX)'), type: 'text', required: true },
      { name: 'openings', label: l('招聘人数', 'Openings'), type: 'number', required: true },
      { name: 'payMin', label: l('最低月薪（元）', 'Minimum pay (yuan)'), type: 'number', required: true },
      { name: 'payMax', label: l('最高月薪（元）', 'Maximum pay (yuan)'), type: 'number', required: true },
      { name: 'lat', label: l('纬度', 'Latitude'), type: 'number', required: true },
      { name: 'lon', label: l('经度', 'Longitude'), type: 'number', required: true },
      { name: 'kind', label: l('用工形式', 'Kind'), type: 'select', options: kinds, required: true },
      { name: 'minEducation', label: l('最低学历', 'Minimum education'), type: 'select', options: ['', ...education] },
      { name: 'ageMin', label: l('最低年龄', 'Minimum age'), type: 'number' },
      { name: 'ageMax', label: l('最高年龄', 'Maximum age'), type: 'number' },
      { name: 'skills', label: l('技能要求（逗号分隔）', 'Skills (comma-separated)'), type: 'list' },
    ],
  },
  {
    key: 'placement', title: 'formPlacement', post: () => '/api/placements',
    fields: [
      { name: 'seekerId', label: l('求职者编号', 'Seeker id'), type: 'text', required: true },
      { name: 'postId', label: l('岗位编号', 'Post id'), type: 'text', required: true },
      { name: 'date', label: l('安置日期', 'Date'), type: 'date', required: true },
    ],
  },
  {
    key: 'placementEnd', title: 'formPlacementEnd', post: (p) => `/api/placements/${encodeURIComponent(p.placementId ?? '')}/end`,
    fields: [
      { name: 'placementId', label: l('安置编号', 'Placement id'), type: 'text', required: true, inPath: true },
      { name: 'date', label: l('结束日期', 'End date'), type: 'date', required: true },
      { name: 'reason', label: l('结束原因', 'Reason'), type: 'select', options: ['resigned', 'dismissed', 'completed', 'other'] },
    ],
  },
  {
    key: 'followup', title: 'formFollowUp', post: (p) => `/api/seekers/${encodeURIComponent(p.seekerId ?? '')}/followups`,
    fields: [
      { name: 'seekerId', label: l('求职者编号', 'Seeker id'), type: 'text', required: true, inPath: true },
      { name: 'date', label: l('跟踪日期', 'Date'), type: 'date', required: true },
      { name: 'kind', label: l('方式（电话、走访…）', 'Kind (call, visit …)'), type: 'text', required: true },
      { name: 'note', label: l('记录', 'Note'), type: 'textarea', required: true },
      { name: 'by', label: l('经办人', 'By'), type: 'text' },
    ],
  },
];

/** The JSON body of a form from its raw values: numbers parsed, lists split on commas, empty optional fields left out. */
export function bodyOf(spec: FormSpec, values: Record<string, string | string[] | boolean>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of spec.fields) {
    if (field.inPath) {
      continue;
    }
    const raw = values[field.name];
    switch (field.type) {
      case 'checkbox':
        body[field.name] = raw === true;
        break;
      case 'checks':
        body[field.name] = Array.isArray(raw) ? raw : [];
        break;
      case 'list':
        body[field.name] = typeof raw === 'string' ? raw.split(/[,，;；\s]+/).map((x) => x.trim()).filter((x) => x) : [];
        break;
      case 'number': {
        const text = typeof raw === 'string' ? raw.trim() : '';
        if (text !== '') {
          // A value that is not a number is sent as typed, so the API names the field and the rule.
          body[field.name] = Number.isFinite(Number(text)) ? Number(text) : text;
        }
        break;
      }
      default: {
        const text = typeof raw === 'string' ? raw.trim() : '';
        if (text !== '' || field.required) {
          body[field.name] = text;
        }
      }
    }
  }
  return body;
}

/** The form field an API field error belongs to (`occupations[1]` → `occupations`). */
export function fieldOfError(field: string): string {
  return field.split(/[[.]/)[0] ?? field;
}
