// Drives the playground page the way a person would, in Debian's headless Chromium.
//
// Usage: node playground-smoke.mjs <page-url> <screenshot.png> [question] [follow-up]
// Asks the question (Enter sends), waits for an answer with a clickable "[1]" and a titled source
// (a link for a web address, title and path for a file), clicks "[1]" and checks that source is
// highlighted, clicks 👍, waits for "Thanks", and saves a screenshot. Prints "answer-id: <id>" of
// the answer voted on. Exits 0 on success, 1 on any failure (with the reason on stderr).
//
// No browser is downloaded: playwright-core drives /usr/bin/chromium (apt-get install chromium),
// or the browser named by CHROMIUM_PATH.

import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [url, screenshotPath, question = 'How do I book a flight?', followUp] = process.argv.slice(2);
if (!url || !screenshotPath) {
  console.error('usage: node playground-smoke.mjs <page-url> <screenshot.png> [question] [follow-up]');
  process.exit(2);
}

const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`${executablePath} is missing: run bash tests/install-test-deps.sh (apt-get install -y chromium).`);
  process.exit(1);
}

const step = (text) => console.log(`- ${text}`);
const userDataDir = mkdtempSync(join(tmpdir(), 'playground-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: { width: 1100, height: 800 },
    timeout: 30_000,
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(20_000);
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => { if (message.type() === 'error') pageErrors.push(message.text()); });
  const answers = [];
  page.on('response', async (response) => {
    if (response.status() >= 400) pageErrors.push(`${response.status()} from ${response.url()}`);
    else if (new URL(response.url()).pathname === '/api/chat') answers.push(await response.json());
  });

  step(`open ${url}`);
  await page.goto(url, { waitUntil: 'load' });

  step(`ask "${question}" and press Enter`);
  const input = page.getByLabel('Your question');
  await input.fill(question);
  await input.press('Enter');
  await page.locator('.message.user', { hasText: question }).waitFor();

  step('wait for the answer with a [1] marker and a titled source');
  const answer = page.locator('.message.answer').last();
  await answer.waitFor();
  const marker = answer.locator('a.cite', { hasText: '[1]' });
  await marker.waitFor();
  const sourceTitle = answer.locator('.source a[href^="http"], .source .source-title').first();
  await sourceTitle.waitFor();
  if (!(await sourceTitle.textContent())?.trim()) throw new Error('The first source has no title.');
  if (await page.locator('.searching').count() !== 0) throw new Error('"Searching…" is still shown after the answer.');

  step('click [1]: source 1 is highlighted');
  await marker.click();
  await answer.locator('.source.highlight').first().waitFor();

  step('click 👍 and wait for the thanks');
  await answer.getByRole('button', { name: /Helpful/ }).first().click();
  await answer.getByText('Thanks', { exact: false }).waitFor();
  const votedId = answers.at(-1).answerId;

  if (followUp) {
    // The conversation id lives in the tab's sessionStorage: a reload keeps the conversation, so the follow-up
    // is understood from the first question.
    step(`reload, ask the follow-up "${followUp}"`);
    await page.reload({ waitUntil: 'load' });
    await input.fill(followUp);
    await input.press('Enter');
    await page.locator('.message.answer').last().locator('a.cite', { hasText: '[1]' }).waitFor();
    const last = answers.at(-1);
    console.log(`searched-for: ${last.standaloneQuestion}`);
    console.log(`cited: ${last.citations[0].url}`);
    await page.locator('.small-print', { hasText: 'Searched for:' }).last().waitFor();
  }

  if (pageErrors.length > 0) throw new Error(`The page logged errors: ${pageErrors.join(' | ')}`);

  step(`screenshot to ${screenshotPath}`);
  await page.waitForTimeout(300); // let the highlight fade and smooth scrolling settle
  await page.screenshot({ path: screenshotPath });
  console.log(`answer-id: ${votedId}`);
  console.log('ok');
} catch (error) {
  console.error(`FAILED: ${error && error.stack ? error.stack : error}`);
  process.exitCode = 1;
} finally {
  if (context) await context.close().catch(() => {});
  rmSync(userDataDir, { recursive: true, force: true });
}
