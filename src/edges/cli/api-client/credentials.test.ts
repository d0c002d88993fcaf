// The credentials file: written 0600 (also over an older, looser file), refused when others may
// read it, and found under $XDG_CONFIG_HOME unless QANAT_CREDENTIALS names it.
import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliFailure } from './cli-failure.js';
import { credentialsPath, readCredentials, writeCredentials } from './credentials.js';

const sample = {
  url: 'http://127.0.0.1:8080',
  userId: 'maker',
  sessionId: 's'.repeat(40),
  csrfToken: 'c'.repeat(40),
  pending: 'none' as const,
};

describe('the CLI credentials file', () => {
  it('is written 0600, read back, and refused once others may read it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qanat-credentials-'));
    const path = join(dir, 'nested', 'credentials.json');
    writeCredentials(path, sample);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readCredentials(path)).toEqual(sample);
    chmodSync(path, 0o644);
    expect(() => readCredentials(path)).toThrow(CliFailure);
    expect(() => readCredentials(path)).toThrow(/readable by others/);
    writeCredentials(path, sample);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    writeFileSync(path, '{"not":"credentials"}', { mode: 0o600 });
    try {
      readCredentials(path);
      expect.unreachable();
    } catch (error) {
      expect((error as CliFailure).exitCode).toBe(3);
    }
    expect(readCredentials(join(dir, 'absent.json'))).toBeUndefined();
  });

  it('lives under the XDG config directory unless QANAT_CREDENTIALS names it', () => {
    expect(credentialsPath({ XDG_CONFIG_HOME: '/x/config' })).toBe(
      '/x/config/qanat/credentials.json',
    );
    expect(
      credentialsPath({ XDG_CONFIG_HOME: '/x/config', QANAT_CREDENTIALS: '/elsewhere.json' }),
    ).toBe('/elsewhere.json');
    expect(credentialsPath({ HOME: '/home/u' })).toMatch(/\.config\/qanat\/credentials\.json$/);
  });
});
