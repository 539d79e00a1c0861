// Checks the partner guide's Node.js receiver (alert-service/README.md) for real: the same onWebhook handler, in a
// real HTTP server on 127.0.0.1, with the reference library (npm "standardwebhooks"), fed a webhook signed by our
// WebhookSignature (SignedWebhookSample on stdin). Not part of the Maven build: it needs the npm package.
const http = require("node:http");
const assert = require("node:assert");
const { Webhook } = require("standardwebhooks");

function receiver(secret, onEvent) {
  // --- as in the README ---
  const wh = new Webhook(secret);
  const handled = new Set();

  function onWebhook(req, res) {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let event;
      try {
        event = wh.verify(body, req.headers);
      } catch (err) {
        res.writeHead(400).end();
        return;
      }
      const id = req.headers["webhook-id"];
      if (!handled.has(id)) {
        handled.add(id);
        setImmediate(() => onEvent(event));
      }
      res.writeHead(204).end();
    });
  }
  // --- end ---
  return http.createServer(onWebhook);
}

function post(port, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: "/hooks/newshound", method: "POST", headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode));
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function main(sample) {
  const events = [];
  const server = receiver(sample.secret, (e) => events.push(e));
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const port = server.address().port;
  try {
    assert.strictEqual(await post(port, sample.headers, sample.body), 204, "signed webhook accepted");
    assert.strictEqual(await post(port, sample.headers, sample.body), 204, "a retry is answered 2xx");
    const tampered = sample.body.replace("Ukraine", "Ukrainе");
    assert.strictEqual(await post(port, sample.headers, tampered), 400, "a tampered body is refused");
    await new Promise((r) => setImmediate(r));
    assert.strictEqual(events.length, 1, "handled once by webhook-id");
    console.log(`ok: ${sample.headers["webhook-id"]} verified (${events[0].type} "${events[0].data.title}"),`
      + " repeat handled once, tampered body refused");
  } finally {
    server.close();
  }
}

let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => main(JSON.parse(input)).catch((e) => {
  console.error(e.message);
  process.exit(1);
}));
