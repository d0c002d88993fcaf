// The one way the e2e tests start a browser: Debian's Chromium driven by playwright-core, headless,
// with nothing running in the background that would make a run slower or less repeatable. A
// missing Chromium or a missing web build fails the test loudly, never skips it.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { defaultWebRoot } from '../src/edges/http/web-app.js';

/** QANAT_CHROMIUM overrides the Debian package's path */
export const testChromiumPath = process.env.QANAT_CHROMIUM ?? '/usr/bin/chromium';

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** the server serves web/dist: without a build every page would be a 404 */
export function assertBuiltWebApp(): void {
  if (!existsSync(`${defaultWebRoot}/index.html`)) {
    throw new Error(
      `no built web app at ${defaultWebRoot}: run \`npm run build:web\` (npm run build does it too)`,
    );
  }
}

export async function launchTestChromium(): Promise<Browser> {
  if (!existsSync(testChromiumPath)) {
    throw new Error(
      `no Chromium at ${testChromiumPath}: apt-get install -y chromium (or set QANAT_CHROMIUM)`,
    );
  }
  return chromium.launch({ executablePath: testChromiumPath, headless: true, args: chromiumArgs });
}
