// End to end in a real browser: opens the BackCare page in headless Chromium (Debian's, driven by
// playwright-core), sees the greeting, completes a triage to self-care by clicking buttons and typing,
// starts the first exercise, and saves a screenshot. Exits non-zero on any failure.
// usage: node webchat-e2e.mjs <base url> <screenshot.png>
import { chromium } from 'playwright-core';

const [baseUrl, screenshotPath] = process.argv.slice(2);
if (!baseUrl || !screenshotPath) {
  console.error('usage: node webchat-e2e.mjs <base url> <screenshot.png>');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const problems = [];
let page;
try {
  page = await browser.newPage({ viewport: { width: 900, height: 1100 } });
  page.setDefaultTimeout(20000);
  page.on('pageerror', error => problems.push(`page error: ${error.message}`));
  // The page's Content-Security-Policy must let the widget work: any violation is a failure.
  page.on('console', message => {
    if (/Content Security Policy|Refused to/i.test(message.text())) {
      problems.push(`CSP: ${message.text()}`);
    }
  });
  // The user id comes from the server with each token; a reload must keep it (the page keeps the server's ticket).
  const userIds = [];
  page.on('response', async response => {
    if (response.url().endsWith('/api/directline/token') && response.ok()) {
      userIds.push((await response.json()).userId);
    }
  });

  const transcript = page.locator('[role="log"], .webchat__basic-transcript');
  const say = async text => {
    const box = page.locator('[data-id="webchat-sendbox-input"]');
    await box.fill(text);
    await box.press('Enter');
  };
  const click = async title => page.getByRole('button', { name: new RegExp(`^${loose(title).source}$`) }).last().click();
  // Web Chat renders Markdown, which turns ' into a typographic apostrophe: accept either.
  const loose = text => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['\u2019]"));
  const expect = async text => transcript.getByText(loose(text)).last().waitFor();

  await page.goto(baseUrl);
  await expect("I'm BackCare");
  console.log('greeted');

  // The triage, answered with buttons and with typed words.
  await click('Start the check');
  await expect('some quick safety checks');
  await click('None of these');
  await expect('How old are you?');
  await say('34');
  await expect('Where is the pain');
  await click('Lower back');
  await expect('How long have you had this back pain?');
  await say('about 5 days');
  await expect("I've noted 5 days");
  await expect('How bad is the pain at its worst');
  await say('three out of ten');
  await expect('get better when you rest');
  await click('Yes');
  await expect('spread down into one or both of your legs');
  await say('no, it stays in my back');
  await expect('numbness, tingling, pins and needles or weakness in your legs');
  await click('No');
  await expect('A few more checks');
  await click('None of these');
  await expect('osteoporosis');
  await click('No');
  await expect('keep coming back worse');
  await click('No');
  await expect("Self-care: nothing you've told me needs a doctor right now.");
  console.log('self-care');

  // The routine, up to its first exercise.
  await expect('Would you like to do a short, gentle routine now?');
  await click('Yes');
  await expect('access to a gym');
  await click('No');
  await expect('Shall we start?');
  await click("Yes, let's start");
  await expect('Exercise 1 of');
  await expect('Slow breathing');
  console.log('first exercise');

  if (await page.getByText('Send failed', { exact: false }).count() > 0) {
    problems.push('Web Chat says a message failed to send');
  }

  await page.screenshot({ path: screenshotPath, fullPage: false });
  console.log(`screenshot: ${screenshotPath}`);

  // A reload is a new conversation for the same person: the server gives back the same user id.
  await page.reload();
  await expect("I'm BackCare");
  if (userIds.length !== 2 || !/^dl_/.test(userIds[0]) || userIds[0] !== userIds[1]) {
    problems.push(`the user id did not survive a reload: ${JSON.stringify(userIds)}`);
  } else {
    console.log('same user after reload');
  }
} catch (error) {
  problems.push(String(error));
  if (page) {
    await page.screenshot({ path: screenshotPath.replace(/\.png$/, '-failed.png') }).catch(() => {});
  }
} finally {
  await browser.close();
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
