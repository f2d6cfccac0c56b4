/**
 * The webhook receivers of bench/webhooks.mjs, in a child process of their own (so neither the app's deliveries nor
 * the bare loop share an event loop with them): one node:http server per port on 127.0.0.1, each answering 204 once
 * it has read the body, recording each request's `webhook-id` and arrival time (ms since the epoch, fractional), and
 * checking its Standard Webhooks signature (`v1,` base64 HMAC-SHA256 of `<id>.<timestamp>.<body>` under the secret's
 * decoded bytes) and that its timestamp is within 5 minutes. Driven over IPC by the parent:
 *   { type: "listen", ports, secrets }  -> { type: "listening" }
 *   { type: "reset" }                   -> { type: "reset" }      (forget what arrived)
 *   { type: "count" }                   -> { type: "count", n }   (requests received on all ports)
 *   { type: "collect" }                 -> { type: "records", receivers: [{ ids, at, bad, unsigned }] }
 */
import http from "node:http";
import { keyOf, verify } from "./standard-webhooks.mjs";

const receivers = [];
const now = () => performance.timeOrigin + performance.now();

function newRecords() {
  return { ids: [], at: [], bad: [], unsigned: 0 };
}

function listen(port, secret) {
  const receiver = { key: keyOf(secret), records: newRecords() };
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const at = now();
      const id = req.headers["webhook-id"];
      const r = receiver.records;
      if (!id) r.unsigned++;
      else {
        r.ids.push(id);
        r.at.push(at);
        if (!verify(receiver.key, req.headers, Buffer.concat(chunks).toString("utf8"))) r.bad.push(id);
      }
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 30_000;
  receivers.push(receiver);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
}

process.on("message", async (msg) => {
  try {
    if (msg.type === "listen") {
      await Promise.all(msg.ports.map((port, i) => listen(port, msg.secrets[i])));
      process.send({ type: "listening" });
    } else if (msg.type === "reset") {
      for (const r of receivers) r.records = newRecords();
      process.send({ type: "reset" });
    } else if (msg.type === "count") {
      process.send({ type: "count", n: receivers.reduce((s, r) => s + r.records.ids.length + r.records.unsigned, 0) });
    } else if (msg.type === "collect") {
      process.send({ type: "records", receivers: receivers.map((r) => r.records) });
    }
  } catch (err) {
    process.send({ type: "error", message: String(err?.stack ?? err) });
  }
});
process.on("disconnect", () => process.exit(0));
