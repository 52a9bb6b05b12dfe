import { z } from 'zod';
import type { Localized } from './localized.ts';

/** Respondent roles of a readiness workshop; a question lists which of them see it. */
export const ROLES = ['executive', 'project-manager', 'business', 'it', 'procurement', 'end-user'] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES);

export const ROLE_LABELS: Record<Role, Localized> = {
  executive: { en: 'Executive', 'zh-CN': '高管' },
  'project-manager': { en: 'Project manager', 'zh-CN': '项目经理' },
  business: { en: 'Business (sales, marketing, service)', 'zh-CN': '业务部门（销售、市场、服务）' },
  it: { en: 'IT', 'zh-CN': 'IT 部门' },
  procurement: { en: 'Procurement / legal', 'zh-CN': '采购 / 法务' },
  'end-user': { en: 'End user', 'zh-CN': '一线用户' },
};

/** The same roles as groups of people, for sentences like "Executives rate data quality higher than End users". */
export const ROLE_GROUP_LABELS: Record<Role, Localized> = {
  executive: { en: 'Executives', 'zh-CN': '高管' },
  'project-manager': { en: 'Project managers', 'zh-CN': '项目经理' },
  business: { en: 'Business staff', 'zh-CN': '业务人员' },
  it: { en: 'IT staff', 'zh-CN': 'IT 人员' },
  procurement: { en: 'Procurement / legal', 'zh-CN': '采购 / 法务' },
  'end-user': { en: 'End users', 'zh-CN': '一线用户' },
};

/** Owners of remediation actions: the team of phase 3 in 003_… (executive sponsor, PM, business reps, IT admin) plus procurement/legal for contracts. */
export const OWNERS = ['executive-sponsor', 'project-manager', 'business-representatives', 'it-admin', 'procurement-legal'] as const;
export type Owner = (typeof OWNERS)[number];
export const OwnerSchema = z.enum(OWNERS);

export const OWNER_LABELS: Record<Owner, Localized> = {
  'executive-sponsor': { en: 'Executive sponsor', 'zh-CN': '高层发起人' },
  'project-manager': { en: 'Project manager', 'zh-CN': '项目经理' },
  'business-representatives': { en: 'Business representatives', 'zh-CN': '业务代表' },
  'it-admin': { en: 'IT / system admin', 'zh-CN': 'IT / 系统管理员' },
  'procurement-legal': { en: 'Procurement / legal', 'zh-CN': '采购 / 法务' },
};
