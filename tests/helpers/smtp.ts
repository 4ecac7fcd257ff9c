/**
 * A real SMTP server on loopback (the `smtp-server` package) for tests: it receives what Trag sends
 * through nodemailer, keeps each message (and, with `directory`, writes it there as N.json), and
 * can refuse a message with a chosen reply (421, 550 …) to test retries and failures.
 */
import fs from "node:fs";
import path from "node:path";
import PostalMime from "postal-mime";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";

export type ReceivedMail = {
  /** The envelope recipients (RCPT TO). */
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** The Content-Language header: the recipient's language. */
  language: string;
  raw: string;
};

/** A refusal the server answers with, e.g. { code: 421, message: "Try again later" }. */
export type Refusal = { code: number; message: string };

export type SmtpServerOptions = {
  /** Decides per message (after its DATA) whether to refuse it; `count` is how many arrived before, refused or not. */
  refuse?: (mail: ReceivedMail, count: number) => Refusal | undefined;
  /**
   * Runs once a message has arrived (it is in `received` already), before the server answers 250:
   * a test can kill the sender here, between its sending and its recording that it sent.
   */
  onReceived?: (mail: ReceivedMail) => void | Promise<void>;
  /** Runs as a client connects; a test can kill the sender here, with nothing in flight. Throwing refuses the connection. */
  onConnect?: () => void | Promise<void>;
  /** Writes every accepted message to this folder as 1.json, 2.json … (envelope recipients and the raw message) */
  directory?: string;
};

export type TestSmtpServer = {
  url: string;
  /** Messages that arrived and were not refused, in order. */
  received: ReceivedMail[];
  close(): Promise<void>;
};

function addresses(list: SMTPServerAddress[]): string[] {
  return list.map((a) => a.address);
}

/** Parses a raw message into the fields tests look at. */
export async function parseMail(raw: string, to: string[]): Promise<ReceivedMail> {
  const parsed = await PostalMime.parse(raw);
  const header = (name: string) => parsed.headers.find((h) => h.key === name)?.value ?? "";
  return { to, subject: parsed.subject ?? "", text: parsed.text ?? "", html: parsed.html ?? "", messageId: parsed.messageId ?? "", language: header("content-language"), raw };
}

export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  let count = 0;
  const server = new SMTPServer({
    // Plain SMTP on loopback: no STARTTLS offered, no login needed.
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    onConnect(_session, callback) {
      Promise.resolve(options.onConnect?.()).then(
        () => callback(),
        (error: Error) => callback(error),
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        void (async () => {
          const mail = await parseMail(Buffer.concat(chunks).toString("utf8"), addresses(session.envelope.rcptTo));
          const refusal = options.refuse?.(mail, count++);
          if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
          received.push(mail);
          if (options.directory) fs.writeFileSync(path.join(options.directory, `${received.length}.json`), JSON.stringify({ to: mail.to, raw: mail.raw }));
          await options.onReceived?.(mail);
          callback();
        })().catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The messages an SMTP server started with `directory` has accepted, in order (for e2e tests); with `to`, only those to that address. */
export async function readMailbox(directory: string, { to }: { to?: string } = {}): Promise<ReceivedMail[]> {
  const files = fs
    .readdirSync(directory)
    .filter((name) => name.endsWith(".json"))
    .sort((a, b) => parseInt(a) - parseInt(b));
  const stored = files.map((name) => JSON.parse(fs.readFileSync(path.join(directory, name), "utf8")) as { to: string[]; raw: string });
  // Only the messages to `to` are parsed (about 1 ms each): a test polling for its message would otherwise parse the whole suite's mail every time.
  return Promise.all(stored.filter((mail) => to === undefined || mail.to.includes(to)).map((mail) => parseMail(mail.raw, mail.to)));
}

/** The links in a message's text part. */
export function linksIn(mail: ReceivedMail): string[] {
  return mail.text.match(/https?:\/\/\S+/g) ?? [];
}
