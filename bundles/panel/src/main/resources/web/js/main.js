// The phone panel: one page, three views (a phone, the farm, the event log) fed by the remote API's event stream.
import { Remote, Refusal } from './remote.js';
import { draw, point } from './chart.js';

const $ = id => document.getElementById(id);
const FINAL = new Set(['TsIdle', 'TsOnHook']);
const LOG_LIMIT = 2000;
const STATS_INTERVAL_MS = 2000;
/** The audio meters' floor: silence, as the runtime reads it. */
const LEVEL_FLOOR = -96;

// What the page knows of each phone, from Phones, Snapshot and the events.
const phones = new Map();
const log = [];
let shown = new URLSearchParams(location.search).get('phone') || '';
let selectedCall = null;
let remote;
let muted = false;
let meterSubscription = null;
const latency = [];
window.vtgoPanel = { latency, phones };

function phone(name) {
  if (!phones.has(name)) {
    phones.set(name, { name, status: '', lines: new Map(), speedDials: new Map(), calls: new Map(), agent: '', stats: new Map() });
  }
  return phones.get(name);
}

// ---- requests -------------------------------------------------------------------------------------

/** Runs a command of the shown phone; its refusal is shown as the console prints it. */
async function run(command, ...args) {
  $('refusal').textContent = '';
  try {
    const result = await remote.request(command, { phone: shown, args });
    if (result.output && result.output.length) {
      $('answer').textContent = result.output.join(' ');
    }
    return result;
  } catch (error) {
    $('refusal').textContent = error instanceof Refusal ? error.message : String(error);
    return null;
  }
}

async function login(event) {
  event.preventDefault();
  $('connection').textContent = 'Connecting…';
  remote = new Remote(received, closed);
  try {
    await remote.open();
    const who = await remote.request('login', { user: $('login-user').value, password: $('login-password').value });
    $('login-password').value = '';
    $('connection').textContent = `Logged in as ${who.user}`;
    const list = await remote.request('Phones');
    for (const entry of list.phones) {
      phone(entry.name).status = entry.status;
    }
    if (!shown || !phones.has(shown)) {
      shown = list.phones.length ? list.phones[0].name : '';
    }
    await remote.request('subscribe', {});
    $('login').hidden = true;
    fillPhoneSelect();
    await show(shown);
  } catch (error) {
    $('connection').textContent = error.message;
  }
}

/** Shows a phone: this page becomes its window (HideProgram of that phone closes it) and reads its lines. */
async function show(name) {
  shown = name;
  history.replaceState(null, '', `?phone=${encodeURIComponent(name)}`);
  $('phone-select').value = name;
  selectedCall = null;
  setView(view);
  await meter(name);
  await run('Snapshot');
  render();
}

/** Asks for the shown phone's audio levels (five readings a second during a call) instead of the phone shown before. */
async function meter(name) {
  if (meterSubscription) {
    await remote.request('unsubscribe', { subscription: meterSubscription }).catch(() => {});
  }
  showLevels(LEVEL_FLOOR, LEVEL_FLOOR);
  const subscribed = await remote.request('subscribe', { filter: { events: ['AudioLevelUpdate'], phones: [name] } });
  meterSubscription = subscribed.subscription;
}

function showLevels(sent, received) {
  for (const [direction, level] of [['sent', sent], ['received', received]]) {
    $(`level-${direction}`).value = level;
    $(`level-${direction}-text`).value = level <= LEVEL_FLOOR ? 'silence' : `${level.toFixed(1)} dBFS`;
  }
}

// ---- events ---------------------------------------------------------------------------------------

function received(event) {
  const name = event.phone || '';
  if (event.event === 'AudioLevelUpdate') {
    // Readings, not events of the manual: shown at once, kept out of the log.
    if (name === shown && phone(name).calls.has(event.callRef)) {
      showLevels(event.sent, event.received);
    }
    return;
  }
  const state = phone(name);
  switch (event.event) {
    case 'LineUpdate': lineUpdate(state, event); break;
    case 'SpeedDialUpdate': state.speedDials.set(event.id, event); break;
    case 'PartyHangup': state.calls.delete(event.callRef); break;
    case 'SoftphoneConnected': state.status = 'running'; break;
    case 'SoftphoneDisconnected': state.status = 'stopped'; state.lines.clear(); state.calls.clear(); break;
    case 'AgentState': state.agent = event.state.name; break;
    case 'NotReadyReasonCode': reason('notready-reason', event); break;
    case 'LogoutReasonCode': reason('logout-reason', event); break;
    case 'CallStatsUpdate': stats(state, event); break;
  }
  log.push(event);
  if (log.length > LOG_LIMIT) {
    log.shift();
  }
  schedule(event);
}

function lineUpdate(state, event) {
  state.status = 'running';
  state.lines.set(event.line, event);
  const ref = event.callRef;
  if (ref === 0 || FINAL.has(event.state.name)) {
    for (const [key, call] of state.calls) {
      if (call.line === event.line && (ref === 0 || key === ref)) {
        state.calls.delete(key);
      }
    }
    return;
  }
  const call = state.calls.get(ref) || { callRef: ref, line: event.line, since: Date.now(), connectedAt: 0 };
  call.state = event.state.name;
  call.direction = event.direction;
  call.otherParty = event.otherParty;
  if (call.state === 'TsConnected' && !call.connectedAt) {
    call.connectedAt = Date.now();
  }
  state.calls.set(ref, call);
}

function reason(selectId, event) {
  const select = $(selectId);
  if (![...select.options].some(option => option.value === String(event.code))) {
    select.add(new Option(`${event.code} – ${event.label}`, String(event.code)));
  }
}

function stats(state, event) {
  const points = state.stats.get(event.callRef) || [];
  points.push(point(event));
  state.stats.set(event.callRef, points);
  state.lastStats = event;
}

// Renders once a frame however many events came, and measures each event's time to the screen.
let frameQueued = false;
let waiting = [];
function schedule(event) {
  waiting.push(event);
  if (!frameQueued) {
    frameQueued = true;
    requestAnimationFrame(() => {
      frameQueued = false;
      render();
      const now = Date.now();
      for (const done of waiting) {
        latency.push(now - Date.parse(done.time));
      }
      waiting = [];
    });
  }
}

function closed(closing) {
  $('connection').textContent = 'Not connected';
  $('closed-text').textContent = closing.reason && closing.reason.startsWith('HideProgram')
    ? 'The softphone window was hidden (HideProgram). Run ShowProgram to show it again.'
    : `The connection to the runtime is closed${closing.reason ? ': ' + closing.reason : '.'}`;
  $('closed').hidden = false;
  $('reopen').focus();
}

// ---- rendering ------------------------------------------------------------------------------------

let view = 'phone';
function setView(name) {
  view = name;
  for (const each of ['phone', 'farm', 'log']) {
    $(`${each}-view`).hidden = each !== name || !$('login').hidden;
    $(`view-${each}`).setAttribute('aria-pressed', String(each === name));
  }
  if (remote && $('login').hidden) {
    remote.request('window', { phone: name === 'farm' ? '*' : shown }).catch(() => {});
  }
  render();
}

function render() {
  if (!$('login').hidden) {
    return;
  }
  if (view === 'phone') {
    renderPhone();
  } else if (view === 'farm') {
    renderFarm();
  } else {
    renderLog();
  }
}

function fillPhoneSelect() {
  const select = $('phone-select');
  select.replaceChildren(...[...phones.keys()].filter(Boolean).map(name => new Option(name, name)));
  select.value = shown;
}

function button(label, onClick, extra = {}) {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  element.addEventListener('click', onClick);
  Object.entries(extra).forEach(([key, value]) => element.setAttribute(key, value));
  return element;
}

/** Rebuilds a part of the page only when what it shows changed, so that the focus stays where the user left it. */
function redraw(container, shows, build) {
  const signature = JSON.stringify(shows);
  if (container.dataset.shows !== signature) {
    container.dataset.shows = signature;
    container.replaceChildren(...build());
  }
}

function renderPhone() {
  const state = phone(shown);
  $('run-program').hidden = state.status !== 'stopped' && state.lines.size > 0;
  const lines = [...state.lines.values()].sort((a, b) => a.line - b.line);
  redraw($('lines'), [shown, lines.map(line => [line.line, line.number, line.label, line.state.name])], () => lines.map(line => {
    // What the key shows is what it is called: the line, its number and its state (WCAG's label in name).
    const key = button(`Line ${line.line}, ${line.number}${line.label ? ' ' + line.label : ''}: ${line.state.name}`,
      () => selectLine(state, line), { id: `line-${line.line}` });
    key.className = `state-${line.state.name}`;
    return key;
  }));
  const dials = [...state.speedDials.values()];
  redraw($('speed-dials'), [shown, dials], () => dials.map(dial => {
    const key = button(dial.label || dial.number || `Speed dial ${dial.id}`, () => run('MakeCall', dial.number),
      { 'aria-label': `Speed dial ${dial.id}: ${dial.label || dial.number || 'not set'}` });
    key.disabled = !dial.number;
    return key;
  }));
  const calls = [...state.calls.values()];
  if (!calls.some(call => call.callRef === selectedCall)) {
    selectedCall = calls.length ? calls[0].callRef : null;
  }
  redraw($('calls').tBodies[0], [shown, selectedCall, calls.map(call => [call.callRef, call.line, call.direction,
    call.otherParty, call.state])], () => calls.map(call => {
    const row = document.createElement('tr');
    row.className = call.callRef === selectedCall ? 'selected' : '';
    row.id = `call-${call.callRef}`;
    const choose = document.createElement('input');
    choose.type = 'radio';
    choose.name = 'call';
    choose.checked = call.callRef === selectedCall;
    choose.setAttribute('aria-label', `Select call ${call.callRef}`);
    choose.addEventListener('change', () => { selectedCall = call.callRef; renderPhone(); });
    const cells = [choose, call.callRef, call.line, call.direction || '', call.otherParty || '', call.state, timer(call)];
    cells.forEach((value, i) => {
      const cell = document.createElement('td');
      if (value instanceof Node) {
        cell.append(value);
      } else {
        cell.textContent = value;
      }
      if (i === 5) {
        cell.className = `state-${call.state}`;
      }
      if (i === 6) {
        cell.className = 'timer';
      }
      row.append(cell);
    });
    return row;
  }));
  renderSoftkeys(state.calls.get(selectedCall));
  $('agent-state').textContent = state.agent || 'unknown';
  if (![...state.calls.values()].some(call => call.state === 'TsConnected')) {
    showLevels(LEVEL_FLOOR, LEVEL_FLOOR);
  }
  renderQuality(state);
}

function selectLine(state, line) {
  const call = [...state.calls.values()].find(each => each.line === line.line);
  if (call) {
    selectedCall = call.callRef;
    renderPhone();
  } else {
    run('OffHook', line.line);
  }
}

function timer(call) {
  const seconds = Math.floor((Date.now() - (call.connectedAt || call.since)) / 1000);
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The softkeys a desk phone offers for a call in this state (none selected: the idle phone's). */
function softkeysFor(call) {
  const ref = call ? String(call.callRef) : '';
  const key = (label, command, ...args) => ({ label, command, args });
  const softkey = (label, name) => key(label, 'Softkey', name, '-1', ref);
  if (!call) {
    return [key('New call', 'OffHook'), key('Redial', 'Softkey', 'redial'), key('Forward all', 'Softkey', 'cfwdall'),
      key('Do not disturb', 'Softkey', 'dnd'), key('Messages', 'Messages')];
  }
  switch (call.state) {
    case 'TsRingIn':
    case 'TsCallWaiting':
      return [key('Answer', 'Answer', ref), softkey('Divert', 'idivert'), key('End call', 'EndCall', ref)];
    case 'TsConnected':
      return [key('Hold', 'Hold'), softkey('Park', 'park'), key('Call stats', 'CallStats'), key('End call', 'EndCall', ref)];
    case 'TsHold':
      return [key('Resume', 'Resume', ref), key('End call', 'EndCall', ref)];
    default:
      return [key('End call', 'EndCall', ref)];
  }
}

function renderSoftkeys(call) {
  const keys = softkeysFor(call);
  redraw($('softkeys'), keys, () => keys.map(soft =>
    button(soft.label, () => run(soft.command, ...soft.args), { id: `softkey-${soft.label.toLowerCase().replaceAll(' ', '-')}` })));
  $('dtmf').disabled = !call || call.state !== 'TsConnected';
  $('transfer').disabled = !call || call.state !== 'TsConnected';
}

function renderQuality(state) {
  const call = state.calls.get(selectedCall);
  const points = call ? state.stats.get(call.callRef) || [] : [];
  draw($('quality'), points);
  const last = state.lastStats;
  $('quality-text').textContent = call && last && last.callRef === call.callRef
    ? `Codec ${last.codec}; this station ${last.thisStation}; other station ${last.otherStation}; `
      + `${points.length} points; jitter ${last.jitter} ms, lost ${last.lost}, MOS ${typeof last.mos === 'number' ? last.mos.toFixed(1) : '–'}`
    : 'No statistics yet.';
  $('quality').dataset.points = String(points.length);
}

// The farm: one tile a phone, coloured by its busiest line; filters; agents grouped by state.
const RANK = ['TsRingIn', 'TsCallWaiting', 'TsConnected', 'TsHold', 'TsRingOut', 'TsProceed', 'TsOffHook', 'TsBusy',
  'TsCongestion', 'TsInvalidNumber'];
const GROUP = { TsRingIn: 'ringing', TsCallWaiting: 'ringing', TsConnected: 'talking', TsHold: 'held', TsRingOut: 'talking',
  TsProceed: 'talking', TsOffHook: 'talking', TsBusy: 'failed', TsCongestion: 'failed', TsInvalidNumber: 'failed' };

function farmState(state) {
  if (state.status === 'stopped' || (state.lines.size === 0 && /not running|stopped/.test(state.status))) {
    return 'stopped';
  }
  let best = 'TsIdle';
  for (const line of state.lines.values()) {
    const rank = RANK.indexOf(line.state.name);
    if (rank >= 0 && (RANK.indexOf(best) < 0 || rank < RANK.indexOf(best))) {
      best = line.state.name;
    }
  }
  return best;
}

const tiles = new Map();
const NATURAL = new Intl.Collator('en', { numeric: true });
function renderFarm() {
  const grid = $('farm-grid');
  const nameFilter = $('farm-name').value.trim().toLowerCase();
  const groupFilter = $('farm-state').value;
  let count = 0;
  let added = false;
  const agents = new Map();
  for (const state of phones.values()) {
    if (!state.name) {
      continue;
    }
    let tile = tiles.get(state.name);
    if (!tile) {
      tile = button('', () => { setView('phone'); show(state.name); }, { 'data-phone': state.name });
      tiles.set(state.name, tile);
      added = true;
    }
    const lineState = farmState(state);
    const group = lineState === 'stopped' ? 'stopped' : GROUP[lineState] || 'idle';
    const text = `${state.name} ${lineState === 'stopped' ? 'not running' : lineState}`;
    if (tile.textContent !== text) {
      tile.textContent = text;
      tile.className = `state-${lineState}`;
      tile.dataset.group = group;
    }
    const visible = (!nameFilter || state.name.toLowerCase().includes(nameFilter)) && (!groupFilter || group === groupFilter);
    tile.hidden = !visible;
    count += visible ? 1 : 0;
    if (state.agent) {
      agents.set(state.agent, [...(agents.get(state.agent) || []), state.name]);
    }
  }
  if (added) {
    // Names in their natural order: farm2 before farm10.
    grid.replaceChildren(...[...tiles.keys()].sort(NATURAL.compare).map(name => tiles.get(name)));
  }
  $('farm-count').textContent = `${count} of ${tiles.size} phones shown`;
  $('agents-none').hidden = agents.size > 0;
  $('agents').replaceChildren(...[...agents.entries()].map(([agentState, names]) => {
    const item = document.createElement('li');
    item.textContent = `${agentState} (${names.length}): ${names.join(', ')}`;
    return item;
  }));
}

function visibleLog() {
  const filter = $('log-filter').value.trim().toLowerCase();
  const onlyShown = $('log-this-phone').checked;
  return log.filter(event => (!onlyShown || (event.phone || '') === shown)
    && (!filter || event.text.toLowerCase().includes(filter) || (event.phone || '').toLowerCase().includes(filter)));
}

function renderLog() {
  const lines = visibleLog().slice(-500);
  $('log').replaceChildren(...lines.map(event => {
    const item = document.createElement('li');
    item.textContent = `${event.time.substring(11, 23)} ${event.phone || ''} ${event.text}`;
    return item;
  }));
}

async function copyLog() {
  const lines = visibleLog();
  const transcript = lines.map(event => `${event.time} ${event.phone || ''} ${event.text}`).join('\n');
  const area = $('log-transcript');
  area.value = transcript;
  try {
    await navigator.clipboard.writeText(transcript);
  } catch (denied) {
    // No clipboard permission (a headless or locked-down browser): copy the selected text the old way.
    area.hidden = false;
    area.select();
    document.execCommand('copy');
    area.hidden = true;
  }
  $('log-status').textContent = `Copied ${lines.length} ${lines.length === 1 ? 'line' : 'lines'}.`;
}

// ---- wiring ---------------------------------------------------------------------------------------

function wire() {
  $('login').addEventListener('submit', login);
  $('view-phone').addEventListener('click', () => setView('phone'));
  $('view-farm').addEventListener('click', () => setView('farm'));
  $('view-log').addEventListener('click', () => setView('log'));
  $('phone-select').addEventListener('change', event => show(event.target.value));
  $('run-program').addEventListener('click', () => run('RunProgram').then(() => run('Snapshot')));
  for (const digit of ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']) {
    // Named by what they show (a screen reader says "star"); the group says they are the dial pad.
    $('pad').append(button(digit, () => { $('number').value += digit; }, { id: `pad-${digit === '*' ? 'star' : digit === '#' ? 'hash' : digit}` }));
  }
  $('call').addEventListener('click', () => run('MakeCall', $('number').value.trim()));
  $('number').addEventListener('keydown', event => { if (event.key === 'Enter') { run('MakeCall', $('number').value.trim()); } });
  $('dtmf').addEventListener('click', () => run('DTMF', $('number').value.trim()));
  $('transfer').addEventListener('click', () => run('Transfer', $('number').value.trim()));
  $('clear').addEventListener('click', () => { $('number').value = ''; });
  document.querySelectorAll('[data-command]').forEach(element =>
    element.addEventListener('click', async () => {
      // The answer says the volume now: "Speaker volume 60%".
      const answer = await run(element.dataset.command);
      const volume = answer && /^(Speaker|Microphone) volume (\d+)%$/.exec((answer.output || []).join(' '));
      if (volume) {
        $(`${volume[1].toLowerCase()}-volume`).value = `${volume[2]} %`;
      }
    }));
  $('mute').addEventListener('click', async () => {
    if (await run('Mute', muted ? 'off' : 'on')) {
      muted = !muted;
      $('mute').setAttribute('aria-pressed', String(muted));
      $('mute-state').value = muted ? 'muted' : 'not muted';
    }
  });
  $('em-login').addEventListener('click', () => run('EMLogin', $('em-user').value, $('em-pin').value).then(() => { $('em-pin').value = ''; }));
  $('em-logout').addEventListener('click', () => run('EMLogout'));
  $('agent-login').addEventListener('click', () => {
    const extension = $('agent-extension').value || (phone(shown).lines.get(1) || {}).number || '';
    run('IPCCLogin', $('agent-id').value, $('agent-password').value, extension).then(() => { $('agent-password').value = ''; });
  });
  document.querySelectorAll('[data-state]').forEach(element =>
    element.addEventListener('click', () => run('IPCCState', element.dataset.state)));
  $('agent-notready').addEventListener('click', () => run('IPCCState', 'notready', ...optional($('notready-reason').value)));
  $('agent-logout').addEventListener('click', () => run('IPCCLogout', ...optional($('logout-reason').value)));
  $('farm-name').addEventListener('input', renderFarm);
  $('farm-state').addEventListener('change', renderFarm);
  $('log-filter').addEventListener('input', renderLog);
  $('log-this-phone').addEventListener('change', renderLog);
  $('log-copy').addEventListener('click', copyLog);
  $('reopen').addEventListener('click', () => location.reload());
  // The timers run once a second; statistics are asked for while a call of the shown phone is connected.
  setInterval(() => document.querySelectorAll('#calls .timer').forEach((cell, i) => {
    const call = [...phone(shown).calls.values()][i];
    if (call) {
      cell.textContent = timer(call);
    }
  }), 1000);
  setInterval(() => {
    const connected = [...phone(shown).calls.values()].some(call => call.state === 'TsConnected');
    if (remote && connected && $('stats-poll').checked && $('closed').hidden) {
      remote.request('CallStats', { phone: shown }).catch(() => {});
    }
  }, STATS_INTERVAL_MS);
}

function optional(value) {
  return value ? [value] : [];
}

wire();
