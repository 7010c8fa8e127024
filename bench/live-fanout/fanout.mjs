// Many wall screens in one process: opens N SignalR WebSocket connections to /hubs/live, follows `city` on each with
// the browser client's own frame rules (applyFrame from OpsCenter.Web/wwwroot/js/live.js), and records when each
// connection sees the probe device's `since` key change. Driven by OpsCenter.Bench (LiveFanoutClients.cs) over
// stdin/stdout, one JSON object per line; receive times are Unix ms on this machine's clock, the bench's clock too.
//
// node fanout.mjs --url http://127.0.0.1:PORT/hubs/live --clients N --device DEVICE_ID   (token in FANOUT_TOKEN)
// stdout: {"type":"ready",...} once every connection has its full frame (or failed); stdin "start" resets the
// counters ({"type":"started"}); stdin "report" prints one {"type":"client",...} per connection, then {"type":"end"}.
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const web = new URL('../../OpsCenter.Web/', import.meta.url);
const signalR = createRequire(new URL('package.json', web))('@microsoft/signalr');
// live.js is an ES module in a folder without "type": "module"; importing its text as a data: URL keeps one copy of
// the rules (the browser's) instead of a second one here.
const liveSource = await readFile(new URL('wwwroot/js/live.js', web), 'utf8');
const { applyFrame } = await import('data:text/javascript,' + encodeURIComponent(liveSource));

const { values: args } = parseArgs({ options: {
    url: { type: 'string' }, clients: { type: 'string' }, device: { type: 'string' },
    parallel: { type: 'string', default: '20' }, 'max-seconds': { type: 'string', default: '1800' },
} });
const token = process.env.FANOUT_TOKEN;
if (!args.url || !args.clients || !args.device || !token) {
    console.error('usage: FANOUT_TOKEN=… node fanout.mjs --url URL --clients N --device ID [--parallel 20]');
    process.exit(2);
}
const count = Number(args.clients);
const sinceKey = `device.${args.device}.since`;
const stateKey = `device.${args.device}.state`;
const now = () => performance.timeOrigin + performance.now();
// A pipe that is full makes Node queue writes, and process.exit would drop them (the report is ~1 MB at 1,500 clients):
// the returned promise resolves once this line, and so every line before it, is written.
const print = value => new Promise(resolve => process.stdout.write(JSON.stringify(value) + '\n', resolve));

process.on('uncaughtException', e => { console.error('uncaught:', e?.stack ?? e); process.exit(4); });
process.on('unhandledRejection', e => { console.error('unhandled rejection:', e?.stack ?? e); process.exit(5); });
// A bench that dies must not leave this process holding a thousand sockets.
setTimeout(() => process.exit(3), Number(args['max-seconds']) * 1000).unref();

function newClient(index) {
    const client = { index, view: null, frames: 0, fulls: 0, resyncs: 0, probes: [], closed: false, failed: null };
    const connection = new signalR.HubConnectionBuilder()
        .withUrl(args.url, { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets, accessTokenFactory: () => token })
        .configureLogging(signalR.LogLevel.None)
        .build();
    connection.serverTimeoutInMilliseconds = 60_000; // a starved event loop must not read as a dead Server
    connection.on('Frame', frame => {
        const at = now();
        if (frame.view !== 'city') return;
        client.frames++;
        if (frame.full) client.fulls++;
        const result = applyFrame(client.view, frame);
        client.view = result.state;
        if (result.resync) {
            client.resyncs++;
            connection.invoke('Follow', 'city').catch(() => {});
            return;
        }
        if (result.changed && Object.hasOwn(frame.set, sinceKey))
            client.probes.push([frame.set[sinceKey], frame.set[stateKey] ?? client.view.doc[stateKey], at]);
    });
    connection.onclose(() => { client.closed = true; });
    client.connection = connection;
    return client;
}

async function open(client) {
    try {
        await client.connection.start();
        await client.connection.invoke('Follow', 'city');
        const deadline = Date.now() + 60_000;
        while (!client.view?.synced && Date.now() < deadline)
            await new Promise(r => setTimeout(r, 20));
        if (!client.view?.synced) client.failed = 'no full frame within 60 s';
    } catch (e) {
        client.failed = String(e?.message ?? e);
    }
}

const started = Date.now();
const clients = Array.from({ length: count }, (_, i) => newClient(i));
// A few at a time: a thousand simultaneous handshakes would measure the accept queue, not the views.
const queue = [...clients];
await Promise.all(Array.from({ length: Math.max(1, Number(args.parallel)) }, async () => {
    for (let c; (c = queue.shift());) await open(c);
}));
print({ type: 'ready', connected: clients.filter(c => !c.failed).length, failed: clients.filter(c => c.failed).length,
        firstError: clients.find(c => c.failed)?.failed ?? null, ms: Date.now() - started });

const commands = createInterface({ input: process.stdin });
commands.on('close', () => process.exit(0)); // the bench went away
for await (const line of commands) {
    if (line === 'start') {
        for (const c of clients) { c.frames = 0; c.fulls = 0; c.resyncs = 0; c.probes = []; }
        print({ type: 'started', at: now() });
    } else if (line === 'report') {
        for (const c of clients)
            print({ type: 'client', index: c.index, failed: c.failed, closed: c.closed, frames: c.frames, fulls: c.fulls, resyncs: c.resyncs, probes: c.probes });
        await print({ type: 'end' });
        await Promise.race([Promise.all(clients.map(c => c.connection.stop().catch(() => {}))), new Promise(r => setTimeout(r, 10_000))]);
        process.exit(0);
    }
}
