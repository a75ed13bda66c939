// Fetching reports over http(s), defensively: a timeout, a size cap, a content-type check, and no
// requests to loopback, private or link-local addresses unless the user allows them (a URL list
// pasted from elsewhere must not turn crisisdesk into a probe of the analyst's own network). The
// address is checked where the connection is made: the socket's own lookup resolves the name,
// refuses it if any answer is private, and connects to the address it checked, so a name that
// answers differently the second time (DNS rebinding) never gets a second resolution.
import { lookup as dnsLookup } from "node:dns/promises";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { CrisisdeskError } from "../domain/index.js";
import { isPrivateAddress } from "./address-check.js";

export { isPrivateAddress };

/** A name's addresses, as the system resolver gives them; a port so tests can answer for a name. */
export type Resolve = (hostname: string) => Promise<{ address: string; family: number }[]>;

export interface FetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  allowPrivate?: boolean;
  /** Name resolution (default: the system's, all addresses). */
  resolve?: Resolve;
}

export interface Fetched {
  url: string;
  contentType: string;
  bytes: Uint8Array;
}

export type Fetcher = (url: string, options?: FetchOptions) => Promise<Fetched>;

const systemResolve: Resolve = (hostname) => dnsLookup(hostname, { all: true });

function forbidden(address: string, where: string): CrisisdeskError {
  return new CrisisdeskError(
    "FORBIDDEN_ADDRESS",
    `refusing to fetch from ${address}, a loopback, private or link-local address (use --allow-private to permit it)`,
    { where },
  );
}

/** The socket's lookup: resolve once, check every answer, hand the checked answers to connect. */
function checkedLookup(resolve: Resolve, allowPrivate: boolean, where: string): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (answers) => {
        const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = answers.filter((a) => wanted === 0 || a.family === wanted);
        const blocked = allowPrivate ? undefined : answers.find((a) => isPrivateAddress(a.address));
        if (blocked) return callback(forbidden(blocked.address, where), "", 0);
        const first = usable[0];
        if (!first) {
          const error: NodeJS.ErrnoException = new Error(`no address for ${hostname}`);
          error.code = "ENOTFOUND";
          return callback(error, "", 0);
        }
        if (options.all) (callback as (e: null, a: typeof usable) => void)(null, usable);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}

const ACCEPTED =
  /^(text\/|application\/(xhtml\+xml|xml|rss\+xml|atom\+xml|rdf\+xml|pdf|json|x-ndjson|jsonl))/i;

/** One request, no redirects followed; resolves with the response head. */
function get(url: URL, lookup: LookupFunction, signal: AbortSignal): Promise<IncomingMessage> {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: "GET",
        // A connection of its own: a pooled socket would skip the lookup, and with it the check
        // (made under another run's --allow-private, or to another answer of the name).
        agent: false,
        lookup,
        signal,
        headers: {
          "user-agent": "crisisdesk/0.1 (+report ingestion)",
          accept:
            "text/html,application/xhtml+xml,application/xml,application/pdf,text/plain;q=0.9,*/*;q=0.5",
          "accept-encoding": "gzip, deflate, br",
        },
      },
      resolve,
    );
    request.on("error", reject);
    request.end();
  });
}

/** The body, decompressed, refused as soon as it passes `maxBytes` (a compressed bomb included). */
async function readBody(response: IncomingMessage, maxBytes: number, where: string): Promise<Buffer> {
  const encoding = (response.headers["content-encoding"] ?? "identity").toLowerCase().trim();
  const decoder =
    encoding === "gzip" || encoding === "x-gzip"
      ? createGunzip()
      : encoding === "deflate"
        ? createInflate()
        : encoding === "br"
          ? createBrotliDecompress()
          : null;
  if (!decoder && encoding !== "identity") {
    response.destroy();
    throw new CrisisdeskError("UNSUPPORTED_FORMAT", `unsupported content encoding ${encoding}`, { where });
  }
  const body = decoder ? response.pipe(decoder) : response;
  if (decoder) response.on("error", (error) => decoder.destroy(error));
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      response.destroy();
      decoder?.destroy();
      throw new CrisisdeskError("TOO_LARGE", `the response exceeds the limit of ${maxBytes} bytes`, {
        where,
      });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

export const fetchUrl: Fetcher = async (input, options = {}) => {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxBytes = options.maxBytes ?? 25 * 1024 * 1024;
  const allowPrivate = options.allowPrivate ?? false;
  let url: URL;
  try {
    url = new URL(input);
  } catch (cause) {
    throw new CrisisdeskError("FETCH_FAILED", "not a valid URL", { where: input, cause });
  }
  const signal = AbortSignal.timeout(timeoutMs);
  const lookup = checkedLookup(options.resolve ?? systemResolve, allowPrivate, input);
  try {
    for (let hop = 0; hop < 6; hop++) {
      if (url.protocol !== "http:" && url.protocol !== "https:") {
        throw new CrisisdeskError(
          "FETCH_FAILED",
          `only http and https URLs can be fetched, not ${url.protocol}`,
          { where: input },
        );
      }
      // An address literal gets no lookup: it is checked here, as written.
      const host = url.hostname.replace(/^\[|\]$/g, "");
      if (isIP(host) && !allowPrivate && isPrivateAddress(host)) throw forbidden(host, url.href);
      const response = await get(url, lookup, signal);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location) {
        response.destroy();
        url = new URL(location, url);
        continue;
      }
      if (status < 200 || status >= 300) {
        response.destroy();
        throw new CrisisdeskError(
          "FETCH_FAILED",
          `the server answered ${status} ${response.statusMessage ?? ""}`.trim(),
          { where: input },
        );
      }
      const contentType = response.headers["content-type"] ?? "application/octet-stream";
      if (!ACCEPTED.test(contentType)) {
        response.destroy();
        throw new CrisisdeskError(
          "UNSUPPORTED_FORMAT",
          `unsupported content type ${contentType} (expected HTML, text, XML feed, JSON or PDF)`,
          { where: input },
        );
      }
      const declared = Number(response.headers["content-length"] ?? 0);
      if (declared > maxBytes) {
        response.destroy();
        throw new CrisisdeskError(
          "TOO_LARGE",
          `the response is ${declared} bytes; the limit is ${maxBytes}`,
          { where: input },
        );
      }
      return { url: url.href, contentType, bytes: await readBody(response, maxBytes, input) };
    }
    throw new CrisisdeskError("FETCH_FAILED", "too many redirects", { where: input });
  } catch (cause) {
    if (cause instanceof CrisisdeskError) throw cause;
    const name = (cause as Error).name;
    if (signal.aborted || name === "TimeoutError" || name === "AbortError") {
      throw new CrisisdeskError("FETCH_TIMEOUT", `no complete answer within ${timeoutMs / 1000} s`, {
        where: input,
        cause,
      });
    }
    const reason =
      ((cause as Error & { cause?: Error }).cause?.message ?? (cause as Error).message) || String(cause);
    throw new CrisisdeskError("FETCH_FAILED", `the request failed (${reason})`, { where: input, cause });
  }
};
