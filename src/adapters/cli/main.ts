import { parseArgs } from 'node:util';
import { LOCALES, type Locale } from '../../core/localized.ts';
import { runScore, runExplain } from './commands/score.ts';
import { runTemplate } from './commands/template.ts';
import { runValidate } from './commands/validate.ts';
import { processIo, UsageError, type Io } from './io.ts';

const USAGE = `crm-readiness — CRM readiness and failure-risk assessment

Usage:
  crm-readiness validate [paths...]                 check questionnaires and rule sets
  crm-readiness template [--questionnaire ID@VER] [--role ROLE] [--locale en|zh-CN]
  crm-readiness score <answers.yaml|.json> [--format json|text] [--locale en|zh-CN]
  crm-readiness explain <answers> [--finding ID | --dimension ID]
  crm-readiness report <answers> --out report.pdf [--variant full|brief] [--locale en|zh-CN] [--html report.html] [--no-comments]
  crm-readiness serve [--host 127.0.0.1] [--port 3000] [--db ./data/crm-readiness.db]
  crm-readiness backup --out FILE [--db ./data/crm-readiness.db]
  crm-readiness schemas [--out docs/schemas]         write JSON Schemas for editors
`;

function localeOf(value: string | undefined): Locale {
  const locale = value ?? 'en';
  if (!(LOCALES as readonly string[]).includes(locale)) throw new UsageError(`--locale must be en or zh-CN, received "${locale}"`);
  return locale as Locale;
}

type Command = (args: string[], io: Io) => number | Promise<number>;

type Options = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;
export function parse(args: string[], options: Options): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional.*$/s, ''));
  }
}

const COMMANDS: Record<string, Command> = {
  validate: (args, io) => runValidate(parse(args, {}).positionals, io),
  template: (args, io) => {
    const { values } = parse(args, { questionnaire: { type: 'string' }, role: { type: 'string' }, locale: { type: 'string' } });
    return runTemplate((values.questionnaire as string | undefined) ?? 'crm-readiness', values.role as string | undefined, localeOf(values.locale as string | undefined), io);
  },
  score: (args, io) => {
    const { values, positionals } = parse(args, { format: { type: 'string' }, locale: { type: 'string' } });
    return runScore(positionals[0], (values.format as string | undefined) ?? 'json', localeOf(values.locale as string | undefined), io);
  },
  explain: (args, io) => {
    const { values, positionals } = parse(args, { finding: { type: 'string' }, dimension: { type: 'string' } });
    return runExplain(positionals[0], values.finding as string | undefined, values.dimension as string | undefined, io);
  },
  report: async (args, io) => (await import('./commands/report.ts')).runReportCommand(args, io),
  serve: async (args, io) => (await import('./commands/serve.ts')).runServeCommand(args, io),
  backup: async (args, io) => (await import('./commands/backup.ts')).runBackupCommand(args, io),
  schemas: async (args, io) => (await import('./commands/schemas.ts')).runSchemasCommand(args, io),
};

/** Exit codes: 0 ok, 1 the input has problems, 2 the command line is wrong, 3 an unexpected failure. */
export async function runCli(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') { io.out(USAGE); return name ? 0 : 2; }
  const command = COMMANDS[name];
  if (!command) { io.err(`unknown command "${name}"\n\n${USAGE}`); return 2; }
  try {
    return await command(args, io);
  } catch (e) {
    if (e instanceof UsageError) { io.err(`${name}: ${e.message}`); return 2; }
    // People get a sentence, never a stack trace; set DEBUG=crm-readiness to see the detail.
    io.err(`${name} failed: ${(e as Error).message}`);
    if (process.env.DEBUG?.includes('crm-readiness')) io.err(String((e as Error).stack));
    return 3;
  }
}
