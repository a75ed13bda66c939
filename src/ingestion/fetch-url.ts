// Fetching reports over http(s), defensively: a timeout, a size cap, a content-type check, and no
// requests to loopback, private or link-local addresses unless the user allows them (a URL list
// pasted from elsewhere must not turn crisisdesk into a probe of the analyst's own network).
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { CrisisdeskError } from "../domain/index.js";

export interface FetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  allowPrivate?: boolean;
}

export interface Fetched {
  url: string;
  contentType: string;
  bytes: Uint8Array;
}

export type Fetcher = (url: string, options?: FetchOptions) => Promise<Fetched>;

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  PRIVATE.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  PRIVATE.addSubnet(net, prefix, "ipv6");
}

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1]!, "ipv4");
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, "ipv4");
  if (family === 6) return PRIVATE.check(address, "ipv6");
  return false;
}

const ACCEPTED =
  /^(text\/|application\/(xhtml\+xml|xml|rss\+xml|atom\+xml|rdf\+xml|pdf|json|x-ndjson|jsonl))/i;

async function assertPublic(url: URL): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  const blocked = addresses.find(isPrivateAddress);
  if (blocked) {
    throw new CrisisdeskError(
      "FORBIDDEN_ADDRESS",
      `refusing to fetch from ${blocked}, a loopback, private or link-local address (use --allow-private to permit it)`,
      { where: url.href },
    );
  }
}

export const fetchUrl: Fetcher = async (input, options = {}) => {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxBytes = options.maxBytes ?? 25 * 1024 * 1024;
  let url: URL;
  try {
    url = new URL(input);
  } catch (cause) {
    throw new CrisisdeskError("FETCH_FAILED", "not a valid URL", { where: input, cause });
  }
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    for (let hop = 0; hop < 6; hop++) {
      if (url.protocol !== "http:" && url.protocol !== "https:") {
        throw new CrisisdeskError(
          "FETCH_FAILED",
          `only http and https URLs can be fetched, not ${url.protocol}`,
          { where: input },
        );
      }
      if (!options.allowPrivate) await assertPublic(url);
      const response = await fetch(url, {
        redirect: "manual",
        signal,
        headers: {
          "user-agent": "crisisdesk/0.1 (+report ingestion)",
          accept:
            "text/html,application/xhtml+xml,application/xml,application/pdf,text/plain;q=0.9,*/*;q=0.5",
        },
      });
      if (response.status >= 300 && response.status < 400 && response.headers.get("location")) {
        url = new URL(response.headers.get("location")!, url);
        await response.body?.cancel();
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new CrisisdeskError(
          "FETCH_FAILED",
          `the server answered ${response.status} ${response.statusText}`.trim(),
          { where: input },
        );
      }
      const contentType = response.headers.get("content-type") ?? "application/octet-stream";
      if (!ACCEPTED.test(contentType)) {
        await response.body?.cancel();
        throw new CrisisdeskError(
          "UNSUPPORTED_FORMAT",
          `unsupported content type ${contentType} (expected HTML, text, XML feed, JSON or PDF)`,
          { where: input },
        );
      }
      const declared = Number(response.headers.get("content-length") ?? 0);
      if (declared > maxBytes) {
        await response.body?.cancel();
        throw new CrisisdeskError(
          "TOO_LARGE",
          `the response is ${declared} bytes; the limit is ${maxBytes}`,
          { where: input },
        );
      }
      const chunks: Uint8Array[] = [];
      let total = 0;
      const reader = response.body?.getReader();
      for (let part = await reader?.read(); part && !part.done; part = await reader?.read()) {
        const chunk = part.value;
        total += chunk.byteLength;
        if (total > maxBytes) {
          await reader?.cancel();
          throw new CrisisdeskError("TOO_LARGE", `the response exceeds the limit of ${maxBytes} bytes`, {
            where: input,
          });
        }
        chunks.push(chunk);
      }
      return { url: url.href, contentType, bytes: Buffer.concat(chunks) };
    }
    throw new CrisisdeskError("FETCH_FAILED", "too many redirects", { where: input });
  } catch (cause) {
    if (cause instanceof CrisisdeskError) throw cause;
    const name = (cause as Error).name;
    if (name === "TimeoutError" || name === "AbortError") {
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
