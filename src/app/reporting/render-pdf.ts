// HTML → PDF with Debian's Chromium driven by playwright-core: Chromium's HarfBuzz shaping joins
// and orders Arabic correctly and embeds the (Noto) fonts it used. The shell's only job here.
import { chromium } from 'playwright-core';

export const chromiumPath = process.env.QANAT_CHROMIUM ?? '/usr/bin/chromium';
export const pdfRenderTimeoutMs = 60_000;

export async function renderPdf(html: string, footerHtml: string): Promise<Buffer> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--font-render-hinting=none',
    ],
    timeout: pdfRenderTimeoutMs,
  });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load', timeout: pdfRenderTimeoutMs });
    await page.evaluate('document.fonts.ready');
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: footerHtml,
      margin: { top: '16mm', bottom: '18mm', left: '12mm', right: '12mm' },
    });
  } finally {
    await browser.close();
  }
}
