// Validates one Adaptive Card with the official `adaptivecards` library, the way Bot.Tests needs it.
//
// Usage: node validate-card.mjs < card.json
// Prints {"valid": bool, "errors": [...], "warnings": [...]} on stdout and exits 0 only when the card
// is valid (1 when it is not, 2 when the validator itself could not run).
//
// What counts as an error:
//  1. stdin is not JSON, or its root is not an AdaptiveCard of version <= 1.5 (Teams' limit for bot cards);
//  2. any event the library logs while parsing for a 1.5 host (unknown element or action type,
//     invalid enum value, ...) and any event of card.validateProperties() (missing required
//     property, duplicate id, too many actions, ...), except Hint and Deprecated, which are warnings;
//  3. a property the library does not know for that type: the library silently ignores those, so a
//     typo such as "isSubtile" would otherwise pass;
//  4. an Action.ToggleVisibility whose target id is not in the card;
//  5. an Action.Execute whose fallback does not parse on a host without Universal Actions
//     (the playground and older Teams clients): that pass parses the card again with
//     Action.Execute removed from the action registry.
//
// Parsing and validation need no DOM: only rendering does, and this script does not render.
// The package's `lib/` build is ESM without file extensions, which Node cannot load, so the
// UMD bundle in `dist/` is loaded through require.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js');

const WARNING_EVENTS = new Set([AC.ValidationEvent.Hint, AC.ValidationEvent.Deprecated]);

// Properties the library parses by hand rather than through its schema, by JSON type name.
const STRUCTURAL_PROPERTIES = {
  AdaptiveCard: ['body', 'actions'],
  Container: ['items'],
  Column: ['items'],
  TableCell: ['items'],
  TableRow: ['cells'],
  Table: ['rows'],
  ColumnSet: ['columns'],
  ActionSet: ['actions'],
  RichTextBlock: ['inlines'],
  'Action.ShowCard': ['card'],
};
const ALWAYS_ALLOWED = ['type', 'fallback'];

const errors = [];
const warnings = [];

function report(pass, phase, eventCode, message, where) {
  const entry = {
    pass,
    phase: AC.ValidationPhase[phase] ?? String(phase),
    event: AC.ValidationEvent[eventCode] ?? String(eventCode),
    message,
  };
  if (where) entry.where = where;
  (WARNING_EVENTS.has(eventCode) ? warnings : errors).push(entry);
}

function finish(exitCode) {
  process.stdout.write(JSON.stringify({ valid: errors.length === 0, errors, warnings }, null, 2) + '\n');
  process.exit(exitCode);
}

function schemaPropertyNames(cardObject) {
  const schema = cardObject.getSchema();
  const names = new Set(ALWAYS_ALLOWED);
  for (let i = 0; i < schema.getCount(); i++) names.add(schema.getItemAt(i).name);
  for (const name of STRUCTURAL_PROPERTIES[cardObject.getJsonTypeName()] ?? []) names.add(name);
  return names;
}

function checkKnownProperties(pass, cardObject, source) {
  if (!source || typeof source !== 'object') return;
  const known = schemaPropertyNames(cardObject);
  for (const key of Object.keys(source)) {
    if (!known.has(key)) {
      report(pass, AC.ValidationPhase.Parse, AC.ValidationEvent.UnsupportedProperty,
        `Unknown property "${key}" on ${cardObject.getJsonTypeName()}; the library ignores it.`,
        cardObject.id);
    }
  }
}

function collectExecuteActions(node, found = []) {
  if (Array.isArray(node)) {
    node.forEach((item) => collectExecuteActions(item, found));
  } else if (node && typeof node === 'object') {
    if (node.type === 'Action.Execute') found.push(node);
    Object.values(node).forEach((value) => collectExecuteActions(value, found));
  }
  return found;
}

function collectIds(node, ids = new Set()) {
  if (Array.isArray(node)) {
    node.forEach((item) => collectIds(item, ids));
  } else if (node && typeof node === 'object') {
    if (typeof node.id === 'string' && node.type && !String(node.type).startsWith('Action.')) ids.add(node.id);
    Object.values(node).forEach((value) => collectIds(value, ids));
  }
  return ids;
}

// The library accepts an Action.ToggleVisibility whose target does not exist; the button would do nothing.
function checkToggleTargets(json) {
  const ids = collectIds(json);
  const visit = (node) => {
    if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node && typeof node === 'object') {
      if (node.type === 'Action.ToggleVisibility') {
        for (const target of node.targetElements ?? []) {
          const id = typeof target === 'string' ? target : target?.elementId;
          if (!ids.has(id)) {
            errors.push({ pass: 'teams-1.5', event: 'InvalidPropertyValue', message: `Action.ToggleVisibility targets "${id}", which no element of the card has as id.` });
          }
        }
      }
      Object.values(node).forEach(visit);
    }
  };
  visit(json);
}

function parse(pass, json, actionRegistry, checkProperties) {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  if (actionRegistry) context.setActionRegistry(actionRegistry);
  if (checkProperties) {
    context.onParseElement = (element, source) => checkKnownProperties(pass, element, source);
    context.onParseAction = (action, source) => {
      checkKnownProperties(pass, action, source);
      // An Action.ShowCard's inner card is parsed directly, not through the callbacks.
      if (action instanceof AC.ShowCardAction && source && source.card) {
        checkKnownProperties(pass, action.card, source.card);
      }
    };
  }

  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  if (checkProperties) checkKnownProperties(pass, card, json);

  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    if (pass === 'without-universal-actions'
        && event.event === AC.ValidationEvent.UnknownActionType
        && /Action\.Execute/.test(event.message)) {
      continue; // expected on such a host: the fallback is what this pass checks
    }
    report(pass, event.phase, event.event, event.message, event.source?.id);
  }

  const results = card.validateProperties();
  for (const event of results.validationEvents) {
    report(pass, event.phase, event.event, event.message, event.source?.id);
  }
  return card;
}

let json;
try {
  const text = readFileSync(0, 'utf8');
  json = JSON.parse(text);
} catch (e) {
  errors.push({ pass: 'input', event: 'NotJson', message: `stdin is not JSON: ${e.message}` });
  finish(1);
}

if (!json || typeof json !== 'object' || Array.isArray(json) || json.type !== 'AdaptiveCard') {
  errors.push({ pass: 'input', event: 'MissingCardType', message: 'The root is not an object with "type": "AdaptiveCard".' });
  finish(1);
}

const version = AC.Version.parse(json.version, new AC.SerializationContext());
if (!version || !version.isValid || version.major !== 1 || version.minor > 5) {
  errors.push({ pass: 'input', event: 'UnsupportedCardVersion', message: `Card version "${json.version}" is not 1.0 to 1.5, which Teams requires for bot cards.` });
}

try {
  parse('teams-1.5', json, undefined, true);
  checkToggleTargets(json);

  const executeActions = collectExecuteActions(json);
  for (const action of executeActions) {
    if (!action.fallback || typeof action.fallback !== 'object') {
      errors.push({ pass: 'without-universal-actions', event: 'MissingFallback', message: `Action.Execute "${action.title ?? action.verb ?? ''}" has no fallback action for hosts without Universal Actions.` });
    }
  }
  if (executeActions.length > 0) {
    const registry = new AC.CardObjectRegistry();
    AC.GlobalRegistry.populateWithDefaultActions(registry);
    registry.unregister('Action.Execute');
    parse('without-universal-actions', json, registry, false);
  }
} catch (e) {
  errors.push({ pass: 'library', event: 'Exception', message: `adaptivecards threw: ${e && e.stack ? e.stack : e}` });
  finish(2);
}

finish(errors.length === 0 ? 0 : 1);
