/**
 * Command → answer visible, the way a person sees it: a signed `/ismap` command is sent, and its answer is visible
 * when the first of these happens: the acknowledgement arrives carrying the answer in its body, or the answer's POST
 * arrives on the command's response_url. The response_urls point at a small HTTP server in this same process (the
 * part of the fake Slack that receives answers), so both instants are read from one clock.
 *
 * `closedLoop` keeps `inFlight` commands outstanding: each worker sends its next command once the previous one is
 * answered and acknowledged.
 */
import { Agent, createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { computeSignature } from "../../dev/slack-requests/index.js";
import { nowMs } from "./stats.js";

interface Arrival {
  at: number;
  body: string;
}

export interface ResponseSink {
  origin: string;
  /** A fresh response_url. */
  url(): string;
  /** Resolves when the response_url's first POST has arrived (at once if it already has). */
  arrival(url: string, timeoutMs: number): Promise<Arrival>;
  /** Stops waiting for a response_url (its answer came in the ack). */
  forget(url: string): void;
  /** POSTs received so far, and POSTs to a response_url nobody waits for any more (counted, then dropped). */
  readonly posts: number;
  close(): Promise<void>;
}

export async function startResponseSink(): Promise<ResponseSink> {
  const arrived = new Map<string, Arrival>();
  const waiting = new Map<string, { resolve: (arrival: Arrival) => void; timer: NodeJS.Timeout }>();
  let posts = 0;
  let next = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const arrival = { at: nowMs(), body: Buffer.concat(chunks).toString("utf8") };
      posts++;
      const path = req.url ?? "";
      const waiter = waiting.get(path);
      if (waiter) {
        waiting.delete(path);
        clearTimeout(waiter.timer);
        waiter.resolve(arrival);
      } else if (path.startsWith("/response/w")) {
        arrived.set(path, arrival);
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true}');
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    // `w`: a response_url someone will wait for; posts to others (the repeated-question load) are only counted.
    url: () => `${origin}/response/w${(next++).toString(36)}`,
    arrival(url, timeoutMs) {
      const path = url.slice(origin.length);
      const already = arrived.get(path);
      if (already) {
        arrived.delete(path);
        return Promise.resolve(already);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(path);
          reject(new Error(`no answer on ${path} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(path, { resolve, timer });
      });
    },
    forget(url) {
      const path = url.slice(origin.length);
      const waiter = waiting.get(path);
      if (waiter) clearTimeout(waiter.timer);
      waiting.delete(path);
      arrived.delete(path);
    },
    get posts() {
      return posts;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Command {
  /** Form body of the slash command, its response_url pointing at the sink. */
  body: string;
  responseUrl: string;
}

export interface AnswerResult {
  /** Command → answer visible, ms, per answered command (in send order of completion). */
  latencies: number[];
  /** The answer each command got (the ack body or the posted body), by index in `commands`; "" if none. */
  answers: string[];
  inAck: number;
  posted: number;
  /** Commands refused (non-2xx), failed, or never answered within the timeout. */
  failed: number;
  durationS: number;
}

export async function closedLoop(options: {
  port: number;
  secret: string;
  sink: ResponseSink;
  commands: Command[];
  inFlight: number;
  timeoutMs?: number;
}): Promise<AnswerResult> {
  const { sink, commands } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const agent = new Agent({ keepAlive: true, maxSockets: options.inFlight });
  const latencies: number[] = [];
  const answers: string[] = new Array(commands.length).fill("");
  let inAck = 0;
  let posted = 0;
  let failed = 0;
  let cursor = 0;

  const one = (index: number): Promise<void> => {
    const command = commands[index] as Command;
    const ts = Math.floor(Date.now() / 1000);
    const headers = {
      "content-type": "application/x-www-form-urlencoded",
      "content-length": String(Buffer.byteLength(command.body)),
      "x-slack-request-timestamp": String(ts),
      "x-slack-signature": computeSignature(options.secret, ts, command.body),
    };
    const sent = nowMs();
    const acked = new Promise<{ status: number; at: number; body: string }>((resolve, reject) => {
      const req = request(
        { host: "127.0.0.1", port: options.port, path: "/slack/events", method: "POST", agent, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              at: nowMs(),
              body: Buffer.concat(chunks).toString("utf8"),
            }),
          );
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(new Error("ack timeout")));
      req.on("error", reject);
      req.end(command.body);
    });
    const post = sink.arrival(command.responseUrl, timeoutMs);
    // Whichever comes first: an ack carrying the answer, or the answer's POST.
    const visible = new Promise<{ at: number; body: string; inAck: boolean }>((resolve, reject) => {
      let pending = 2;
      const fail = (error: unknown) => {
        if (--pending === 0) reject(error);
      };
      acked.then((ack) => {
        if (ack.status >= 200 && ack.status < 300 && ack.body !== "")
          resolve({ at: ack.at, body: ack.body, inAck: true });
        else fail(new Error(`ack ${ack.status} without an answer`));
      }, fail);
      post.then((arrival) => resolve({ ...arrival, inAck: false }), fail);
    });
    return Promise.allSettled([acked, visible]).then(([ack, answer]) => {
      if (
        ack.status === "fulfilled" &&
        ack.value.status >= 200 &&
        ack.value.status < 300 &&
        answer.status === "fulfilled"
      ) {
        latencies.push(answer.value.at - sent);
        answers[index] = answer.value.body;
        if (answer.value.inAck) inAck++;
        else posted++;
      } else {
        failed++;
      }
      // An answer in the ack leaves no POST to wait for.
      post.catch(() => undefined);
      sink.forget(command.responseUrl);
    });
  };

  const started = nowMs();
  const worker = async () => {
    while (cursor < commands.length) await one(cursor++);
  };
  await Promise.all(Array.from({ length: options.inFlight }, worker));
  const durationS = (nowMs() - started) / 1000;
  agent.destroy();
  return { latencies, answers, inAck, posted, failed, durationS };
}
