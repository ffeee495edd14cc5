// Drives Microsoft's own Teams client for local development, the Microsoft 365 Agents Playground
// (npm @microsoft/m365agentsplayground), in Debian's headless Chromium, against a bot in Teams local mode.
//
// Usage: node agents-playground-smoke.mjs <playground-url> <screenshot.png> <question> <follow-up>
// Waits for the bot's welcome card, asks the question in the personal chat, waits for the rendered answer
// card with a "[1]" source, clicks the card's 👍 (the Playground sends it as an adaptiveCard/action invoke)
// and waits for the thanks, then asks the follow-up and waits for its card. Prints
//   answer-id: <id of the answer voted on, from the invoke the page sent>
//   answer-text: <the first answer's text bubble>   answer-card: <the first answer card's text>
//   follow-up-text: <…>                              follow-up-card: <…>
// (each on one line) and "ok". Exits 0 on success, 1 on any failure (with the reason on stderr).
//
// No browser is downloaded: playwright-core drives /usr/bin/chromium (or CHROMIUM_PATH). The Playground's
// page asks a CDN for its fonts; offline those requests fail, which is not an error of the bot.

import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [url, screenshotPath, question, followUp] = process.argv.slice(2);
if (!url || !screenshotPath || !question || !followUp) {
  console.error('usage: node agents-playground-smoke.mjs <playground-url> <screenshot.png> <question> <follow-up>');
  process.exit(2);
}

const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`${executablePath} is missing: run bash tests/install-test-deps.sh (apt-get install -y chromium).`);
  process.exit(1);
}

const step = (text) => console.log(`- ${text}`);
const oneLine = (text) => (text ?? '').replace(/\s+/g, ' ').trim();
const userDataDir = mkdtempSync(join(tmpdir(), 'agents-playground-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: { width: 1300, height: 1000 },
    timeout: 30_000,
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(60_000);
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  const invokes = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname.endsWith('/invoke')) invokes.push(JSON.parse(request.postData() ?? '{}'));
  });

  step(`open ${url}`);
  await page.goto(url, { waitUntil: 'load' });

  // The page installs the app in the personal chat (installationUpdate + conversationUpdate): the bot greets.
  step('wait for the welcome card');
  await page.locator('.ac-adaptiveCard', { hasText: 'I answer questions' }).first().waitFor();

  // Answer cards are the ones with the 👍 button (the welcome card has none).
  const cards = page.locator('.ac-adaptiveCard', { has: page.getByRole('button', { name: /Helpful/ }) });
  // The Playground shows a message's text and its card as two messages; the text is rendered as markdown paragraphs.
  const messageTexts = () => page.evaluate(() => [...document.querySelectorAll('p[node]')]
    .filter((p) => !p.closest('.ac-adaptiveCard'))
    .map((p) => p.textContent));
  const ask = async (text) => {
    const before = await cards.count();
    const textsBefore = (await messageTexts()).length;
    step(`ask "${text}" and press Enter`);
    await page.getByRole('textbox').click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    step('wait for the answer card with a [1] source');
    const card = cards.nth(before);
    await card.waitFor({ timeout: 120_000 });
    await card.getByText('[1]', { exact: false }).first().waitFor();
    const texts = (await messageTexts()).slice(textsBefore).filter((t) => oneLine(t) !== oneLine(text));
    return { card, text: oneLine(texts.join(' ')), cardText: oneLine(await card.textContent()) };
  };

  const first = await ask(question);

  step('click the card\'s 👍 and wait for the thanks');
  await first.card.getByRole('button', { name: /Helpful/ }).first().click();
  await page.getByText('Thanks for the feedback', { exact: false }).first().waitFor();
  const vote = invokes.find((i) => i.name === 'adaptiveCard/action');
  if (!vote) throw new Error('The page sent no adaptiveCard/action invoke for 👍.');

  const second = await ask(followUp);

  if (pageErrors.length > 0) throw new Error(`The page threw: ${pageErrors.join(' | ')}`);

  step(`screenshot to ${screenshotPath}`);
  await page.screenshot({ path: screenshotPath, fullPage: true });
  console.log(`answer-id: ${vote.value.action.data.answerId}`);
  console.log(`answer-text: ${first.text}`);
  console.log(`answer-card: ${first.cardText}`);
  console.log(`follow-up-text: ${second.text}`);
  console.log(`follow-up-card: ${second.cardText}`);
  console.log('ok');
} catch (error) {
  console.error(`FAILED: ${error && error.stack ? error.stack : error}`);
  process.exitCode = 1;
  const page = context?.pages()[0];
  if (page) {
    // What the page showed when it failed: the chat's text, and a screenshot next to the one asked for.
    console.error(`page text: ${oneLine(await page.evaluate(() => document.body.innerText).catch(() => ''))}`);
    await page.screenshot({ path: screenshotPath.replace(/\.png$/, '-failed.png') }).catch(() => {});
  }
} finally {
  if (context) await context.close().catch(() => {});
  rmSync(userDataDir, { recursive: true, force: true });
}
