import { z } from 'zod';
import { LocaleSchema } from '../../core/localized.ts';
import { AnswerValueSchema, OrganisationSchema, SupportSchema } from '../../core/questionnaire/answers-schema.ts';
import { RoleSchema } from '../../core/roles.ts';

/** Shared by the routes and the OpenAPI document. Free-text limits match the answers-file schema, so every export stays importable. */

export const IdParams = z.object({ id: z.coerce.number().int().positive().max(2 ** 31) }).strict();
export const TokenParams = z.object({ token: z.string().max(200) }).strict();
export const Email = z.string().trim().toLowerCase().max(254).email('write a valid e-mail address, e.g. ana@example.com');
export const Password = z.string().min(10, 'use at least 10 characters').max(200, 'use at most 200 characters');
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(s)), 'not a real date');
const Name = z.string().trim().min(1, 'required').max(200);

export const ErrorResponse = z.object({
  error: z.string(),
  code: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const UserSchema = z.object({
  id: z.number(), email: z.string(), name: z.string(), isAdmin: z.boolean(), mustChangePassword: z.boolean(), disabledAt: z.string().nullable(), createdAt: z.string(),
});
export const SessionResponse = z.object({ user: UserSchema, csrfToken: z.string() });

export const SetupBody = z.object({ name: Name, email: Email, password: Password, demo: z.boolean().default(false) }).strict();
export const SignInBody = z.object({ email: Email, password: z.string().min(1, 'required').max(200) }).strict();
export const ChangePasswordBody = z.object({ currentPassword: z.string().min(1, 'required').max(200), newPassword: Password }).strict();
export const CreateUserBody = z.object({ name: Name, email: Email, isAdmin: z.boolean().default(false) }).strict();

export const ClientBody = OrganisationSchema.extend({ name: z.string().trim().min(1, 'required').max(200) });
export const MemberBody = z.object({ email: Email, role: z.enum(['owner', 'member']).default('member') }).strict();
export const MemberParams = z.object({ id: IdParams.shape.id, userId: IdParams.shape.id }).strict();

export const QuestionnaireRef = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*@\d+\.\d+\.\d+$/, 'write it as id@version, e.g. crm-readiness@1.0.0');
export const CreateAssessmentBody = z.object({
  title: Name,
  questionnaire: QuestionnaireRef,
  locale: LocaleSchema.default('en'),
  dueDate: IsoDate.nullable().optional(),
}).strict();
export const UpdateAssessmentBody = z.object({ title: Name, locale: LocaleSchema, dueDate: IsoDate.nullable().optional() }).strict();

export const InvitationsBody = z.object({
  invitations: z.array(z.object({ role: RoleSchema, name: z.string().trim().max(200).optional() }).strict()).min(1).max(200),
  expiresOn: IsoDate.nullable().optional().describe('Last day the links work (end of that day, UTC); none = until revoked'),
}).strict();

export const AnswerBody = z.object({
  value: AnswerValueSchema,
  comment: z.string().max(5000).optional(),
  support: SupportSchema.optional(),
}).strict();
export const AnswerParams = z.object({ token: TokenParams.shape.token, questionId: z.string().max(100) }).strict();
export const LocaleBody = z.object({ locale: LocaleSchema }).strict();

export const ReportQuery = z.object({
  variant: z.enum(['full', 'brief']).default('full'),
  locale: LocaleSchema.default('en'),
  comments: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
}).strict();

export const ImportBody = z.object({
  content: z.string().min(1, 'the file is empty').max(2_000_000),
  fileName: z.string().max(200).regex(/^[^/\\\r\n]*$/, 'a file name without folders').optional(),
}).strict();
