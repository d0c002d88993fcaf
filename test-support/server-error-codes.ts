// The domain error codes the server can answer with, read from its source (src/, without the CLI,
// which answers in its own terminal): a test holds the web app's error messages against this
// list, so a new code cannot reach a person untranslated.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const codeShape = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*$/;
const literal = /'([a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*)'/g;
/** helpers that turn their first argument into a DomainError's code (directly or as a finding) */
const wrapperCall = /\b(?:refuse|listError|violation|warning|add|fail)\(\s*'([^']+)'/g;
/** a code picked on the line that makes the error: `DomainError(x ? 'a' : 'b'`, `const code = …`, `code = 'a'` */
const codeLine = /new DomainError\(|\bsuper\(|\bconst code = |\bcode = '/;
/** `code: '…'` in a finding or problem object: a refusal's code once the finding refuses */
const codeProperty =
  /\bcode: (?:[\w.]+ \? )?'([a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*)'(?: : '([a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*)')?/g;

/** files whose `code: '…'` properties are not refusals, and what they are instead */
export const notErrorCodeFiles: Readonly<Record<string, string>> = {
  'src/core/programme/chart-of-accounts.ts': 'ledger account codes',
  'src/core/programme/ledger-movements.ts': 'ledger transfer codes',
  'src/app/audit-service/verify-audit.ts':
    'audit verification findings (the audit page shows them as data)',
  'src/core/audit/verify-rows.ts': 'audit verification findings',
  'src/core/audit/verify-transfer-claims.ts': 'audit verification findings',
  'src/core/audit/derive-balances.ts': 'audit verification findings',
  'src/core/audit/verify-chain.ts': 'audit verification findings',
  'src/core/screening/batch-query.ts': "a line's result in the CLI's `screen batch` output",
};

/**
 * `new DomainError(` sites whose code is not a literal on the line, each with the wrapper whose
 * calls carry the literal (matched by wrapperCall or codeLine above). A new such site fails the
 * test until it is named here and its literals are found.
 */
export const dynamicSites: Readonly<Record<string, string>> = {
  'src/app/waivers/waiver-change.ts': 'findings from add() in core/programme/waiver*.ts',
  'src/app/bank/safe-xml.ts': 'refuse()',
  'src/app/disbursement/channel-findings.ts': 'violation() in core/programme/*',
  'src/app/screening-service/gate-refusal.ts': 'const code = … ? … : …',
  'src/core/programme/party-registration.ts': "fail(path, message, 'code'), code = 'party.invalid'",
  'src/core/programme/invoice.ts': 'rethrows an inner DomainError with its own code',
  'src/core/programme/disbursement-state-machine.ts': 'refuse()',
  'src/adapters/lists/list-error.ts': 'listError() with the ListErrorCode union',
};

function sourceFiles(root: string, directory = root): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (relative(root, path) !== join('edges', 'cli')) files.push(...sourceFiles(root, path));
    } else if (
      entry.name.endsWith('.ts') &&
      !/\.test\.ts$|\.test-support\.ts$|\.d\.ts$/.test(entry.name)
    )
      files.push(path);
  }
  return files;
}

export interface ServerCodes {
  readonly codes: ReadonlySet<string>;
  /** `new DomainError(` sites with a non-literal code that dynamicSites does not name */
  readonly unnamedDynamicSites: readonly string[];
}

export function serverErrorCodes(repositoryRoot: string): ServerCodes {
  const codes = new Set<string>();
  const unnamed: string[] = [];
  const srcRoot = join(repositoryRoot, 'src');
  for (const file of sourceFiles(srcRoot)) {
    const path = relative(repositoryRoot, file).split('\\').join('/');
    const text = readFileSync(file, 'utf8');
    // a call or ternary the formatter wrapped is read as one line again, so that a code on the
    // line after `new DomainError(` or `violation(` is found as on the line itself
    const lines = text
      .replace(/\(\s*\n\s*/g, '(')
      .replace(/,\s*\n\s*/g, ', ')
      .replace(/\s*\n\s*([?:]) /g, ' $1 ')
      .replace(/,\s*\)/g, ')')
      .split('\n');
    lines.forEach((line, index) => {
      if (codeLine.test(line)) for (const match of line.matchAll(literal)) codes.add(match[1]!);
      for (const match of line.matchAll(wrapperCall))
        if (codeShape.test(match[1]!)) codes.add(match[1]!);
      // fail(path, message, 'code'): the code is the call's last literal argument
      const lastArgument = /\bfail\(\[.*, '([a-z_]+\.[a-z_]+)'\)/.exec(line);
      if (lastArgument) codes.add(lastArgument[1]!);
      if (!(path in notErrorCodeFiles))
        for (const match of line.matchAll(codeProperty))
          for (const code of match.slice(1)) if (code) codes.add(code);
      const site = /new DomainError\(\s*([^'\s])/.exec(line);
      if (site && !literal.test(line) && !(path in dynamicSites))
        unnamed.push(`${path}:${index + 1}`);
      literal.lastIndex = 0;
    });
    // union types of codes: type ListErrorCode = | 'list.malformed' | …
    for (const union of text.matchAll(/type \w*ErrorCode =([^;]+);/g))
      for (const match of union[1]!.matchAll(literal)) codes.add(match[1]!);
    if (path === 'src/edges/http/problem-status.ts')
      for (const match of text.matchAll(/\['([a-z_]+\.[a-z_]+)', \d{3}\]/g)) codes.add(match[1]!);
  }
  return { codes, unnamedDynamicSites: unnamed };
}
