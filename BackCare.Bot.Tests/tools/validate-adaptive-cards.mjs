// Validates Adaptive Cards offline with the official parser (the adaptivecards npm package) for version 1.5, the
// highest Teams renders, plus the rules BackCare keeps: at most 6 actions on any card (Teams' limit), text that
// wraps, pictures with alt text and absolute URLs, and every Action.Submit naming its step's data.
// Usage: node validate-adaptive-cards.mjs <file.json>, where the file holds one card or an array of cards.
// Prints one line per problem ("card N: ..."); exits 1 when any card is invalid.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// The package's lib/ is ES modules with extension-less imports that Node cannot load; dist/ is the UMD bundle.
const AC = require('adaptivecards/dist/adaptivecards.js');

const path = process.argv[2];
if (!path) {
  console.error('usage: node validate-adaptive-cards.mjs <cards.json>');
  process.exit(2);
}

const parsed = JSON.parse(await readFile(path, 'utf8'));
const cards = Array.isArray(parsed) ? parsed : [parsed];
const problems = [];

function check(json, where) {
  if (json.type !== 'AdaptiveCard') problems.push(`${where}: type is ${json.type}, not AdaptiveCard`);
  if (where.indexOf('/') < 0 && json.version !== '1.5') problems.push(`${where}: version is ${json.version}, not 1.5`);
  const actions = json.actions ?? [];
  if (actions.length > 6) problems.push(`${where}: ${actions.length} actions (Teams keeps at most 6)`);
  for (const [i, action] of actions.entries()) {
    if (!action.title) problems.push(`${where}: action ${i} has no title`);
    if (action.type === 'Action.Submit' && !(action.data && action.data.backcare)) problems.push(`${where}: action ${i} (${action.title}) carries no backcare data`);
    if (action.type === 'Action.ShowCard') check(action.card, `${where}/showCard ${i}`);
  }
  walk(json.body ?? [], where);
}

function walk(elements, where) {
  for (const element of elements) {
    if (element.type === 'TextBlock' && element.wrap !== true) problems.push(`${where}: a TextBlock does not wrap: ${element.text}`);
    if (element.type === 'Image') {
      if (!element.altText) problems.push(`${where}: an image has no alt text: ${element.url}`);
      if (!/^https?:\/\//.test(element.url ?? '')) problems.push(`${where}: an image URL is not absolute: ${element.url}`);
    }
    if (element.type && element.type.startsWith('Input.') && !element.label) problems.push(`${where}: input ${element.id} has no label`);
    if (element.selectAction) problems.push(`${where}: selectAction is not used by BackCare`);
    walk(element.items ?? [], where);
    for (const column of element.columns ?? []) walk(column.items ?? [], where);
  }
}

for (const [n, json] of cards.entries()) {
  const where = `card ${n}`;
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const card = new AC.AdaptiveCard();
  // The parser's default host allows 5 actions; Teams, the strictest host BackCare meets, keeps 6.
  card.hostConfig = new AC.HostConfig({ actions: { maxActions: 6 } });
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) {
    problems.push(`${where}: ${context.getEventAt(i).message}`);
  }
  for (const event of card.validateProperties().validationEvents) {
    problems.push(`${where}: ${event.message}`);
  }
  check(json, where);
}

for (const problem of problems) {
  console.log(problem);
}
console.log(problems.length === 0 ? `${cards.length} cards valid for Adaptive Cards 1.5` : `${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
