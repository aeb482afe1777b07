// End to end in a real browser: opens the BackCare page in headless Chromium (Debian's, driven by
// playwright-core) and, as a person would:
//  - sees "Connecting…" and then the greeting, and prints how long the first reply took after the page load
//    (cold, then from the browser's cache on a reload);
//  - completes a triage to self-care with the keyboard alone (Tab to a button and Enter, Tab to the box and type);
//  - starts the routine (with the mouse) and reloads mid-routine: the same conversation and transcript come back
//    and the bot carries on at the same step;
//  - scans the page with axe-core (0 serious or critical violations allowed);
//  - fails one poll (a network blip): the page notices its polling stopped and reconnects;
//  - when run with --restart, prints "restart-host" and waits for a line on standard input, the sign that the
//    host was restarted: reloaded, the page reconnects to the same conversation and its transcript (kept in the
//    host's store) and the routine carries on; when the host no longer has the conversation, the open page
//    recovers by itself (a new conversation, same person, a note saying so) and the bot offers to carry on the
//    routine; "delete my data" then covers every earlier load: a new tab of the same person starts from scratch;
//    there, an emergency sign typed mid-triage gets the emergency card, and its call button opens a tel: link.
// Saves a screenshot. Prints what it checked; exits non-zero on any failure.
// usage: node webchat-e2e.mjs <base url> <screenshot.png> [--restart]
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const [baseUrl, screenshotPath, ...flags] = process.argv.slice(2);
if (!baseUrl || !screenshotPath) {
  console.error('usage: node webchat-e2e.mjs <base url> <screenshot.png> [--restart]');
  process.exit(2);
}

const withRestart = flags.includes('--restart');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const stdinLines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const problems = [];
let page;
try {
  const context = await browser.newContext({ viewport: { width: 900, height: 1100 } });
  // What the page shows when its own scripts have run but the widget has not: the "Connecting…" state.
  await context.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const status = document.getElementById('status');
      window.backcareFirstState = { text: status?.textContent, visible: !!status && !status.hidden };
    });
  });

  // A card's Action.OpenUrl goes through window.open: keep what it was asked to open (the emergency card's
  // call button must open a tel: link) instead of opening anything.
  await context.addInitScript(() => {
    window.backcareOpened = [];
    window.open = url => { window.backcareOpened.push(String(url)); return null; };
  });

  // The user id comes from the server with each token; every load and tab must get the same one.
  const userIds = [];
  const watch = newPage => {
    newPage.setDefaultTimeout(20000);
    newPage.on('pageerror', error => problems.push(`page error: ${error.message}`));
    // The page's Content-Security-Policy must let the widget work: any violation is a failure.
    newPage.on('console', message => {
      if (/Content Security Policy|Refused to/i.test(message.text())) {
        problems.push(`CSP: ${message.text()}`);
      }
    });
    newPage.on('response', async response => {
      if (response.url().endsWith('/api/directline/token') && response.ok()) {
        userIds.push((await response.json()).userId);
      }
    });
    return newPage;
  };
  page = watch(await context.newPage());

  // Web Chat renders Markdown, which turns ' into a typographic apostrophe: accept either.
  const loose = text => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['\u2019]"));
  const transcriptOf = p => p.locator('[role="log"], .webchat__basic-transcript');
  const expect = async (text, p = page) => transcriptOf(p).getByText(loose(text)).last().waitFor();
  // Web Chat renders a bot message's text as Markdown, in paragraphs: count those that say it.
  const count = async (text, p = page) => transcriptOf(p).locator('p').filter({ hasText: loose(text) }).count();
  const click = async title => page.getByRole('button', { name: new RegExp(`^${loose(title).source}$`) }).last().click();
  const say = async (text, p = page) => {
    const box = p.locator('[data-id="webchat-sendbox-input"]');
    await box.fill(text);
    await box.press('Enter');
  };
  const strings = async () => page.evaluate(() => window.BackCarePageStrings);
  const kept = async (p = page) => p.evaluate(() => JSON.parse(sessionStorage.getItem('backcare-conversation') || 'null'));

  // Keyboard alone: Tab (forwards) until the wanted control has the focus, then Enter or type.
  const focused = async () => page.evaluate(() => {
    const element = document.activeElement;
    return {
      button: element?.tagName === 'BUTTON',
      name: (element?.getAttribute('aria-label') || element?.innerText || '').trim(),
      sendBox: element?.getAttribute('data-id') === 'webchat-sendbox-input',
    };
  });
  const tabTo = async (wanted, what) => {
    const seen = [];
    for (let presses = 0; presses < 60; presses++) {
      await page.keyboard.press('Tab');
      const now = await focused();
      if (wanted(now)) {
        return;
      }

      seen.push(now.sendBox ? '[message box]' : now.name.slice(0, 30));
    }

    throw new Error(`could not reach ${what} with the Tab key; the focus went to: ${seen.join(' | ')}`);
  };
  // Web Chat's suggested actions are one tab stop; the arrow keys move between them (a roving focus).
  const pressButton = async title => {
    const name = new RegExp(`^${loose(title).source}$`);
    await page.getByRole('button', { name }).last().waitFor();
    for (let groups = 0; groups < 4; groups++) {
      await tabTo(f => f.button, 'a button');
      for (let arrows = 0; arrows < 12; arrows++) {
        if (name.test((await focused()).name)) {
          await page.keyboard.press('Enter');
          return;
        }

        await page.keyboard.press('ArrowRight');
      }
    }

    throw new Error(`could not reach the "${title}" button with the keyboard`);
  };
  const typeAnswer = async text => {
    await tabTo(f => f.sendBox, 'the message box');
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  };

  const axeScan = async when => {
    await page.evaluate(axeSource);
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const bad = result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
    for (const violation of bad) {
      problems.push(`axe (${when}): ${violation.impact} ${violation.id}: ${violation.help} at ${violation.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
    }

    console.log(`axe ${when}: ${bad.length} serious or critical violations (${result.violations.length} in all: ${result.violations.map(v => `${v.id}/${v.impact}`).join(', ') || 'none'})`);
  };

  // 0. A host that has just started takes its first turn slowly (loading content, compiling): a person's page
  //    meets a host that has answered before. Warm it with a page in a throwaway context (its own person).
  const warm = await browser.newContext();
  const warmPage = await warm.newPage();
  await warmPage.goto(baseUrl);
  await transcriptOf(warmPage).getByText(loose("I'm BackCare")).last().waitFor({ timeout: 60000 });
  console.log(`first reply after load, on the host's first turn: ${Math.round(await warmPage.evaluate(() => performance.now()))} ms`);
  await warm.close();

  // 1. First load, with an empty cache: "Connecting…" first, then the greeting; how long it took.
  await page.goto(baseUrl);
  await expect("I'm BackCare");
  const firstReplyMs = await page.evaluate(() => performance.now());
  const text = await strings();
  const firstState = await page.evaluate(() => window.backcareFirstState);
  if (!firstState?.visible || firstState.text !== text.connecting) {
    problems.push(`no "${text.connecting}" state before the widget ran: ${JSON.stringify(firstState)}`);
  } else {
    console.log('connecting state shown');
  }

  if (await page.locator('#status').isVisible()) {
    problems.push('the connecting state is still shown after the first reply');
  }

  // Where the time went: the widget's download, the conversation started while it loads, and the moment the
  // widget had run and connected (its first Direct Line request).
  const timeline = await page.evaluate(() => {
    const resources = performance.getEntriesByType('resource');
    const at = (test, end) => {
      const entry = resources.find(r => test.test(r.name));
      return entry ? Math.round(end ? entry.responseEnd : entry.startTime) : null;
    };
    const widget = resources.find(r => /\/lib\/webchat-/.test(r.name));
    return {
      widgetDownloaded: widget ? Math.round(widget.responseEnd) : null,
      widgetBytes: widget ? `${widget.encodedBodySize} of ${widget.decodedBodySize}` : null,
      greetingWritten: at(/\/conversations\/[^/?]+\/activities$/, true),
      widgetConnected: resources.filter(r => r.initiatorType === 'xmlhttprequest').map(r => Math.round(r.startTime))[0] ?? null,
      firstPaint: Math.round(performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1),
    };
  });
  console.log(`first reply after load: ${Math.round(firstReplyMs)} ms (empty browser cache; ms since navigation: ${JSON.stringify(timeline)})`);
  console.log('greeted');
  await axeScan('on the greeting');

  // 2. The triage, with the keyboard alone.
  await pressButton('Start the check');
  await expect('some quick safety checks');
  await pressButton('None of these');
  await expect('How old are you?');
  await typeAnswer('34');
  await expect('Where is the pain');
  await pressButton('Lower back');
  await expect('How long have you had this back pain?');
  await typeAnswer('about 5 days');
  await expect("I've noted 5 days");
  await expect('How bad is the pain at its worst');
  await typeAnswer('three out of ten');
  await expect('get better when you rest');
  await pressButton('Yes');
  await expect('spread down into one or both of your legs');
  await typeAnswer('no, it stays in my back');
  await expect('numbness, tingling, pins and needles or weakness in your legs');
  await pressButton('No');
  await expect('A few more checks');
  await pressButton('None of these');
  await expect('osteoporosis');
  await pressButton('No');
  await expect('keep coming back worse');
  await pressButton('No');
  await expect("Self-care: nothing you've told me needs a doctor right now.");
  console.log('self-care, with the keyboard alone');

  // 3. The routine, up to its first exercise, with the mouse.
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

  // 4. A reload mid-routine: the same conversation, its transcript, and the routine goes on where it was.
  const before = await kept();
  const nextOnes = /Step 1 of/;
  await page.reload();
  await expect('Exercise 1 of');
  await expect('How old are you?');
  const after = await kept();
  const greetings = await count("I'm BackCare");
  const reloadReplyMs = await page.evaluate(() => performance.now());
  const cachedWidget = await page.evaluate(() => performance.getEntriesByType('resource').filter(r => /\/lib\/webchat-/.test(r.name)).map(r => r.transferSize)[0]);
  console.log(`first reply after reload: ${Math.round(reloadReplyMs)} ms (widget transferred ${cachedWidget} bytes: from the cache)`);
  if (!before?.conversationId || before.conversationId !== after?.conversationId) {
    problems.push(`a reload changed the conversation: ${before?.conversationId} then ${after?.conversationId}`);
  } else if (greetings !== 1) {
    problems.push(`a reload greeted again: ${greetings} greetings in the transcript`);
  } else {
    console.log('same conversation and transcript after reload');
  }

  if (await transcriptOf(page).getByText(nextOnes).count() > 0) {
    problems.push('the routine was past its first step before "Done"');
  }

  await click('Done');
  await transcriptOf(page).getByText(nextOnes).first().waitFor();
  console.log('routine carries on after reload');
  await axeScan('mid-routine after a reload');

  // 5. A network blip fails one poll: Web Chat's polling then stops without a word. The page notices that its
  //    conversation has news it has not had, and reconnects: the answer to the next step still arrives.
  let blipped;
  const blip = new Promise(resolve => { blipped = resolve; });
  await page.route(/\/activities\?watermark=/, async route => {
    blipped();
    await route.abort('connectionreset');
  }, { times: 1 });
  await blip;
  await click('Done');
  await transcriptOf(page).getByText(/Step 2 of/).first().waitFor({ timeout: 30000 });
  console.log('polling recovers after a network blip');

  if (userIds.length !== 1 || !/^dl_/.test(userIds[0])) {
    problems.push(`expected one token, for a dl_ user, before the restart: ${JSON.stringify(userIds)}`);
  }

  console.log(`user: ${userIds[0]}`);
  console.log(`conversation before restart: ${after?.conversationId}`);

  if (withRestart) {
    // 6. The host restarts under the open page. The conversation and its transcript are in the host's store, so
    //    the page (reloaded at once, as a person might) reconnects to the same conversation with its transcript
    //    (its token still valid), and the routine carries on where it was.
    console.log('restart-host');
    const answer = await stdinLines.next();
    if (answer.done || answer.value.trim() !== 'restarted') {
      throw new Error(`expected "restarted" on standard input, got ${JSON.stringify(answer.value)}`);
    }

    await page.reload();
    await expect('How old are you?');
    await expect('Exercise 1 of');
    await transcriptOf(page).getByText(/Step 2 of/).first().waitFor();
    const restarted = await kept();
    if (restarted?.conversationId !== after.conversationId) {
      problems.push(`the host restart changed the conversation: ${after.conversationId} then ${restarted?.conversationId}`);
    } else if (await count("I'm BackCare") !== 1) {
      problems.push('the transcript after the host restart is not the one before it (greetings: ' + await count("I'm BackCare") + ')');
    } else if (await page.locator('#notice').isVisible()) {
      problems.push('the page said the conversation was lost, after a restart that kept it');
    } else {
      console.log('same conversation and transcript after host restart');
    }

    await page.screenshot({ path: screenshotPath.replace(/\.png$/, '-after-restart.png') });
    // "Done" on the exercise's last step: the routine's next part (a set, a step or the next exercise) follows.
    const progress = transcriptOf(page).getByText(/Exercise \d+ of|Step \d+ of|Set \d+ of/);
    const shown = await progress.count();
    await click('Done');
    for (let waited = 0; await progress.count() <= shown; waited += 250) {
      if (waited > 30000) {
        throw new Error('the routine did not carry on after the host restart');
      }

      await page.waitForTimeout(250);
    }

    console.log('routine carries on after host restart');

    // 6b. When the host no longer has the conversation (lost, or its tokens expired; shown here by a check the
    //     host refuses), the page starts a new one for the same person by itself and says so; the bot offers to
    //     carry on the routine.
    await page.route(/\/conversations\/[^/?]+\?watermark=/, route => route.fulfill({ status: 401, body: '' }), { times: 1 });
    await page.locator('#notice').getByText(text.restarted).waitFor({ timeout: 30000 });
    await expect("I'm BackCare");
    const recovered = await kept();
    if (!recovered?.conversationId || recovered.conversationId === after.conversationId) {
      problems.push(`no new conversation after the old one was gone: ${JSON.stringify(recovered)}`);
    }

    console.log('recovered when the conversation was gone');
    await say('hi');
    await expect('Last time you stopped partway through your routine');
    console.log('carry-on offered in a new conversation');

    // 7. "delete my data" in this conversation covers the earlier one too: a new tab (same person, new
    //    conversation) is offered no routine to carry on, and starts the questions afresh.
    await say('delete my data');
    await expect("I've deleted everything I kept about you");
    if (await page.getByText('Send failed', { exact: false }).count() > 0) {
      problems.push('Web Chat says a message failed to send after the restart');
    }

    const tab = watch(await context.newPage());
    await tab.goto(baseUrl);
    await expect("I'm BackCare", tab);
    await say('hi', tab);
    await expect('some quick safety checks', tab);
    if (await count('Last time you stopped partway', tab) > 0) {
      problems.push('after "delete my data" a new tab was still offered the old routine');
    }

    // 8. An emergency sign typed mid-triage gets the emergency card, whose call button is a tel: link.
    await say("I can't feel anything when I wipe", tab);
    await expect('Emergency: please get help now', tab);
    await tab.getByRole('button', { name: /^Call \S+$/ }).last().click();
    const opened = await tab.evaluate(() => window.backcareOpened);
    if (!opened.some(url => /^tel:\S+$/.test(url))) {
      problems.push(`the emergency card's call button opened ${JSON.stringify(opened)}, not a tel: link`);
    } else {
      console.log(`emergency card calls ${opened.find(url => url.startsWith('tel:'))}`);
    }

    console.log('delete my data covers every load');
    console.log(`conversation after restart: ${recovered?.conversationId}`);
    await tab.close();
  }

  if (new Set(userIds).size !== 1) {
    problems.push(`the user id changed between loads: ${JSON.stringify(userIds)}`);
  } else {
    console.log(`same user across ${userIds.length} loads`);
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

process.exit(0);
